"""Resources: the coordinator publishes a guide and an agenda template, clicking from home; the mentee finds the
guide from her home and starts her meeting's agenda from the template, on the meeting page, without a reload."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import field, log_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, ProgramFactory
from tests.sessions.factories import MeetingFactory, MentorshipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def person(email: str, first: str, last: str, **fields):
    return ProfileFactory(user=UserFactory(email=email, first_name=first, last_name=last, **fields)).user


def test_a_coordinator_publishes_a_guide_and_a_template_and_a_pair_starts_its_agenda_from_it(page, live_server):
    coordinator = person("coco@example.org", "Coco", "Ordinator", is_coordinator=True)
    cohort = CohortFactory(program=ProgramFactory(coordinators=[coordinator], name="Leaders"), name="Spring")
    mentee = person("mia@example.org", "Mia", "Mentee")
    pair = MentorshipFactory(cohort=cohort, mentee=mentee, mentor=person("max@example.org", "Max", "Mentor"))
    MeetingFactory(mentorship=pair, starts_at=timezone.now() + timedelta(days=3))

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.get_by_role("link", name="Resources of Leaders").click()
    page.get_by_role("link", name="New guide").click()
    field(page, "Title").fill("Your first meeting")
    field(page, "Text").fill("Bring <b>one</b> question.\n\nMore at https://example.org/first")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Your first meeting” is published")).to_be_visible()

    page.get_by_role("link", name="New agenda template").click()
    field(page, "Name").fill("First meeting")
    page.get_by_label("Category").nth(0).select_option(label="Question for the mentor")
    page.get_by_label("Item", exact=True).nth(0).fill("What made you say yes to mentoring?")
    page.get_by_label("Category").nth(1).select_option(label="Goal check-in")
    page.get_by_label("Item", exact=True).nth(1).fill("My first SMART goal")
    page.get_by_role("button", name="Save template").click()
    expect(page.get_by_text("The agenda template “First meeting” is saved")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, mentee.email, PASSWORD)
    page.get_by_role("link", name="Resources of Leaders").click()
    page.get_by_role("link", name="Your first meeting").click()
    expect(page.get_by_text("Bring <b>one</b> question.")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/first")).to_be_visible()

    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name=re.compile("with Max")).click()
    page.get_by_label("Start from a template").select_option(label="First meeting")
    page.get_by_role("button", name="Add the template's items").click()
    agenda = page.locator("#agenda")
    expect(agenda.get_by_text("Template items added.")).to_be_visible()
    expect(agenda.get_by_text("What made you say yes to mentoring?")).to_be_visible()
    expect(agenda.get_by_text("My first SMART goal")).to_be_visible()
    expect(agenda.get_by_text("Goal check-in · added by Mia")).to_be_visible()
