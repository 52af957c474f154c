"""Every sessions URL for the five people the privacy rules name: the mentee and the mentor of the pair, another
mentor and another mentee of the same cohort (each in a pair of their own), and a coordinator of the program.
Someone else's object is a 404, never a 403."""

from datetime import timedelta

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from sessions.models import Goal, SafetyReport
from tests.sessions.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
    NoteFactory,
    mentee_enrollment,
)

ROLES = ("mentee", "mentor", "other_mentor", "other_mentee", "coordinator")
PAIR = {"mentee": 200, "mentor": 200}
PAIR_WRITE = {"mentee": 302, "mentor": 302}


def expect(**statuses):
    return {role: statuses.get(role, 404) for role in ROLES}


EVERYONE = dict.fromkeys(ROLES, 200)

# url name -> (method, which object's pk is in the URL, form data, expected status per role)
URLS = {
    "mentorship_list": ("get", None, {}, EVERYONE),
    "mentorship_detail": ("get", "mentorship", {}, expect(**PAIR)),
    "agreement_edit": ("get", "mentorship", {}, expect(**PAIR)),
    "agreement_confirm": ("post", "mentorship", {}, expect(**PAIR_WRITE)),
    "agreement_decline": ("post", "mentorship", {}, expect(**PAIR_WRITE)),
    "mentorship_end": ("get", "mentorship", {}, expect(**PAIR)),
    "note_add": ("post", "mentorship", {"body": "n", "visibility": "pair"}, expect(**PAIR_WRITE)),
    "action_item_add": ("post", "mentorship", {"title": "t"}, expect(**PAIR_WRITE)),
    "action_item_toggle": ("post", "action_item", {}, expect(**PAIR_WRITE)),
    "meeting_create": ("get", "mentorship", {}, expect(**PAIR)),
    "meeting_detail": ("get", "meeting", {}, expect(**PAIR)),
    "meeting_edit": ("get", "meeting", {}, expect(**PAIR)),
    "meeting_cancel": ("post", "meeting", {}, expect(**PAIR_WRITE)),
    "meeting_calendar": ("get", "meeting", {}, expect(**PAIR)),
    "meeting_objective": ("post", "meeting", {"objective": "o"}, expect(mentee=302)),
    "agenda_item_add": ("post", "meeting", {"category": "question", "text": "q"}, expect(**PAIR_WRITE)),
    "agenda_from_template": ("post", "meeting", {"template": "0"}, expect(**PAIR_WRITE)),
    "agenda_review": ("post", "meeting", {}, expect(mentor=302)),
    "meeting_wrap_up": ("get", "past_meeting", {}, expect(**PAIR)),
    "agenda_item_move": ("post", "agenda_item", {"direction": "down"}, expect(**PAIR_WRITE)),
    "agenda_item_toggle": ("post", "agenda_item", {}, expect(**PAIR_WRITE)),
    "agenda_item_remove": ("post", "agenda_item", {}, expect(**PAIR_WRITE)),
    "agenda_item_comment": ("post", "agenda_item", {"comment": "c"}, expect(mentor=302)),
    "goal_list": ("get", None, {}, EVERYONE),
    "goal_create": ("get", None, {}, EVERYONE),
    "goal_detail": ("get", "goal", {}, expect(**PAIR)),
    "goal_edit": ("get", "goal", {}, expect(mentee=200)),
    "goal_check_in": ("post", "goal", {"value": "1"}, expect(**PAIR_WRITE)),
    "goal_status": ("post", "goal", {"status": "dropped"}, expect(mentee=302)),
    "goal_confirm": ("post", "achieved_goal", {}, expect(mentor=302)),
    "goal_comment": ("post", "goal", {"body": "b"}, expect(**PAIR_WRITE)),
    "cohort_activity": ("get", "cohort", {}, expect(coordinator=200)),
    "dashboard": ("get", "cohort", {}, expect(coordinator=200)),
    "dashboard_pairs_csv": ("get", "cohort", {}, expect(coordinator=200)),
    "dashboard_report": ("get", "cohort", {}, expect(coordinator=200)),
    "dashboard_nudge": ("post", "mentorship", {"template": "meet"}, expect(coordinator=302)),
    "closing_detail": ("get", "mentorship", {}, expect(**PAIR)),
    "closing_answer": ("post", "mentorship", {"choice": "continue"}, expect(**PAIR_WRITE)),
    "closing_survey": ("post", "mentorship", {"answer_1": "4", "answer_2": "2"}, expect(**PAIR_WRITE)),
    "thank_you_send": ("post", "mentorship", {"body": "Thank you"}, expect(**PAIR_WRITE)),
    "report_concern": ("get", "mentorship", {}, expect(**PAIR)),
    "safety_report": ("get", "report", {}, expect(coordinator=200)),
    "safety_report_act": ("post", "report", {"action": "close"}, expect(coordinator=302)),
    "availability": ("get", None, {}, EVERYONE),
    "booking": ("get", "mentorship", {}, expect(**PAIR)),
    "next_topic_add": ("post", "mentorship", {"text": "Next time"}, expect(**PAIR_WRITE)),
    "meeting_skip": ("post", "meeting", {}, expect(**PAIR_WRITE)),
    # Not part of a series: the pair is told so on the meeting page; outsiders do not find the meeting.
    "meeting_cancel_future": ("post", "meeting", {}, expect(**PAIR_WRITE)),
    "meeting_move_future": ("post", "meeting", {}, expect(**PAIR_WRITE)),
    "relationship_check": ("get", "mentorship", {}, expect(**PAIR)),
    # The guided setup belongs to the person whose enrollment it is.
    "onboarding": ("get", "enrollment", {}, expect(mentee=200)),
    "onboarding_skip": ("post", "enrollment", {}, expect(mentee=302)),
    "onboarding_resume": ("post", "enrollment", {}, expect(mentee=302)),
    "onboarding_finish": ("post", "enrollment", {}, expect(mentee=302)),
    "onboarding_capacity": ("post", "enrollment", {"capacity": "2"}, expect(mentee=302)),
    # Audited access is off by default: nobody, not even the coordinator, reaches a pair's content.
    "pair_content": ("get", "mentorship", {}, expect()),
}


