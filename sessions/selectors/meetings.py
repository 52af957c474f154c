"""What the meeting page shows: the meeting with its whole agenda, its notes and action items, in a fixed number
of queries however long the agenda is."""

from django.contrib.auth import get_user_model

from sessions.models import AgendaItem, Goal, GoalCheckIn, Meeting, Note
from sessions.selectors.goals import mentee_goals
from sessions.selectors.pairs import url_bases
from sessions.services import goals_on_agenda

ROWS_SHOWN = 20


def meeting_page(*, meeting: Meeting, user, everything: bool = False) -> dict:
    """The meeting with its whole agenda; notes and action items up to ROWS_SHOWN unless `everything`."""
    mentorship = meeting.mentorship
    notes = Note.objects.filter(meeting=meeting).visible_to(user).select_related("author")
    action_items = meeting.action_items.select_related("owner").order_by("due_on", "pk")
    counts = {"notes": notes.count(), "action_items": action_items.count()}
    if not everything:
        notes = reversed(notes.order_by("-created_at", "-pk")[:ROWS_SHOWN])
        action_items = action_items[:ROWS_SHOWN]
    return {
        **url_bases(),
        "meeting": meeting,
        "mentorship": mentorship,
        "is_mentor": mentorship.is_mentor(user),
        "partner": mentorship.other_side(user),
        "items": agenda_items(meeting),
        "notes": _with_meeting(notes.order_by("created_at", "pk") if everything else notes, meeting),
        "action_items": list(action_items),
        "counts": counts,
        "check_ins": list(GoalCheckIn.objects.filter(meeting=meeting).select_related("goal", "author")),
        "goals": list(mentee_goals(mentorship).active()),
        "goals_to_check": goals_on_agenda(meeting) if meeting.status == Meeting.Status.SCHEDULED else [],
    }


def _with_meeting(rows, meeting: Meeting) -> list:
    rows = list(rows)
    for row in rows:
        row.meeting = meeting
    return rows


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order. Authors are one of the pair (already loaded) and goals are few: both are attached
    from memory rather than joined, which keeps a long agenda cheap to build."""
    mentorship = meeting.mentorship
    items = list(meeting.agenda_items.order_by("order", "pk"))
    people = {mentorship.mentee_id: mentorship.mentee, mentorship.mentor_id: mentorship.mentor}
    strangers = {i.author_id for i in items if i.author_id and i.author_id not in people}
    if strangers:
        people.update(get_user_model().objects.in_bulk(strangers))
    goals = Goal.objects.only("title").in_bulk({i.goal_id for i in items if i.goal_id})
    bases = url_bases()
    for item in items:
        item.author = people.get(item.author_id)
        item.goal = goals.get(item.goal_id)
        item.url = f"{bases['item_base']}{item.pk}/"
        item.goal_url = f"{bases['goal_base']}{item.goal_id}/" if item.goal_id else ""
    return items
