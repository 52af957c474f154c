"""Due work of pairs at work, for the minute scan (mentoring.notifications.scanning).

Each finder takes the scan's `now`, reads what is due with a fixed number of indexed queries whatever
the volume, and returns Drafts whose dedupe_key names the event, so the next scan finding the same
work creates nothing twice. Times in titles and bodies are the recipient's own local time.
"""

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification, ReminderLead, default_reminder_leads
from mentoring.notifications.services import Draft
from programs.models import Program
from sessions.models import WORKING_STATUSES, ActionItem, AgendaItem, Meeting

# The longest lead a person can choose: meetings further away than this have nothing due.
LONGEST_LEAD = timedelta(minutes=max(ReminderLead.values))
# The mentee is nudged this long before the agenda deadline when nothing is on the agenda yet.
NUDGE_BEFORE_DEADLINE = timedelta(hours=24)
# Agenda nudges and reviews look no further ahead than this (a week's deadline plus the nudge).
AGENDA_HORIZON = timedelta(days=8)
# The mentor is reminded to review at the agenda deadline, and no later than this before the meeting.
REVIEW_AT_LATEST = timedelta(hours=24)
OVERDUE_HINT = "Mark it done, or raise it at your next meeting."
# A pair is inactive once it has not met for this many times its cadence.
INACTIVITY_FACTOR = 2


def due_meeting_reminders(now: datetime) -> list[Draft]:
    """One reminder per person and meeting at the nearest of their lead times that has come.

    A lead that passed unseen (the meeting was booked later, or scans were missed) is not sent late
    alongside a nearer one: at 50 minutes before, the 1-hour reminder goes, the 1-day one is skipped.
    The key carries the start time, so a moved meeting is reminded again.
    """
    rows = (
        _working_meetings(now, now + LONGEST_LEAD)
        .values_list(
            "pk",
            "starts_at",
            "duration_minutes",
            "location",
            *_person("mentorship__mentee"),
            "mentorship__mentee__notification_settings__meeting_reminder_minutes",
            *_person("mentorship__mentor"),
            "mentorship__mentor__notification_settings__meeting_reminder_minutes",
        )
        .order_by()
    )
    content_type_id = _content_type_id(Meeting)
    drafts = []
    for pk, starts_at, duration, location, *people in rows:
        mentee, mentee_leads, mentor, mentor_leads = people[:4], people[4], people[5:9], people[9]
        for me, leads, partner in ((mentee, mentee_leads, mentor), (mentor, mentor_leads, mentee)):
            lead = _nearest_due_lead(leads, starts_at, now)
            if lead is None:
                continue
            local = _local(starts_at, me[3])
            drafts.append(
                Draft(
                    recipient_id=me[0],
                    kind=Kind.MEETING_REMINDER,
                    title=f"Reminder: mentoring with {_name(partner)} on {local:%a %d %b at %H:%M %Z}",
                    body=f"{local:%A %d %B %Y, %H:%M %Z}, {duration} minutes. {location}".strip(),
                    url=_meeting_url(pk),
                    content_type_id=content_type_id,
                    object_id=pk,
                    dedupe_key=f"meeting:{pk}:reminder:{lead}:user:{me[0]}:{int(starts_at.timestamp())}",
                )
            )
    return drafts


def due_agenda_nudges(now: datetime) -> list[Draft]:
    """The mentee, once the agenda deadline is a day away and nobody has put anything on the agenda."""
    written = AgendaItem.objects.filter(meeting=OuterRef("pk"), author__isnull=False)
    rows = (
        _working_meetings(now, now + AGENDA_HORIZON)
        .filter(agenda_prepared_at__isnull=True)
        .filter(~Exists(written), ~_notified("agenda-nudge"))
        .annotate(deadline_hours=_cohort_rule("agenda_deadline_hours"))
        .values_list(
            "pk", "starts_at", "deadline_hours", *_person("mentorship__mentee"), *_person("mentorship__mentor")
        )
        .order_by()
    )
    content_type_id = _content_type_id(Meeting)
    drafts = []
    for pk, starts_at, deadline_hours, *people in rows:
        deadline = starts_at - timedelta(hours=deadline_hours)
        if now < deadline - NUDGE_BEFORE_DEADLINE:
            continue
        mentee, mentor = people[:4], people[4:]
        local = _local(starts_at, mentee[3])
        drafts.append(
            Draft(
                recipient_id=mentee[0],
                kind=Kind.AGENDA,
                title=f"Your meeting with {_name(mentor)} has no agenda yet",
                body=(
                    f"The meeting is on {local:%A %d %B at %H:%M %Z}. Add the questions and topics you want to "
                    f"cover and the objective, by {_local(deadline, mentee[3]):%A %d %B at %H:%M %Z}, "
                    "so your mentor can prepare."
                ),
                url=_meeting_url(pk),
                content_type_id=content_type_id,
                object_id=pk,
                dedupe_key=f"meeting:{pk}:agenda-nudge",
            )
        )
    return drafts


