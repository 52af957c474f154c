"""The guided setup after joining by invitation, by clicking only (the e-mail's link is the one typed address):
a new mentee goes through profile essentials, a first SMART goal and Find a mentor, each step coming back to the
setup marked "Done", and finishes; a new mentor sets their capacity on the setup page. Each on a desktop and on a
phone viewport; axe checks every page (tests/e2e/conftest.py)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from mentoring.profiles.models import Skill
from programs.models import Enrollment, Role
from programs.tasks import send_invitation_emails
from sessions.models import Goal
from tests.e2e.conftest import fill_smart_goal, log_in, mail_link, path_of, request_mentor
from tests.factories import PASSWORD, SkillFactory, UserFactory
from tests.matching.factories_bulk import participant
from tests.programs.factories import CohortFactory, InvitationFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _steps(page):
    return page.get_by_role("main").get_by_role("listitem")


def _step(page, title: str):
    return _steps(page).filter(has=page.get_by_role("heading", name=re.compile(rf"^{re.escape(title)}")))


def _join_by_invitation(page, live_server, cohort, role: str, email: str, first_name: str) -> None:
    """An invitation mailed to a person who has just made an account; they sign in and follow the link."""
    invitation = InvitationFactory(cohort=cohort, email=email, role=role)
    send_invitation_emails([invitation.pk])
    link = mail_link(next(m for m in mail.outbox if m.to == [email]), "/programs/invitations/")
    UserFactory(email=email, first_name=first_name, last_name="New")
    log_in(page, live_server, email, PASSWORD)
    page.goto(live_server.url + path_of(link))
    page.get_by_role("button", name=f"Join as {role}").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=f"Get set up in {cohort.name}")).to_be_visible()


def test_a_new_mentee_goes_through_the_guided_setup_step_by_step_and_finishes(page, live_server, screen):
    budgeting = Skill.objects.filter(name="Budgeting").first() or SkillFactory(name="Budgeting", slug="budgeting-e2e")
    cohort = CohortFactory(program=ProgramFactory(name="Finance Futures", matching_mode="mentee_choice"), name="Spring")
    participant(
        cohort, Role.MENTOR, offers=[budgeting], user__first_name="Max", user__last_name="Ito",
        user__email="max@example.org", years_experience=18, job_level=6,
    )  # fmt: skip
    _join_by_invitation(page, live_server, cohort, Role.MENTEE, "nia@example.org", "Nia")
    expect(page.get_by_text("Step 1 of 3 · 0 done")).to_be_visible()
    for title in ("Profile essentials", "A first SMART goal", "Find a mentor"):
        expect(_step(page, title).get_by_text("To do")).to_be_visible()

    # Profile essentials, and back to the setup.
    _step(page, "Profile essentials").get_by_role("link", name=re.compile("^Fill in your profile")).click()
    page.wait_for_load_state()
    page.get_by_label("Headline").fill("Analyst growing into a finance lead")
    page.get_by_label("Bio").fill("Six years in planning; I want to run budgets.")
    page.get_by_label("Organisation", exact=True).fill("Northwind")
    page.get_by_label("Job level").select_option(label="Mid-level")
    page.get_by_label("Career track").select_option(value="finance")
    page.get_by_role("radio", name=re.compile("Structured")).check()
    page.get_by_role("checkbox", name="English", exact=True).check()
    page.get_by_role("checkbox", name="Video call", exact=True).check()
    page.get_by_label("First priority").select_option(label="Budgeting")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Get set up in Spring")).to_be_visible()
    expect(_step(page, "Profile essentials").get_by_text("Done")).to_be_visible()
    expect(page.get_by_text("Step 2 of 3 · 1 done")).to_be_visible()

    # A first SMART goal.
    _step(page, "A first SMART goal").get_by_role("link", name=re.compile("^Set a goal")).click()
    page.wait_for_load_state()
    fill_smart_goal(page)
    page.get_by_role("button", name="Save goal").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Goal saved and shared with your mentors.")).to_be_visible()
    expect(_step(page, "A first SMART goal").get_by_text("Done")).to_be_visible()
    expect(page.get_by_text("Step 3 of 3 · 2 done")).to_be_visible()

    # Find a mentor: the list, a request, and back to the setup.
    _step(page, "Find a mentor").get_by_role("link", name=re.compile("^Find a mentor")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Find a mentor")).to_be_visible()
    request_mentor(page, "Max Ito")
    expect(page.get_by_role("heading", name="Get set up in Spring")).to_be_visible()
    for title in ("Profile essentials", "A first SMART goal", "Find a mentor"):
        expect(_step(page, title).get_by_text("Done")).to_be_visible()
    expect(page.get_by_text("3 done")).to_be_visible()

    page.get_by_role("button", name="Finish setup").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Setup finished. Your next steps are on your home page.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Welcome"))).to_be_visible()
    enrollment = Enrollment.objects.get(user__email="nia@example.org", cohort=cohort, role=Role.MENTEE)
    assert enrollment.onboarding_closed_at is not None
    assert Goal.objects.filter(enrollment=enrollment, title="Lead budget reviews").exists()


def test_a_new_mentor_sets_their_capacity_on_the_setup_page(page, live_server, screen):
    cohort = CohortFactory(program=ProgramFactory(name="Finance Futures", mentor_capacity=3), name="Autumn")
    _join_by_invitation(page, live_server, cohort, Role.MENTOR, "omar@example.org", "Omar")
    capacity = _step(page, "Your capacity")
    expect(capacity.get_by_text("To do")).to_be_visible()
    capacity.get_by_label("Mentees you can take").fill("2")
    capacity.get_by_role("button", name="Save capacity").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Capacity saved.")).to_be_visible()
    expect(_step(page, "Your capacity").get_by_text("Done")).to_be_visible()
    expect(page.get_by_label("Mentees you can take")).to_have_value("2")
    enrollment = Enrollment.objects.get(user__email="omar@example.org", cohort=cohort, role=Role.MENTOR)
    assert enrollment.capacity_override == 2