@pytest.fixture
def scene(mentorship, enrollment, other_mentor, other_mentee, coordinator):
    meeting = MeetingFactory(mentorship=mentorship, objective="Secret objective")
    goal = GoalFactory(enrollment=enrollment, title="Secret goal")
    return {
        "people": {
            "mentee": mentorship.mentee,
            "mentor": mentorship.mentor,
            "other_mentor": other_mentor,
            "other_mentee": other_mentee,
            "coordinator": coordinator,
        },
        "mentorship": mentorship,
        "meeting": meeting,
        "past_meeting": MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(hours=2)),
        "agenda_item": AgendaItemFactory(meeting=meeting, author=mentorship.mentee, text="Secret item"),
        "action_item": ActionItemFactory(mentorship=mentorship, title="Secret homework"),
        "goal": goal,
        "achieved_goal": GoalFactory(enrollment=enrollment, status=Goal.Status.ACHIEVED),
        "cohort": mentorship.cohort,
        "enrollment": enrollment,
        "note": NoteFactory(mentorship=mentorship, meeting=meeting, body="Secret shared note"),
        "report": SafetyReport.objects.create(
            mentorship=mentorship, reporter=mentorship.mentee, about=mentorship.mentor, reason="other", details="x"
        ),
    }


# Reached with a secret token instead of a session, so no role can reach it: a wrong, reset or revoked token
# is a 404 (tests/notifications/test_calendar_feed.py), and the feed carries only who and when.
TOKEN_URLS = {"calendar_feed"}


def test_every_sessions_url_is_in_the_table():
    resolver = get_resolver()
    names = {name for name in resolver.namespace_dict["sessions"][1].reverse_dict if isinstance(name, str)}
    assert names == set(URLS) | TOKEN_URLS


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(URLS))
def test_each_role_gets_what_the_privacy_rules_allow(client, scene, name, role):
    method, target, data, expected = URLS[name]
    url = reverse(f"sessions:{name}", args=[scene[target].pk] if target else [])
    client.force_login(scene["people"][role])
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == expected[role], f"{role} on {name}"


@pytest.mark.parametrize("role", ["other_mentor", "other_mentee", "coordinator"])
def test_pages_open_to_all_show_outsiders_nothing_of_the_pair(client, scene, role):
    client.force_login(scene["people"][role])
    for name in ("mentorship_list", "goal_list"):
        page = client.get(reverse(f"sessions:{name}")).content.decode()
        for secret in ("Secret objective", "Secret goal", "Secret item", "Secret homework", "Secret shared note"):
            assert secret not in page, f"{role} sees {secret!r} on {name}"
        assert scene["mentorship"].get_absolute_url() not in page


def test_a_mentee_with_two_mentors_shares_goals_with_both_but_agendas_with_each_pair_only(client, scene):
    mentorship = scene["mentorship"]
    second = MentorshipFactory(cohort=mentorship.cohort, mentee=mentorship.mentee)
    client.force_login(second.mentor)
    assert client.get(scene["goal"].get_absolute_url()).status_code == 200
    assert client.get(scene["meeting"].get_absolute_url()).status_code == 404
    assert client.get(mentorship.get_absolute_url()).status_code == 404
    assert mentee_enrollment(second) == scene["goal"].enrollment
