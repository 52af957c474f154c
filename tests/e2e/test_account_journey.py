import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from mentoring.profiles.models import Profile, Skill
from tests.e2e.conftest import log_in, mail_link, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_log_in_edit_profile_log_out(page, live_server):
    page.goto(live_server.url)
    page.locator("#main").get_by_role("link", name="Create account").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill("a-long-pass-phrase-42")
    page.get_by_label("Password (again)").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    confirmation = mail_link(mail.outbox[-1], "/accounts/confirm-email/")
    page.goto(live_server.url + path_of(confirmation))
    page.get_by_role("button", name="Confirm").click()

    log_in(page, live_server, "ada@example.org", "a-long-pass-phrase-42")
    expect(page.get_by_role("heading", name="Welcome, Ada")).to_be_visible()

    page.get_by_role("button", name="Ada Okafor").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Headline").fill("Finance analyst growing into leadership")
    page.get_by_label("Organisation", exact=True).fill("Northwind")
    page.get_by_label("First priority").select_option(label="Budgeting")
    page.get_by_label("Second priority").select_option(label="Public speaking")
    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ada Okafor")).to_be_visible()

    profile = Profile.objects.get(user__email="ada@example.org")
    assert profile.headline == "Finance analyst growing into leadership"
    assert profile.time_zone == "Europe/Berlin"
    assert profile.ranked_sought_skills() == [
        Skill.objects.get(name="Budgeting"),
        Skill.objects.get(name="Public speaking"),
    ]

    page.get_by_role("button", name="Ada Okafor").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
