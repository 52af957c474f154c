"""A program shaped by its coordinator: questions and a rule, people joining through the join page, a reason built
from the rule on a suggestion, and the waiting list moving when a seat frees."""

import re

import pytest
from playwright.sync_api import expect

from programs.models import Application, Enrollment, Role
from tests.e2e.conftest import field, log_in, nav
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def person(email: str, first: str, last: str):
    return ProfileFactory(user=UserFactory(email=email, first_name=first, last_name=last)).user


def add_question(page, text: str, kind: str, choices: str) -> None:
    page.get_by_role("link", name="Add a question").click()
    field(page, "Question").fill(text)
    field(page, "Kind").select_option(label=kind)
    field(page, "Choices").fill(choices)
    field(page, "An answer is required").check()
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text(f"“{text}” is added.")).to_be_visible()


def answer(page, question: str, choice: str) -> None:
    page.get_by_role("group", name=re.compile(re.escape(question))).get_by_label(choice).check()


def apply_and_be_approved(page, live_server, applicant, coordinator, cohort) -> None:
    """The applicant applies as a mentee through the join page; the coordinator approves them from the list."""
    page.context.clear_cookies()
    log_in(page, live_server, applicant.email, PASSWORD)
    apply_as_mentee(page, live_server, cohort.program.slug)
    page.context.clear_cookies()
    log_in(page, live_server, coordinator.email, PASSWORD)
    approve(page, live_server, cohort, applicant.display_name)


def apply_as_mentee(page, live_server, slug: str) -> None:
    page.goto(f"{live_server.url}/programs/join/{slug}/")
    page.get_by_role("link", name="Apply as a mentee").click()
    answer(page, "Where do you work?", "Remote")
    answer(page, "What would you like to talk about?", "Strategy")
    field(page, "What you hope to give or get").fill("A sounding board for my first year as a manager.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Status: waiting for a decision")).to_be_visible()


def approve(page, live_server, cohort, name: str) -> None:
    page.goto(f"{live_server.url}/programs/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=re.compile("^Applications")).click()
    page.get_by_label(f"Select {name}").check()
    field(page, "A message to each (optional)").fill("Welcome to the program!")
    page.get_by_role("button", name="Approve the ticked ones").click()
    page.wait_for_load_state()


def test_a_coordinator_shapes_a_program_people_join_it_and_the_waiting_list_moves(page, live_server):
    coordinator = person("casey@example.org", "Casey", "Morgan")
    coordinator.is_coordinator = True
    coordinator.save()
    program = ProgramFactory(name="Leadership Circle", coordinators=[coordinator], applications_open=True)
    cohort = CohortFactory(program=program, name="Spring", mentee_seats=1)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR, user=person("max@example.org", "Max", "Ito")).user

    # The coordinator adds two questions and a rule comparing the first one's answers.
    log_in(page, live_server, coordinator.email, PASSWORD)
    nav(page, "Coordinate")
    page.get_by_role("link", name="Leadership Circle").click()
    page.get_by_role("link", name="Questions and rules").click()
    add_question(page, "Where do you work?", "Single choice", "Remote\nOffice\nHybrid")
    add_question(page, "What would you like to talk about?", "Multiple choice", "Strategy\nPeople\nBudgets")
    page.get_by_role("link", name="Add a rule").click()
    field(page, "The mentee's answer to").select_option(label="Where do you work?")
    field(page, "against the mentor's answer to").select_option(label="Where do you work?")
    field(page, "Compared as").select_option(label="Same answer")
    field(page, "Weight (0 to 10)").fill("10")
    page.get_by_role("button", name="Add rule").click()
    expect(page.get_by_text("“Where do you work?” on both sides: same answer · weight 10")).to_be_visible()

    # The mentor answers from My programs.
    page.context.clear_cookies()
    log_in(page, live_server, mentor.email, PASSWORD)
    nav(page, "My programs")
    page.get_by_role("link", name="Answer Leadership Circle's questions").click()
    answer(page, "Where do you work?", "Remote")
    answer(page, "What would you like to talk about?", "People")
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Your answers for Leadership Circle are saved.")).to_be_visible()

    # A person applies through the join page, answering the questions, and the coordinator approves.
    ada = person("ada@example.org", "Ada", "Okafor")
    apply_and_be_approved(page, live_server, ada, coordinator, cohort)
    expect(page.get_by_text("1 enrolled.")).to_be_visible()

    # Enrolled, she finds the mentor with a reason built from the rule.
    page.context.clear_cookies()
    log_in(page, live_server, ada.email, PASSWORD)
    nav(page, "My programs")
    expect(page.get_by_text("You take part as mentee")).to_be_visible()
    page.get_by_role("link", name="Find a mentor").click()
    expect(page.get_by_text("You both answered “Remote” to “Where do you work?”")).to_be_visible()

    # The cohort's one mentee seat is taken: the next person approved waits on the list.
    ben = person("ben@example.org", "Ben", "Adeyemi")
    apply_and_be_approved(page, live_server, ben, coordinator, cohort)
    expect(page.get_by_text("1 on the waiting list.")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting list (1)")).to_be_visible()

    # A withdrawal frees the seat, and the first person waiting is enrolled.
    page.get_by_role("link", name="Spring").click()
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("button", name="Withdraw Ada Okafor").click()
    expect(page.get_by_text("Ada Okafor is withdrawn from the cohort.")).to_be_visible()
    assert Enrollment.objects.get(user=ben, cohort=cohort).is_active
    assert Application.objects.get(user=ben).is_enrolled
    page.context.clear_cookies()
    log_in(page, live_server, ben.email, PASSWORD)
    nav(page, "My programs")
    expect(page.get_by_role("heading", name="Leadership Circle: Spring")).to_be_visible()
