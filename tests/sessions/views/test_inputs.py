"""Bad input through the real views. A NUL byte in any text field is refused with a message that says so (the
database cannot store one: the mentor's agenda comment once answered 500), and a date far outside any mentoring
plan is refused on its form (a meeting in the year 9999 once answered 500)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from sessions.models import ActionItem, AgendaItem, Goal, GoalCheckIn, Meeting, Note
from tests.programs.factories import CohortFactory
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory, MentorshipFactory

NUL = "before\x00after"
REFUSED = "Null characters are not allowed."
IN_THREE_DAYS = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


def _agenda_item(pair):
    return AgendaItemFactory(meeting=MeetingFactory(mentorship=pair)).pk


def _meeting(pair):
    return MeetingFactory(mentorship=pair).pk


def _goal(pair):
    return GoalFactory(enrollment=pair.mentee.enrollments.get(cohort=pair.cohort, role="mentee")).pk


def _closing_pair(cohort):
    today = timezone.localdate()
    ended = CohortFactory(program=cohort.program, starts_on=today - timedelta(days=180), ends_on=today - timedelta(1))
    return MentorshipFactory(cohort=ended, status=Mentorship.Status.COMPLETED)


GOAL = {
    "title": "Lead reviews",
    "specific": "Lead the quarterly budget review.",
    "measure": "Reviews led",
    "baseline": "0",
    "target": "3",
    "unit": "reviews",
    "ambition": "attainable",
    "relevance": "The next role asks for it.",
}
AGREEMENT = {"cadence_days": 14, "length_minutes": 45, "channel": "video", "confidentiality": "Between us."}

# URL name: (who posts, the object in the URL, the data with a NUL byte in a text field)
CASES = {
    "agenda_item_comment": ("mentor", _agenda_item, {"comment": NUL}),
    "agenda_item_add": ("mentee", _meeting, {"category": "question", "text": NUL}),
    "meeting_objective": ("mentee", _meeting, {"objective": NUL}),
    "meeting_cancel": ("mentee", _meeting, {"reason": NUL}),
    "meeting_edit": ("mentee", _meeting, {"starts_at": IN_THREE_DAYS, "duration_minutes": 45, "location": NUL}),
    "meeting_create": ("mentee", None, {"starts_at": IN_THREE_DAYS, "duration_minutes": 45, "location": NUL}),
    "note_add": ("mentee", None, {"body": NUL, "visibility": "pair"}),
    "action_item_add": ("mentee", None, {"title": NUL, "owner": "mentee", "due_on": "tomorrow"}),
    "mentorship_end": ("mentor", None, {"reason": NUL}),
    "agreement_edit": ("mentee", None, {**AGREEMENT, "mentee_expects": NUL}),
    "goal_comment": ("mentor", _goal, {"body": NUL}),
    "goal_check_in": ("mentee", _goal, {"value": "1", "comment": NUL}),
    "goal_edit": ("mentee", _goal, {**GOAL, "title": NUL}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_nul_byte_in_a_text_field_is_refused_with_a_message(client, mentorship, enrollment, name):
    side, target, data = CASES[name]
    data = {
        **data,
        **({"owner": mentorship.mentee_id} if data.get("owner") == "mentee" else {}),
        **({"due_on": (timezone.localdate() + timedelta(days=1)).isoformat()} if "due_on" in data else {}),
        **({"target_date": (mentorship.cohort.ends_on - timedelta(days=3)).isoformat()} if "title" in data else {}),
    }
    url = reverse(f"sessions:{name}", args=[target(mentorship) if target else mentorship.pk])
    before = [model.objects.count() for model in (AgendaItem, Note, ActionItem, GoalCheckIn)]
    client.force_login(getattr(mentorship, side))
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert [model.objects.count() for model in (AgendaItem, Note, ActionItem, GoalCheckIn)] == before
    assert "\x00" not in "".join(AgendaItem.objects.values_list("mentor_comment", flat=True))
    assert not Meeting.objects.filter(status=Meeting.Status.CANCELLED).exists()
    assert Mentorship.objects.get(pk=mentorship.pk).status == Mentorship.Status.ACTIVE


def test_the_mentors_agenda_comment_with_a_nul_byte_answers_the_agenda_with_the_reason(client, mentorship):
    item = AgendaItemFactory(meeting=MeetingFactory(mentorship=mentorship), mentor_comment="Kept")
    client.force_login(mentorship.mentor)
    url = reverse("sessions:agenda_item_comment", args=[item.pk])
    response = client.post(url, {"comment": NUL}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and REFUSED in response.content.decode()
    item.refresh_from_db()
    assert item.mentor_comment == "Kept"


def test_a_nul_byte_in_a_new_goal_or_a_thank_you_note_is_refused(client, mentorship, enrollment, cohort):
    client.force_login(mentorship.mentee)
    target_date = (cohort.ends_on - timedelta(days=3)).isoformat()
    goal = {**GOAL, "enrollment": enrollment.pk, "target_date": target_date, "relevance": NUL}
    response = client.post(reverse("sessions:goal_create"), goal)
    assert response.status_code == 200 and REFUSED in response.content.decode() and not Goal.objects.exists()
    ended = _closing_pair(cohort)
    client.force_login(ended.mentee)
    response = client.post(reverse("sessions:thank_you_send", args=[ended.pk]), {"body": NUL})
    assert response.status_code == 200 and REFUSED in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("agenda_item_move", {"direction": NUL}, "Move an item up or down."),
        ("goal_status", {"status": NUL}, "Choose achieved, dropped or reopen."),
        ("dashboard_nudge", {"template": NUL}, "Choose one of the nudge messages."),
    ],
)
def test_a_nul_byte_in_a_choice_is_refused(client, mentorship, enrollment, coordinator, name, data, message):
    targets = {
        "agenda_item_move": (mentorship.mentee, _agenda_item(mentorship)),
        "goal_status": (mentorship.mentee, _goal(mentorship)),
        "dashboard_nudge": (coordinator, mentorship.pk),
    }
    user, pk = targets[name]
    client.force_login(user)
    response = client.post(reverse(f"sessions:{name}", args=[pk]), data, follow=True)
    assert response.status_code == 200 and message in response.content.decode()


def test_a_nul_byte_in_a_filter_or_a_calendar_token_is_not_an_error(client, mentorship, coordinator):
    client.force_login(coordinator)
    dashboard = reverse("sessions:dashboard", args=[mentorship.cohort_id])
    assert client.get(dashboard, {"q": NUL, "sort": NUL, "health": NUL}).status_code == 200
    assert client.get(reverse("sessions:mentorship_list") + "calendar/ab%00cd/meetings.ics").status_code == 404


# Dates out of reach


def test_a_meeting_in_the_year_9999_is_refused_on_the_form(client, mentorship):
    client.force_login(mentorship.mentee)
    for name, pk in (("meeting_create", mentorship.pk), ("meeting_edit", _meeting(mentorship))):
        data = {"starts_at": "9999-12-31T10:00", "duration_minutes": 45, "location": ""}
        response = client.post(reverse(f"sessions:{name}", args=[pk]), data)
        assert response.status_code == 200 and "Choose a time within the next two years." in response.content.decode()
    assert Meeting.objects.count() == 1 and Meeting.objects.get().starts_at.year < 9999


def test_an_action_item_due_in_the_year_9999_is_refused(client, mentorship):
    client.force_login(mentorship.mentee)
    data = {"title": "Draft the plan", "owner": mentorship.mentee_id, "due_on": "9999-12-31"}
    response = client.post(reverse("sessions:action_item_add", args=[mentorship.pk]), data, follow=True)
    assert "Choose a due date within the next two years." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_a_goal_date_or_a_check_in_out_of_reach_is_refused(client, program, mentorship, enrollment):
    forever = CohortFactory(program=program, starts_on=timezone.localdate(), ends_on=timezone.localdate().replace(9999))
    enrollment.cohort = forever
    enrollment.save()
    client.force_login(mentorship.mentee)
    response = client.post(
        reverse("sessions:goal_create"), {**GOAL, "enrollment": enrollment.pk, "target_date": "9999-12-30"}
    )
    assert "Time-bound: choose a date within two years of today." in response.content.decode()
    assert not Goal.objects.exists()
    goal = GoalFactory(enrollment=enrollment, target_date=timezone.localdate() + timedelta(days=30))
    for on, message in (
        ("0001-01-01", "Choose a day within the last two years."),
        ((timezone.localdate() + timedelta(days=1)).isoformat(), "choose today or an earlier day"),
    ):
        data = {"value": "1", "on": on}
        response = client.post(reverse("sessions:goal_check_in", args=[goal.pk]), data, follow=True)
        assert message in response.content.decode()
    assert not GoalCheckIn.objects.exists()
    yesterday = timezone.localdate() - timedelta(days=1)
    client.post(reverse("sessions:goal_check_in", args=[goal.pk]), {"value": "1", "on": yesterday.isoformat()})
    assert GoalCheckIn.objects.get().on == yesterday
