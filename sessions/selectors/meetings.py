"""What the meeting page shows: the meeting with its agenda, its notes and action items, in a fixed number of
queries however long the agenda is."""

from django.contrib.auth import get_user_model

from programs.models import AgendaTemplate
from sessions.models import AgendaItem, Goal, GoalCheckIn, Meeting, Note, with_state
from sessions.selectors.goals import goal_choices_for, mentee_goals
from sessions.selectors.rows import first_rows

ROWS_SHOWN = 20
# Past this many items, the done ones fold away behind a "show done items" link: a huge agenda stays quick.
AGENDA_FOLDS_PAST = 50


def meeting_page(*, meeting: Meeting, user, everything: bool = False, show_done: bool = False) -> dict:
    """The meeting with its agenda; notes and action items up to ROWS_SHOWN unless `everything`."""
    mentorship = with_state(meeting.mentorship)
    notes = Note.objects.filter(meeting=meeting).visible_to(user).select_related("author")
    limit = None if everything else ROWS_SHOWN
    # The most recent notes, shown oldest first; the first action items by due date.
    notes, notes_in_all = first_rows(notes.order_by("-created_at", "-pk"), limit)
    action_items, items_in_all = first_rows(
        meeting.action_items.select_related("owner").order_by("due_on", "pk"), limit
    )
    counts = {"notes": notes_in_all, "action_items": items_in_all}
    goals = list(mentee_goals(mentorship).active())
    items = agenda_items(meeting)
    # What services.goals_on_agenda finds, from the rows already here: the pair's agenda names only the mentee's goals.
    touched = {item.goal_id for item in items}
    return {
        **agenda(meeting=meeting, user=user, show_done=show_done, goals=goals, items=items),
        "partner": mentorship.other_side(user),
        "notes": _with_meeting(reversed(notes), meeting),
        "note_visibilities": Note.Visibility.choices,
        "action_items": action_items,
        "counts": counts,
        "check_ins": list(GoalCheckIn.objects.filter(meeting=meeting).select_related("goal", "author")),
        "goals": goals,
        "goals_to_check": [goal for goal in goals if goal.pk in touched] if meeting.is_scheduled else [],
    }


def agenda(
    *,
    meeting: Meeting,
    user,
    show_done: bool = False,
    goals: list[Goal] | None = None,
    items: list[AgendaItem] | None = None,
) -> dict:
    """What the agenda fragment (sessions/_agenda.html) shows: the items in order, past AGENDA_FOLDS_PAST without
    the done ones unless `show_done`, and the choices its forms offer. `items`: agenda_items(meeting), if loaded."""
    items = agenda_items(meeting) if items is None else items
    done_hidden = 0
    if len(items) > AGENDA_FOLDS_PAST and not show_done:
        shown = [item for item in items if not item.done]
        done_hidden, items = len(items) - len(shown), shown
    return {
        "meeting": meeting,
        "mentorship": with_state(meeting.mentorship),
        "is_mentor": meeting.mentorship.is_mentor(user),
        "items": items,
        "done_hidden": done_hidden,
        "categories": AgendaItem.Category.choices,
        "goal_choices": list(goal_choices_for(meeting.mentorship)) if goals is None else goals,
        "agenda_templates": _agenda_templates(meeting),
    }


def _agenda_templates(meeting: Meeting) -> list[AgendaTemplate]:
    """The program's agenda templates the pair may start from (names only, one query); none once it is over."""
    if not meeting.is_scheduled:
        return []
    programs_cohort = AgendaTemplate.objects.filter(program__cohorts=meeting.mentorship.cohort_id)
    return list(programs_cohort.only("pk", "name").order_by("name", "pk"))


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
    for item in items:
        item.author = people.get(item.author_id)
        item.goal = goals.get(item.goal_id)
    return items
