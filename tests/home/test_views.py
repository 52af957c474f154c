"""The home page: next steps ranked by urgency across every role a person holds, meetings, goals, a coordinator's
cohorts, and a navigation offering only what the person can do."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.home.views import STEPS_SHOWN
from programs.models import Role
from sessions.models import Agreement, Meeting, PairHealth
from sessions.services.health import refresh_pair_health
from tests.factories import UserFactory
from tests.home.scene import home_scene
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory, ProgramFactory
from tests.sessions.factories import (
    AgendaItemFactory,
    GoalCheckInFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
)

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def nav(page: str) -> str:
    return page[page.index('id="main-nav"') : page.index("</nav>")]


def test_anonymous_visitors_see_the_landing_page(client):
    page = client.get("/").content.decode()
    assert "Create account" in page and "Sign in" in page and "Log in" not in page


def test_someone_in_no_cohort_is_told_how_to_join(client, user):
    page = home(client, user)
    assert f"Welcome, {user.first_name}" in page
    assert "You are not in a mentoring cohort yet" in page


def test_a_new_mentee_is_pointed_at_the_profile_then_a_goal_then_a_mentor(client):
    enrollment = EnrollmentFactory(role=Role.MENTEE, user=UserFactory())
    page = home(client, enrollment.user)
    steps = ["Finish your profile", "Set your first SMART goal", "Find a mentor"]
    positions = [page.index(step) for step in steps]
    assert positions == sorted(positions)
    assert f"/matching/cohorts/{enrollment.cohort.pk}/mentors/" in page
    assert "/mentorships/goals/new/" in page


def test_the_mentors_steps_come_first_when_someone_waits_for_them(client):
    meeting = MeetingFactory()
    pair = meeting.mentorship
    AgendaItemFactory(meeting=meeting)
    request = MentorshipRequestFactory(mentor=pair.mentor, cohort=pair.cohort)
    page = home(client, pair.mentor)
    assert page.index("Answer") < page.index("Review the agenda")
    assert request.get_absolute_url() in page and meeting.get_absolute_url() in page
    assert "Prepare the agenda" not in page
    page = home(client, pair.mentee)
    assert "Prepare the agenda" in page and "Review the agenda" not in page
    assert "Answer the request" not in page


def test_meetings_to_wrap_up_agreements_and_closing_questions_are_next_steps(client):
    cohort = CohortFactory(starts_on=timezone.localdate() - timedelta(days=170))  # ends in ten days: closing
    pair = MentorshipFactory(cohort=cohort)
    MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(days=1))
    Agreement.objects.create(mentorship=pair, mentee_confirmed_at=timezone.now())
    page = home(client, pair.mentor)
    assert "Wrap up the meeting" in page
    assert "Confirm your mentoring agreement" in page
    assert "Say what happens after the program" in page
    assert page.index("Wrap up") < page.index("Confirm your mentoring agreement") < page.index("Say what happens")
    assert "Confirm your mentoring agreement" not in home(client, pair.mentee)


def test_a_pair_continuing_after_the_program_still_sees_its_meetings_but_an_ended_one_does_not(client):
    ended = CohortFactory(
        starts_on=timezone.localdate() - timedelta(days=200), ends_on=timezone.localdate() - timedelta(days=5)
    )
    continuing = MentorshipFactory(cohort=ended, status=Mentorship.Status.CONVERTED)
    MeetingFactory(mentorship=continuing, starts_at=timezone.now() + timedelta(days=3))
    finished = MentorshipFactory(cohort=ended, mentor=continuing.mentor, status=Mentorship.Status.COMPLETED)
    MeetingFactory(mentorship=finished, starts_at=timezone.now() - timedelta(days=8))
    page = home(client, continuing.mentor)
    assert f"with {continuing.mentee.display_name}" in page
    assert "Wrap up the meeting" not in page and finished.mentee.display_name not in page


def test_a_mentee_sees_goals_with_their_progress(client):
    goal = GoalFactory()
    GoalCheckInFactory(goal=goal, value=2)
    page = home(client, goal.enrollment.user)
    assert goal.title in page and 'aria-valuenow="50"' in page
    assert "Set your first SMART goal" not in page and "Find a mentor" not in page


def test_a_coordinator_sees_each_cohort_with_people_risk_unmatched_and_invitations(client, coordinator):
    program = ProgramFactory(coordinators=[coordinator])
    other = ProgramFactory(coordinators=[coordinator])
    cohort = CohortFactory(program=program)
    CohortFactory(program=other, name="Spring")
    EnrollmentFactory(cohort=cohort, role=Role.MENTEE)
    quiet = MentorshipFactory(cohort=cohort, started_at=timezone.now() - timedelta(days=60))
    InvitationFactory(cohort=cohort)
    InvitationFactory(cohort=cohort, accepted_at=timezone.now())
    CohortFactory(program=ProgramFactory(), name="Not mine")
    page = home(client, coordinator)
    assert program.name in page and other.name in page and "Spring" in page and "Not mine" not in page
    assert "2 mentees, 1 mentor" in page
    assert "1 at risk" in page and "1 to match" in page and "1 open" in page
    assert f"/mentorships/cohorts/{cohort.pk}/dashboard/" in page
    assert quiet.mentee.display_name not in page


def test_pairs_at_risk_read_the_stored_health_and_agree_with_the_meetings(client, coordinator):
    cohort = CohortFactory(program=ProgramFactory(coordinators=[coordinator]))
    long_ago = timezone.now() - timedelta(days=60)
    pairs = [MentorshipFactory(cohort=cohort, started_at=long_ago) for _ in range(4)]
    for pair in pairs[2:]:  # two of them met last week
        MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(days=7), status=Meeting.Status.HELD)
    assert "2 at risk" in home(client, coordinator)
    refresh_pair_health(mentorship_ids=[pairs[0].pk, pairs[2].pk])  # stored for one of each, not the others
    assert PairHealth.objects.count() == 2
    assert "2 at risk" in home(client, coordinator)
    Agreement.objects.create(mentorship=pairs[0], cadence_days=45)  # 90 days without a meeting are fine for them
    assert "1 at risk" in home(client, coordinator)


def test_the_navigation_offers_only_what_each_role_can_do(client, coordinator):
    pair = MentorshipFactory()
    mentee_nav, mentor_nav, coordinator_nav = (nav(home(client, u)) for u in (pair.mentee, pair.mentor, coordinator))
    assert "My board" in mentee_nav and "Goals" in mentee_nav and "My mentorships" in mentee_nav
    assert "My board" not in mentor_nav and "Goals" not in mentor_nav and "Requests" in mentor_nav
    assert "Coordinate" in coordinator_nav
    for absent in ("Requests", "My board", "My mentorships"):
        assert absent not in coordinator_nav
    assert "Coordinate" not in mentee_nav and "Sign out" in mentee_nav


def test_someone_with_both_roles_gets_the_steps_and_links_of_both(client):
    pair = MentorshipFactory()
    EnrollmentFactory(user=pair.mentor, role=Role.MENTEE, cohort=CohortFactory())
    MentorshipRequestFactory(mentor=pair.mentor, cohort=pair.cohort)
    page = home(client, pair.mentor)
    assert "Answer the request" in page and "Find a mentor" in page and "My board" in nav(page)


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


# Counted with sessions in the database (no REDIS_URL; with Redis they come from the cache, one query fewer): the
# session, the person, their profile and the navigation; then the panels: cohorts (and a coordinator's cohorts),
# requests and pairs, the meetings (someone in a pair), goals (a mentee), agreements and closing answers (someone in
# an active pair), the guided setups, open safety reports (and a coordinator's pairs at risk and unmatched
# mentees), and the latest notifications.
HOME_QUERIES = {"mentee": 13, "mentor": 12, "coordinator": 12, "both": 16}


@pytest.mark.parametrize("role", HOME_QUERIES)
def test_the_home_page_costs_the_same_queries_at_any_size(client, role):
    small, large = home_scene(1)[role], home_scene(5)[role]
    assert _queries(client, small) == _queries(client, large) <= HOME_QUERIES[role]


def _steps(page: str) -> int:
    return page.count('class="next-step ')


def test_home_lists_the_most_urgent_steps_and_links_to_all_of_them(client):
    pair = MentorshipFactory()
    Agreement.objects.create(mentorship=pair)
    for _ in range(STEPS_SHOWN + 2):
        MentorshipRequestFactory(mentor=pair.mentor)
    page = home(client, pair.mentor)
    all_steps = client.get(reverse("home:steps")).content.decode()
    total = _steps(all_steps)
    assert _steps(page) == page.count("Answer the request") == STEPS_SHOWN
    assert f'href="{reverse("home:steps")}">All {total} next steps</a>' in page
    assert all_steps.count("Answer the request") == STEPS_SHOWN + 2
    # Most urgent first: every request someone waits on comes before the agreement to confirm.
    assert all_steps.rindex("Answer the request") < all_steps.index("Confirm your mentoring agreement")


def test_home_links_to_all_steps_only_when_it_does_not_show_them_all(client):
    pair = MentorshipFactory()
    Agreement.objects.create(mentorship=pair)
    page = home(client, pair.mentor)
    assert "Confirm your mentoring agreement" in page and reverse("home:steps") not in page
    assert _steps(client.get(reverse("home:steps")).content.decode()) == _steps(page)
