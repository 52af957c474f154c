"""One journey per role from the home page, by clicking only, on a desktop and on a phone (where the navigation
collapses behind the toggler): a mentee, a mentor, a coordinator and someone who is a mentee in one cohort and a
mentor in another. Each person signs in, finds the next step on home, does it, and sees it gone from home. Data are
set up with factories; axe checks every page loaded (tests/e2e/conftest.py)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.profiles.models import Skill
from programs.models import Role
from tests.e2e.conftest import field, fill_smart_goal, log_in, request_mentor
from tests.factories import PASSWORD, ProfileFactory, SkillFactory, UserFactory
from tests.matching.factories import MentorshipRequestFactory
from tests.matching.factories_bulk import participant
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory, ProgramFactory
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory, MentorshipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def menu(page, name: str) -> None:
    """Click an item of the main navigation, opening it first with the toggler where it is collapsed (phone)."""
    navigation = page.get_by_role("navigation", name="Main navigation")
    link = navigation.get_by_role("link", name=name, exact=True)
    toggler = navigation.get_by_role("button", name="Menu")
    if toggler.is_visible():
        expect(link).to_be_hidden()
        toggler.click()
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()


def home(page) -> None:
    menu(page, "Home")
    expect(page.get_by_role("heading", name=re.compile("^Welcome"))).to_be_visible()


def steps(page):
    return page.get_by_role("region", name="Your next steps").get_by_role("listitem")


def step(page, title: str):
    """The next step with this title, on home."""
    return steps(page).filter(has=page.get_by_text(title, exact=True))


def take_step(page, title: str, action: str) -> None:
    item = step(page, title)
    expect(item).to_have_count(1)
    item.get_by_role("link", name=re.compile(rf"^{re.escape(action)}")).click()
    page.wait_for_load_state()


def budgeting():
    return Skill.objects.filter(name="Budgeting").first() or SkillFactory(name="Budgeting", slug="budgeting-e2e")


def test_a_mentee_finds_a_mentor_sets_a_first_goal_and_prepares_an_agenda_from_home(page, live_server, screen):
    skill = budgeting()
    spring = CohortFactory(program=ProgramFactory(name="Finance Futures", matching_mode="mentee_choice"), name="Spring")
    mia = participant(
        spring, Role.MENTEE, seeks=[skill], user__first_name="Mia", user__last_name="Okafor",
        user__email="mia@example.org",
    )  # fmt: skip
    participant(
        spring, Role.MENTOR, offers=[skill], user__first_name="Max", user__last_name="Ito",
        user__email="max@example.org",
    )  # fmt: skip
    # In another program she already has a mentor, a goal, and a meeting coming up with no agenda yet.
    ida = ProfileFactory(user=UserFactory(first_name="Ida", last_name="Berg", email="ida@example.org")).user
    pair = MentorshipFactory(cohort=CohortFactory(name="Autumn"), mentee=mia, mentor=ida)
    GoalFactory(enrollment=pair.cohort.enrollments.get(user=mia), title="Speak at the all-hands")
    MeetingFactory(mentorship=pair, starts_at=timezone.now() + timedelta(days=6), objective="Plan my talk")

    log_in(page, live_server, mia.email, PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Mia")).to_be_visible()
    expect(step(page, "Find a mentor")).to_be_visible()

    # Find a mentor, then ask one.
    take_step(page, "Find a mentor", "Find a mentor")
    expect(page.get_by_role("heading", name="Find a mentor")).to_be_visible()
    request_mentor(page, "Max Ito")
    home(page)
    expect(step(page, "Find a mentor")).to_have_count(0)

    # A first SMART goal for the Spring cohort.
    take_step(page, "Set your first SMART goal", "Set a goal")
    field(page, "Cohort").select_option(value=str(spring.enrollments.get(user=mia).pk))
    fill_smart_goal(page)
    page.get_by_role("button", name="Save goal").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Goal saved and shared with your mentors.")).to_be_visible()
    expect(page.get_by_role("heading", name="Lead budget reviews")).to_be_visible()
    home(page)
    expect(step(page, "Set your first SMART goal")).to_have_count(0)
    goals = page.get_by_role("region", name="Your goals")
    expect(goals.get_by_role("link", name="Lead budget reviews")).to_be_visible()

    # The upcoming meeting, from home, and its agenda.
    expect(step(page, "Prepare the agenda")).to_have_count(1)
    page.get_by_role("region", name="Upcoming meetings").get_by_role("link", name=re.compile("with Ida Berg")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=re.compile("Ida Berg"))).to_be_visible()
    page.get_by_label("New item").fill("How do you plan for reserves?")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator("#agenda-live")).to_have_text("Item added.")
    expect(page.locator("#meeting-badges")).to_contain_text("Agenda prepared")
    home(page)
    expect(step(page, "Prepare the agenda")).to_have_count(0)


def test_a_mentor_answers_a_request_and_reviews_an_agenda_from_home(page, live_server, screen):
    cohort = CohortFactory(program=ProgramFactory(name="Finance Futures", matching_mode="mentee_choice"))
    max_ = participant(cohort, Role.MENTOR, user__first_name="Max", user__last_name="Ito")
    mia = participant(cohort, Role.MENTEE, user__first_name="Mia", user__last_name="Okafor")
    MentorshipRequestFactory(cohort=cohort, mentee=mia, mentor=max_, help_wanted="Plan my first budget.")
    noah = ProfileFactory(user=UserFactory(first_name="Noah", last_name="Berg")).user
    meeting = MeetingFactory(
        mentorship=MentorshipFactory(cohort=cohort, mentee=noah, mentor=max_),
        starts_at=timezone.now() + timedelta(days=5),
    )
    AgendaItemFactory(meeting=meeting, author=noah, text="My stakeholder map")

    log_in(page, live_server, max_.email, PASSWORD)
    expect(steps(page).first).to_contain_text("Answer Mia Okafor's request")

    take_step(page, "Answer Mia Okafor's request", "Answer the request")
    expect(page.get_by_role("heading", name="Mia Okafor asks you to be their mentor")).to_be_visible()
    expect(page.get_by_text("Plan my first budget.")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Accepted: your mentorship has started.")).to_be_visible()
    home(page)
    expect(step(page, "Answer Mia Okafor's request")).to_have_count(0)

    take_step(page, "Review the agenda", "Review it")
    expect(page.get_by_text("My stakeholder map")).to_be_visible()
    expect(page.locator("#meeting-badges")).to_contain_text("Not reviewed yet")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.locator("#agenda-live")).to_have_text("Agenda marked as reviewed.")
    expect(page.locator("#meeting-badges")).to_contain_text("Reviewed by the mentor")
    home(page)
    expect(step(page, "Review the agenda")).to_have_count(0)


def test_a_coordinator_reaches_a_cohorts_people_health_and_invitations_from_home(page, live_server, screen):
    cora = ProfileFactory(
        user=UserFactory(first_name="Cora", last_name="Lind", email="cora@example.org", is_coordinator=True)
    ).user
    cohort = CohortFactory(program=ProgramFactory(name="Leadership Circle", coordinators=[cora]), name="Spring")
    MentorshipFactory(cohort=cohort)
    participant(cohort, Role.MENTEE, user__first_name="Olga", user__last_name="Left")
    InvitationFactory(cohort=cohort, email="ada@example.org")

    log_in(page, live_server, cora.email, PASSWORD)
    programs = page.get_by_role("region", name="Programs you coordinate")
    row = programs.get_by_role("row", name=re.compile("^Spring"))
    expect(row).to_contain_text("1 to match")

    row.get_by_role("link", name="Spring").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=re.compile("^Spring"))).to_be_visible()

    home(page)
    row.get_by_role("link", name="2 mentees, 1 mentor").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=re.compile("People in Spring"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("^Olga Left"))).to_be_visible()

    home(page)
    row.get_by_role("link", name="None").first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=re.compile("Cohort health: Spring"))).to_be_visible()

    home(page)
    row.get_by_role("link", name="1 open").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Invite people to Spring")).to_be_visible()
    field(page, "Role").select_option(label="Mentor")
    field(page, "E-mail addresses").fill("ben@example.org")
    page.get_by_role("button", name="Send invitations").click()
    page.wait_for_load_state()
    expect(page.get_by_text("1 invitation sent.")).to_be_visible()
    home(page)
    expect(row).to_contain_text("2 open")


def test_someone_who_is_a_mentee_and_a_mentor_finds_both_sides_from_home(page, live_server, screen):
    skill = budgeting()
    learning = CohortFactory(program=ProgramFactory(name="Finance Futures", matching_mode="mentee_choice"))
    teaching = CohortFactory(program=ProgramFactory(name="New Managers", matching_mode="mentee_choice"))
    sam = participant(
        learning, Role.MENTEE, seeks=[skill], user__first_name="Sam", user__last_name="Reyes",
        user__email="sam@example.org",
    )  # fmt: skip
    participant(learning, Role.MENTOR, offers=[skill], user__first_name="Max", user__last_name="Ito")
    EnrollmentFactory(user=sam, cohort=teaching, role=Role.MENTOR)
    mia = participant(teaching, Role.MENTEE, user__first_name="Mia", user__last_name="Okafor")
    MentorshipRequestFactory(cohort=teaching, mentee=mia, mentor=sam)

    log_in(page, live_server, sam.email, PASSWORD)
    expect(step(page, "Answer Mia Okafor's request")).to_be_visible()
    expect(step(page, "Find a mentor")).to_be_visible()
    expect(step(page, "Set your first SMART goal")).to_be_visible()

    # The mentee side: mentors ranked for Sam in the cohort where Sam learns.
    take_step(page, "Find a mentor", "Find a mentor")
    expect(page.get_by_role("heading", name="Find a mentor")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Request\b.*Max Ito")).first).to_be_visible()

    # The mentor side: Mia's request in the cohort where Sam mentors, and the inbox from the navigation.
    home(page)
    take_step(page, "Answer Mia Okafor's request", "Answer the request")
    expect(page.get_by_role("heading", name="Mia Okafor asks you to be their mentor")).to_be_visible()
    menu(page, "Requests")
    expect(page.get_by_role("link", name=re.compile("Mia Okafor")).first).to_be_visible()
    menu(page, "My board")
    expect(page.get_by_role("heading", name=re.compile("board", re.IGNORECASE)).first).to_be_visible()
