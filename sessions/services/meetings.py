"""Meetings and their agendas: scheduled by either side, prepared by the mentee, reviewed by the mentor."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import AgendaTemplate
from sessions.models import (
    PLANNING_REACH,
    ActionItem,
    AgendaItem,
    Goal,
    GoalCheckIn,
    Meeting,
    MeetingSeries,
    NextTopic,
    fair_agenda_deadline,
)
from sessions.services._common import require_mentee, require_mentor, require_pair, require_working
from sessions.services.health import pair_changed
from sessions.services.invitations import details, tell_pair

# Goals whose target date falls within this many days of a meeting go on its agenda by themselves.
GOALS_DUE_SOON_DAYS = 30


def _check_time(starts_at: datetime, duration_minutes: int, now: datetime) -> None:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be time-zone aware")
    if starts_at <= now:
        raise ValidationError({"starts_at": "Choose a time in the future."})
    if starts_at > now + PLANNING_REACH:
        raise ValidationError({"starts_at": "Choose a time within the next two years."})
    if duration_minutes < 5:
        raise ValidationError({"duration_minutes": "A meeting lasts at least five minutes."})


@transaction.atomic
def schedule_meeting(
    *,
    mentorship,
    by: AbstractBaseUser,
    starts_at: datetime,
    duration_minutes: int,
    location: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Schedule a meeting; its agenda starts with the pair's open action items and the mentee's goals due soon."""
    now = now or timezone.now()
    require_pair(mentorship, by)
    require_working(mentorship)
    _check_time(starts_at, duration_minutes, now)
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        scheduled_by=by,
        created_at=now,
        agenda_due_at=_agenda_due(mentorship, starts_at, now),
    )
    seed_agenda(meeting)
    pair_changed(meeting.mentorship_id)
    tell_pair(
        meeting,
        by,
        key=f"meeting:{meeting.pk}:scheduled",
        title=lambda when: f"{by.display_name} scheduled a mentoring meeting",
        body=lambda recipient: details(meeting, recipient),
    )
    return meeting


def _agenda_due(mentorship, starts_at: datetime, now: datetime) -> datetime:
    lead = timedelta(hours=mentorship.cohort.rule("agenda_deadline_hours"))
    return fair_agenda_deadline(starts_at=starts_at, booked_at=now, lead=lead)


def seed_agenda(meeting: Meeting) -> None:
    mentorship = meeting.mentorship
    open_items = ActionItem.objects.open().filter(mentorship=mentorship).order_by("due_on", "pk")
    due_by = timezone.localdate(meeting.starts_at) + timedelta(days=GOALS_DUE_SOON_DAYS)
    goals = Goal.objects.active().filter(
        enrollment__user_id=mentorship.mentee_id, enrollment__cohort_id=mentorship.cohort_id, target_date__lte=due_by
    )
    items = (
        carried_over(meeting)
        + [
            AgendaItem(
                meeting=meeting, category=AgendaItem.Category.ACTION_PLAN, text=f"Action item: {a.title}", action_item=a
            )
            for a in open_items
        ]
        + [
            AgendaItem(
                meeting=meeting, category=AgendaItem.Category.GOAL_CHECK_IN, text=f"Goal check-in: {g.title}", goal=g
            )
            for g in goals
        ]
    )
    topics = list(NextTopic.objects.waiting().filter(mentorship=mentorship).select_for_update())
    items += [
        AgendaItem(
            meeting=meeting,
            author_id=topic.author_id,
            category=AgendaItem.Category.QUESTION if topic.is_question else AgendaItem.Category.DISCUSSION,
            text=topic.text,
        )
        for topic in topics
    ]
    NextTopic.objects.filter(pk__in=[t.pk for t in topics]).update(meeting=meeting)
    for order, item in enumerate(items, start=1):
        item.order = order
    AgendaItem.objects.bulk_create(items)


def carried_over(meeting: Meeting) -> list[AgendaItem]:
    """The unticked questions and discussion items of the pair's last held meeting, for the new agenda."""
    last = Meeting.objects.filter(mentorship_id=meeting.mentorship_id, status=Meeting.Status.HELD).order_by(
        "-starts_at"
    )[:1]
    left = AgendaItem.objects.filter(
        meeting__in=last,
        done=False,
        category__in=[AgendaItem.Category.QUESTION, AgendaItem.Category.DISCUSSION],
    ).order_by("order", "pk")
    return [
        AgendaItem(meeting=meeting, category=item.category, text=item.text, goal_id=item.goal_id, carried_over=True)
        for item in left
    ]


