"""Listening to pairs: the coordinator builds a survey the scan sends after a pair's first meeting, three people
answer from their notifications, and the coordinator reads the aggregate; a mentor offers and the mentee accepts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.models import Mentorship
from mentoring.notifications.scanning import run_scan
from programs.models import Role
from sessions.models import Meeting
from tests.e2e.conftest import field, log_in, nav
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from tests.sessions.factories import MeetingFactory, MentorshipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def person(email: str, first: str, last: str, **fields):
    return ProfileFactory(user=UserFactory(email=email, first_name=first, last_name=last, **fields)).user


def open_notification(page, title: str) -> None:
    nav(page, re.compile("^Notifications"))
    page.get_by_role("link", name=title).first.click()
    page.wait_for_load_state()


def test_a_survey_after_the_first_meeting_reaches_the_coordinator_as_an_aggregate(page, live_server):
    coordinator = person("coco@example.org", "Coco", "Ordinator", is_coordinator=True)
    cohort = CohortFactory(program=ProgramFactory(coordinators=[coordinator], name="Leaders"), name="Spring")
    mentees = [person(f"mentee{i}@example.org", f"Mentee{i}", "Person") for i in range(3)]
    pairs = [
        MentorshipFactory(cohort=cohort, mentee=m, mentor=person(f"mentor{i}@example.org", f"Mentor{i}", "Person"))
        for i, m in enumerate(mentees)
    ]

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/programs/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name="New survey").click()
    field(page, "Title").fill("First meeting pulse")
    field(page, "Who answers").select_option(label="Mentees")
    field(page, "When").select_option(label="After a pair's first meeting")
    page.get_by_label("Question").first.fill("How useful was your first meeting?")
    field(page, "Add the recommendation score (0 to 10)").check()
    page.get_by_role("button", name="Save survey").click()
    expect(page.get_by_text("“First meeting pulse” is ready")).to_be_visible()
    expect(page.get_by_text("Not enough answers yet")).to_be_visible()

    for pair in pairs:
        MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(hours=3), status=Meeting.Status.HELD)
    run_scan(timezone.now())

    for mentee, (scale, score) in zip(mentees, [("4", "9"), ("5", "10"), ("3", "6")], strict=True):
        page.context.clear_cookies()
        log_in(page, live_server, mentee.email, PASSWORD)
        open_notification(page, "A short survey: First meeting pulse")
        page.get_by_role("group", name=re.compile("How useful")).get_by_label(scale, exact=True).check()
        page.get_by_role("group", name=re.compile("How likely")).get_by_label(score, exact=True).check()
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_text("Thank you: your answers are in")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/programs/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Cohort health").click()
    surveys = page.get_by_role("region", name=re.compile("^Surveys"))
    expect(surveys.get_by_text("3 answered of 3 asked")).to_be_visible()
    expect(surveys.get_by_text(re.compile(r"average 4\.0"))).to_be_visible()
    expect(surveys.get_by_text(re.compile("net recommendation score 33"))).to_be_visible()
    survey_text = surveys.inner_text()
    assert not any(m.first_name in survey_text or m.email in survey_text for m in mentees)


def test_a_mentor_offers_and_the_mentee_accepts(page, live_server):
    cohort = CohortFactory(name="Autumn")
    mentor = person("mona@example.org", "Mona", "Mentor")
    mentee = person("milo@example.org", "Milo", "Mentee")
    EnrollmentFactory(cohort=cohort, user=mentor, role=Role.MENTOR)
    EnrollmentFactory(cohort=cohort, user=mentee, role=Role.MENTEE)

    log_in(page, live_server, mentor.email, PASSWORD)
    nav(page, "Requests")
    page.get_by_role("link", name=re.compile("Offer to mentor someone in")).click()
    page.get_by_role("link", name="Offer to mentor Milo Mentee").click()
    field(page, "Why you offer (a few words)").fill("I moved from engineering into product and can help.")
    page.get_by_role("button", name="Send my offer").click()
    expect(page.get_by_text("Your offer is sent to Milo Mentee.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, mentee.email, PASSWORD)
    open_notification(page, "Mona Mentor offers to mentor you")
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text("Mona Mentor is now your mentor.")).to_be_visible()
    assert Mentorship.objects.filter(mentor=mentor, mentee=mentee, status="active").exists()