def due_agenda_reviews(now: datetime) -> list[Draft]:
    """The mentor, with the agenda in the message, at the agenda deadline (or once something is on it)."""
    written = AgendaItem.objects.filter(meeting=OuterRef("pk"), author__isnull=False)
    rows = list(
        _working_meetings(now, now + AGENDA_HORIZON)
        .filter(Q(agenda_prepared_at__isnull=False) | Exists(written), agenda_reviewed_at__isnull=True)
        .filter(~_notified("agenda-review"))
        .annotate(deadline_hours=_cohort_rule("agenda_deadline_hours"))
        .values_list(
            "pk",
            "starts_at",
            "objective",
            "deadline_hours",
            *_person("mentorship__mentor"),
            *_person("mentorship__mentee"),
        )
        .order_by()
    )
    due = [row for row in rows if now >= min(row[1] - timedelta(hours=row[3]), row[1] - REVIEW_AT_LATEST)]
    if not due:
        return []
    agendas = defaultdict(list)
    categories = dict(AgendaItem.Category.choices)
    for meeting_id, category, text in (
        AgendaItem.objects.filter(meeting_id__in=[row[0] for row in due], done=False)
        .order_by("meeting_id", "order", "pk")
        .values_list("meeting_id", "category", "text")
    ):
        agendas[meeting_id].append(f"• {categories.get(category, category)}: {text}")
    content_type_id = _content_type_id(Meeting)
    drafts = []
    for pk, starts_at, objective, _hours, *people in due:
        mentor, mentee = people[:4], people[4:]
        local = _local(starts_at, mentor[3])
        lines = [f"Objective: {objective}" if objective else "No objective set yet.", "", *agendas[pk]]
        drafts.append(
            Draft(
                recipient_id=mentor[0],
                kind=Kind.AGENDA,
                title=f"Review {_name(mentee)}'s agenda before {local:%a %d %b at %H:%M %Z}",
                body="\n".join([*lines, "", "Mark it reviewed, comment on items or add your own."]),
                url=_meeting_url(pk),
                content_type_id=content_type_id,
                object_id=pk,
                dedupe_key=f"meeting:{pk}:agenda-review",
            )
        )
    return drafts


def due_overdue_action_items(now: datetime) -> list[Draft]:
    """Each open action item once, to its owner, the day after its due date in the owner's time zone."""
    latest_possible_today = (now + timedelta(days=1)).date()
    rows = (
        ActionItem.objects.open()
        .filter(due_on__lt=latest_possible_today, mentorship__status__in=WORKING_STATUSES)
        .filter(~_notified("overdue", prefix="action-item"))
        .values_list("pk", "mentorship_id", "title", "due_on", "owner_id", "owner__profile__time_zone")
        .order_by()
    )
    content_type_id = _content_type_id(ActionItem)
    drafts = []
    for pk, mentorship_id, title, due_on, owner_id, time_zone in rows:
        if _local(now, time_zone).date() <= due_on:
            continue
        drafts.append(
            Draft(
                recipient_id=owner_id,
                kind=Kind.ACTION_ITEM,
                title=f"Overdue: {title}"[:200],
                body=f"This action item was due on {due_on:%A %d %B %Y}. {OVERDUE_HINT}",
                url=f"{_url('sessions:mentorship_detail', mentorship_id)}#action-items",
                content_type_id=content_type_id,
                object_id=pk,
                dedupe_key=f"action-item:{pk}:overdue",
            )
        )
    return drafts