def _require_scheduled(meeting: Meeting) -> None:
    if not meeting.is_scheduled:
        raise ValidationError(f"This meeting is {meeting.get_status_display().lower()}.")


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    by: AbstractBaseUser,
    starts_at: datetime,
    duration_minutes: int,
    location: str = "",
    now: datetime | None = None,
) -> Meeting:
    now = now or timezone.now()
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    _check_time(starts_at, duration_minutes, now)
    moved = starts_at != meeting.starts_at
    meeting.starts_at, meeting.duration_minutes, meeting.location = starts_at, duration_minutes, location
    if moved:
        meeting.agenda_due_at = _agenda_due(meeting.mentorship, starts_at, now)
        meeting.timed_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "duration_minutes", "location", "sequence", "agenda_due_at", "timed_at"])
    pair_changed(meeting.mentorship_id)
    if meeting.series_id:
        MeetingSeries.objects.filter(pk=meeting.series_id).update(sequence=F("sequence") + 1)
        meeting.series.refresh_from_db(fields=["sequence"])
    tell_pair(
        meeting,
        by,
        key=f"meeting:{meeting.pk}:changed:{meeting.sequence}",
        title=lambda when: f"{by.display_name} {'moved' if moved else 'changed'} your mentoring meeting",
        body=lambda recipient: details(meeting, recipient, prefix="Now "),
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by: AbstractBaseUser, reason: str = "") -> Meeting:
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason[:300]
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    pair_changed(meeting.mentorship_id)
    if meeting.series_id:
        MeetingSeries.objects.filter(pk=meeting.series_id).update(sequence=F("sequence") + 1)
        meeting.series.refresh_from_db(fields=["sequence"])
    tell_pair(
        meeting,
        by,
        key=f"meeting:{meeting.pk}:cancelled",
        method="CANCEL",
        title=lambda when: f"{by.display_name} cancelled your mentoring meeting of {when}",
        body=lambda recipient: reason,
    )
    return meeting


def _refresh_preparation(meeting: Meeting) -> None:
    """Prepared = an objective and at least one item someone wrote; the time it first became so is kept."""
    ready = bool(meeting.objective.strip()) and meeting.agenda_items.filter(author__isnull=False).exists()
    if ready and meeting.agenda_prepared_at is None:
        meeting.agenda_prepared_at = timezone.now()
        meeting.save(update_fields=["agenda_prepared_at"])
        notify(
            recipient=meeting.mentorship.mentor,
            kind=Kind.AGENDA,
            title=f"{meeting.mentorship.mentee.display_name} prepared the agenda: please review it",
            body=meeting.objective,
            dedupe_key=f"meeting:{meeting.pk}:agenda_prepared",
            about=meeting,
            url=meeting.get_absolute_url(),
        )
    elif not ready and meeting.agenda_prepared_at is not None:
        meeting.agenda_prepared_at = None
        meeting.save(update_fields=["agenda_prepared_at"])


@transaction.atomic
def set_objective(*, meeting: Meeting, by: AbstractBaseUser, objective: str) -> Meeting:
    require_mentee(meeting.mentorship, by, "set the meeting's objective")
    _require_scheduled(meeting)
    meeting.objective = objective.strip()[:300]
    meeting.save(update_fields=["objective"])
    _refresh_preparation(meeting)
    pair_changed(meeting.mentorship_id)
    return meeting


@transaction.atomic
def add_agenda_item(
    *, meeting: Meeting, by: AbstractBaseUser, category: str, text: str, goal: Goal | None = None
) -> AgendaItem:
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    if not text.strip():
        raise ValidationError({"text": "Write what the item is about."})
    if category not in AgendaItem.Category.values:
        raise ValidationError({"category": "Choose a category."})
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting, author=by, category=category, text=text.strip()[:500], goal=goal, order=last + 1
    )
    _refresh_preparation(meeting)
    pair_changed(item.meeting.mentorship_id)
    return item


@transaction.atomic
def start_agenda_from_template(*, meeting: Meeting, by: AbstractBaseUser, template: AgendaTemplate) -> list[AgendaItem]:
    """Add a program agenda template's items to the meeting's agenda, after what is there, in one go: the same
    rules as adding one item (one of the pair, a scheduled meeting), and only a template of the pair's program."""
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    if template.program_id != meeting.mentorship.cohort.program_id:
        raise ValidationError("Choose one of your program's agenda templates.")
    lines = list(template.items.order_by("order", "pk"))
    if not lines:
        raise ValidationError("This template has no items.")
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # two pairs' clicks do not interleave orders
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, author=by, category=line.category, text=line.text, order=last + n)
        for n, line in enumerate(lines, start=1)
    )
    _refresh_preparation(meeting)
    pair_changed(meeting.mentorship_id)
    return items


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, by: AbstractBaseUser, direction: str) -> AgendaItem:
    """Swap the item with its neighbour above or below; orders are renumbered 1..n in one statement."""
    meeting = item.meeting
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    if direction not in ("up", "down"):
        raise ValidationError("Move an item up or down.")
    items = list(meeting.agenda_items.select_for_update().order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for order, other in enumerate(items, start=1):
        other.order = order
    AgendaItem.objects.bulk_update(items, ["order"])
    item.order = items.index(next(i for i in items if i.pk == item.pk)) + 1
    return item


@transaction.atomic
def toggle_agenda_item(*, item: AgendaItem, by: AbstractBaseUser) -> AgendaItem:
    require_pair(item.meeting.mentorship, by)
    item.done = not item.done
    item.save(update_fields=["done"])
    return item


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, by: AbstractBaseUser) -> Meeting:
    meeting = item.meeting
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    if item.author_id not in (None, by.pk):
        raise ValidationError("Only the person who added an item can remove it.")
    item.delete()
    _refresh_preparation(meeting)
    pair_changed(meeting.mentorship_id)
    return meeting


@transaction.atomic
def comment_on_agenda_item(*, item: AgendaItem, by: AbstractBaseUser, comment: str) -> AgendaItem:
    require_mentor(item.meeting.mentorship, by, "comment on agenda items")
    item.mentor_comment = comment.strip()
    item.save(update_fields=["mentor_comment"])
    return item


@transaction.atomic
def review_agenda(*, meeting: Meeting, by: AbstractBaseUser) -> Meeting:
    """The mentor has read the agenda: the mentee sees when."""
    mentorship = meeting.mentorship
    require_mentor(mentorship, by, "mark the agenda as reviewed")
    _require_scheduled(meeting)
    if not meeting.agenda_items.exists() and not meeting.objective:
        raise ValidationError("There is nothing on the agenda to review yet.")
    meeting.agenda_reviewed_at = timezone.now()
    meeting.save(update_fields=["agenda_reviewed_at"])
    notify(
        recipient=mentorship.mentee,
        kind=Kind.AGENDA,
        title=f"{by.display_name} reviewed your agenda",
        dedupe_key=f"meeting:{meeting.pk}:agenda_reviewed",
        about=meeting,
        url=meeting.get_absolute_url(),
    )
    pair_changed(meeting.mentorship_id)
    return meeting


def goals_on_agenda(meeting: Meeting) -> list[Goal]:
    """The goals the agenda touched and that are still open: one check-in each when the meeting is wrapped up."""
    return list(
        Goal.objects.active()
        .filter(agenda_items__meeting=meeting)
        .distinct()
        .order_by("target_date", "pk")
        .with_latest_value()
    )


@transaction.atomic
def wrap_up_meeting(
    *,
    meeting: Meeting,
    by: AbstractBaseUser,
    check_ins: dict[int, tuple[Decimal, str]] | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Mark the meeting held and record a check-in for each goal the agenda touched ({goal id: (value, comment)})."""
    now = now or timezone.now()
    require_pair(meeting.mentorship, by)
    _require_scheduled(meeting)
    if meeting.starts_at > now:
        raise ValidationError("The meeting has not started yet.")
    touched = {goal.pk: goal for goal in goals_on_agenda(meeting)}
    stray = set(check_ins or {}) - set(touched)
    if stray:
        raise ValidationError("Record progress only on the goals this meeting's agenda touched.")
    meeting.status = Meeting.Status.HELD
    meeting.held_at = now
    meeting.save(update_fields=["status", "held_at"])
    GoalCheckIn.objects.bulk_create(
        GoalCheckIn(
            goal=touched[goal_id],
            on=timezone.localdate(now),
            value=value,
            comment=comment,
            author=by,
            meeting=meeting,
        )
        for goal_id, (value, comment) in (check_ins or {}).items()
    )
    pair_changed(meeting.mentorship_id)
    return meeting
