"""The end of a program in the browser: both sides answer privately, only their mutual "continue" is revealed,
the closing converts the pair, and the coordinator sees totals only."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.notifications.scanning import run_scan
from programs.services.surveys import add_closing_survey
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, ProgramFactory
from tests.sessions.factories import MentorshipFactory, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_both_sides_choose_to_continue_and_the_coordinator_sees_only_totals(page, live_server):
    coordinator = ProfileFactory(user=UserFactory(email="cora@example.org", is_coordinator=True)).user
    today = timezone.localdate()
    cohort = CohortFactory(
        program=ProgramFactory(coordinators=[coordinator]),
        starts_on=today - timedelta(days=170),
        ends_on=today + timedelta(days=10),
    )
    add_closing_survey(cohort=cohort)  # as a cohort made in the pages starts with
    mentee = person(first_name="Mia", last_name="Okafor", email="mia@example.org")
    mentor = person(first_name="Max", last_name="Ito", email="max@example.org")
    pair = MentorshipFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    run_scan()  # asks both sides

    log_in(page, live_server, mentee.email, PASSWORD)
    page.goto(f"{live_server.url}{pair.get_absolute_url()}")
    page.get_by_role("link", name="Answer privately").click()
    page.get_by_label("Continue informally").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("It stays private unless you both choose to continue.")).to_be_visible()
    expect(page.get_by_text("both chose to continue")).to_have_count(0)
    survey = page.locator("#survey")
    expect(survey.get_by_text("How well did the match work?")).to_be_visible()
    survey.get_by_label("5", exact=True).check()
    survey.get_by_label("Honest feedback").check()
    survey.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("never with your name")).to_be_visible()
    expect(page.locator("#survey").get_by_text("you answered on")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, mentor.email, PASSWORD)
    page.goto(f"{live_server.url}{pair.get_absolute_url()}")
    page.get_by_role("link", name="Answer privately").click()
    expect(page.get_by_text("Your answer now")).to_have_count(0)
    page.get_by_label("Continue informally").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("You and Mia Okafor both chose to continue informally.")).to_be_visible()

    run_scan(timezone.now() + timedelta(days=11))  # the cohort has ended: the pair is converted
    page.reload()
    page.wait_for_load_state()
    expect(page.get_by_text("Your mentorship carries on")).to_be_visible()
    page.get_by_label("What helped").fill("Your questions about my budget plan.")
    page.get_by_role("button", name="Send the thank-you note").click()
    expect(page.get_by_text("Your thank-you note is on its way.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/mentorships/cohorts/{cohort.pk}/activity/")
    summary = page.locator("#closing-summary")
    expect(summary.get_by_text("2 of 2 people")).to_be_visible()
    expect(summary.get_by_text("Thank-you notes sent")).to_be_visible()
    expect(summary.get_by_text("averages appear from 3 answers")).to_be_visible()  # one answer: no figure yet
    expect(page.get_by_text("Your questions about my budget plan.")).to_have_count(0)
    expect(page.get_by_text("Continue informally")).to_have_count(0)