def due_inactivity_alerts(now: datetime) -> list[Draft]:
    """Coordinators, once per quiet spell, about active pairs that have not met for twice their cadence.

    The spell is named by the last meeting (or the pair's start), so a pair that meets and then goes
    quiet again raises a new alert. Only that the pair meets is shown, never what it discussed.
    """
    today = now.date()
    last_met = (
        Meeting.objects.filter(mentorship=OuterRef("pk"), starts_at__lte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    coming = Meeting.objects.filter(mentorship=OuterRef("pk"), status=Meeting.Status.SCHEDULED, starts_at__gt=now)
    rows = list(
        Mentorship.objects.active()
        .filter(cohort__starts_on__lte=today, cohort__ends_on__gte=today)
        .filter(~Exists(coming))
        .annotate(
            last_met=Subquery(last_met),
            cadence=Coalesce("agreement__cadence_days", _cohort_rule("meeting_cadence_days", prefix="cohort__")),
        )
        .values_list(
            "pk",
            "cohort_id",
            "cohort__name",
            "cohort__program_id",
            "last_met",
            "started_at",
            "created_at",
            "cadence",
            "mentee__first_name",
            "mentee__last_name",
            "mentor__first_name",
            "mentor__last_name",
        )
        .order_by()
    )
    quiet = []
    for pk, cohort_id, cohort_name, program_id, last_met_at, started_at, created_at, cadence, *names in rows:
        since = last_met_at or started_at or created_at
        if now - since > timedelta(days=INACTIVITY_FACTOR * cadence):
            quiet.append((pk, cohort_id, cohort_name, program_id, since, names))
    if not quiet:
        return []
    coordinators = defaultdict(list)
    for program_id, user_id in Program.coordinators.through.objects.filter(
        program_id__in={row[3] for row in quiet}
    ).values_list("program_id", "user_id"):
        coordinators[program_id].append(user_id)
    content_type_id = _content_type_id(Mentorship)
    drafts = []
    for pk, cohort_id, cohort_name, program_id, since, names in quiet:
        pair = f"{' '.join(names[2:]).strip()} and {' '.join(names[:2]).strip()}"
        days = (now - since).days
        for user_id in coordinators[program_id]:
            drafts.append(
                Draft(
                    recipient_id=user_id,
                    kind=Kind.COORDINATOR,
                    title=f"{pair} have not met for {days} days",
                    body=(
                        f"In {cohort_name}, this pair has no meeting since {since:%d %b %Y} and none planned. "
                        "A short check-in often gets a pair going again."
                    ),
                    url=_url("sessions:cohort_activity", cohort_id),
                    content_type_id=content_type_id,
                    object_id=pk,
                    dedupe_key=f"mentorship:{pk}:inactive:{since:%Y%m%d%H%M}:coordinator:{user_id}",
                )
            )
    return drafts


FINDERS = {
    "meeting-reminders": due_meeting_reminders,
    "agenda-nudges": due_agenda_nudges,
    "agenda-reviews": due_agenda_reviews,
    "overdue-action-items": due_overdue_action_items,
    "inactivity-alerts": due_inactivity_alerts,
}


def _working_meetings(after: datetime, until: datetime):
    """Scheduled meetings in (after, until] of pairs that still meet: active, or converted to informal."""
    return Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=after,
        starts_at__lte=until,
        mentorship__status__in=WORKING_STATUSES,
    )


def _person(prefix: str) -> tuple[str, ...]:
    """Columns for _name and _local: id, first name, last name (e-mail as a fallback name), time zone."""
    return (f"{prefix}_id", f"{prefix}__first_name", f"{prefix}__last_name", f"{prefix}__profile__time_zone")


def _cohort_rule(name: str, prefix: str = "mentorship__cohort__"):
    return Coalesce(f"{prefix}{name}", f"{prefix}program__{name}")


def _notified(event: str, *, prefix: str = "meeting") -> Q:
    """Whether the row's `<prefix>:<pk>:<event>` notification exists (one unique-index probe per row)."""
    key = Concat(Value(f"{prefix}:"), Cast("pk", CharField()), Value(f":{event}"), output_field=CharField())
    return Q(Exists(Notification.objects.filter(dedupe_key=key)))


def _nearest_due_lead(leads: Iterable[int] | None, starts_at: datetime, now: datetime) -> int | None:
    leads = default_reminder_leads() if leads is None else leads
    due = [int(lead) for lead in leads if starts_at - timedelta(minutes=int(lead)) <= now]
    return min(due) if due else None


def _name(person) -> str:
    return f"{person[1]} {person[2]}".strip() or "your mentoring partner"


def _local(moment: datetime, time_zone: str | None) -> datetime:
    return moment.astimezone(_zone(time_zone or "UTC"))


@cache
def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _meeting_url(pk: int) -> str:
    return _url("sessions:meeting_detail", pk)


# A number no URL contains otherwise: reverse once per URL name, then put each pk in its place
# (reverse() is ~0.1 ms, and a busy scan builds ten thousand links).
_PK_SLOT = str(7**22)


@cache
def _url_template(name: str) -> str:
    return reverse(name, args=[_PK_SLOT])


def _url(name: str, pk: int) -> str:
    return _url_template(name).replace(_PK_SLOT, str(pk))


def _content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk
