"""Due work of pairs at work, for the minute scan (mentoring.notifications.scanning).

Each finder takes the scan's `now`, reads what is due with a fixed number of indexed queries whatever
the volume, and returns Drafts whose dedupe_key names the event, so the next scan finding the same
work creates nothing twice. Times in titles and bodies are the recipient's own local time.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from matching.models import Mentorship
from mentoring.notifications.models import Kind, ReminderLead, default_reminder_leads
from mentoring.notifications.services import Draft
from mentoring.web import person_name
from programs.models import Program
from sessions.models import WORKING_STATUSES, ActionItem, AgendaItem, Meeting
from sessions.scans._common import (
    cohort_rule,
    content_type_id,
    local_time,
    notified,
    people,
    person_columns,
    url,
)

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


def due_meeting_reminders(now: datetime, since: datetime | None = None) -> list[Draft]:
    """One reminder per person and meeting at the nearest of their lead times that has come.

    A lead that passed unseen (the meeting was booked later, or scans were missed) is not sent late
    alongside a nearer one: at 50 minutes before, the 1-hour reminder goes, the 1-day one is skipped.
    The key carries the start time, so a moved meeting is reminded again.

    Windowed (mentoring.notifications.scanning): after `since`, only meetings for which something changed can have
    a reminder due that an earlier run did not find: one of the leads came (the start is in `(since, now]` plus the
    lead), or the meeting was booked or moved (`timed_at`). Both are index ranges, so the scan reads what is due,
    not every meeting of the next two days.
    """
    meetings = _working_meetings(now, now + LONGEST_LEAD)
    if since is not None:
        came = Q(timed_at__gt=since)
        for lead in ReminderLead.values:
            came |= Q(starts_at__gt=since + timedelta(minutes=lead), starts_at__lte=now + timedelta(minutes=lead))
        meetings = meetings.filter(came)
    rows = meetings.values_list(
        "pk",
        "starts_at",
        "duration_minutes",
        # The meeting's own place, else the pair's standing one.
        Coalesce(NullIf("location", Value("")), "mentorship__agreement__meeting_place", Value("")),
        "mentorship__mentee__notification_settings__meeting_reminder_minutes",
        "mentorship__mentor__notification_settings__meeting_reminder_minutes",
        *person_columns("mentorship__mentee"),
        *person_columns("mentorship__mentor"),
    ).order_by()
    drafts = []
    for pk, starts_at, duration, location, mentee_leads, mentor_leads, *columns in rows:
        mentee, mentor = people(columns)
        for me, leads, partner in ((mentee, mentee_leads, mentor), (mentor, mentor_leads, mentee)):
            lead = _nearest_due_lead(leads, starts_at, now)
            if lead is None:
                continue
            local = me.local(starts_at)
            drafts.append(
                _meeting_draft(
                    pk,
                    recipient_id=me.id,
                    kind=Kind.MEETING_REMINDER,
                    title=f"Reminder: mentoring with {partner.name} on {local:%a %d %b at %H:%M %Z}",
                    body=f"{local:%A %d %B %Y, %H:%M %Z}, {duration} minutes. {location}".strip(),
                    dedupe_key=f"meeting:{pk}:reminder:{lead}:user:{me.id}:{int(starts_at.timestamp())}",
                )
            )
    return drafts


def due_agenda_nudges(now: datetime) -> list[Draft]:
    """The mentee, once the agenda deadline is a day away and nobody has put anything on the agenda."""
    written = AgendaItem.objects.filter(meeting=OuterRef("pk"), author__isnull=False)
    rows = (
        _working_meetings(now, now + AGENDA_HORIZON)
        .filter(agenda_prepared_at__isnull=True)
        .filter(~Exists(written), ~notified("meeting", "agenda-nudge"))
        .annotate(deadline_hours=cohort_rule("agenda_deadline_hours"))
        .values_list(
            "pk",
            "starts_at",
            "deadline_hours",
            "agenda_due_at",
            *person_columns("mentorship__mentee"),
            *person_columns("mentorship__mentor"),
        )
        .order_by()
    )
    drafts = []
    for pk, starts_at, deadline_hours, due_at, *columns in rows:
        deadline = due_at or starts_at - timedelta(hours=deadline_hours)
        if now < deadline - NUDGE_BEFORE_DEADLINE:
            continue
        mentee, mentor = people(columns)
        local = mentee.local(starts_at)
        drafts.append(
            _meeting_draft(
                pk,
                recipient_id=mentee.id,
                kind=Kind.AGENDA,
                title=f"Your meeting with {mentor.name} has no agenda yet",
                body=(
                    f"The meeting is on {local:%A %d %B at %H:%M %Z}. Add the questions and topics you want to "
                    f"cover and the objective, by {mentee.local(deadline):%A %d %B at %H:%M %Z}, "
                    "so your mentor can prepare."
                ),
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
        .filter(~notified("meeting", "agenda-review"))
        .annotate(deadline_hours=cohort_rule("agenda_deadline_hours"))
        .values_list(
            "pk",
            "starts_at",
            "objective",
            "deadline_hours",
            "agenda_due_at",
            *person_columns("mentorship__mentor"),
            *person_columns("mentorship__mentee"),
        )
        .order_by()
    )
    due = [row for row in rows if now >= min(row[4] or row[1] - timedelta(hours=row[3]), row[1] - REVIEW_AT_LATEST)]
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
    drafts = []
    for pk, starts_at, objective, _hours, _due_at, *columns in due:
        mentor, mentee = people(columns)
        local = mentor.local(starts_at)
        lines = [f"Objective: {objective}" if objective else "No objective set yet.", "", *agendas[pk]]
        drafts.append(
            _meeting_draft(
                pk,
                recipient_id=mentor.id,
                kind=Kind.AGENDA,
                title=f"Review {mentee.name}'s agenda before {local:%a %d %b at %H:%M %Z}",
                body="\n".join([*lines, "", "Mark it reviewed, comment on items or add your own."]),
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
        .filter(~notified("action-item", "overdue"))
        .values_list("pk", "mentorship_id", "title", "due_on", "owner_id", "owner__profile__time_zone")
        .order_by()
    )
    item_type = content_type_id(ActionItem)
    drafts = []
    for pk, mentorship_id, title, due_on, owner_id, time_zone in rows:
        if local_time(now, time_zone).date() <= due_on:
            continue
        drafts.append(
            Draft(
                recipient_id=owner_id,
                kind=Kind.ACTION_ITEM,
                title=f"Overdue: {title}"[:200],
                body=f"This action item was due on {due_on:%A %d %B %Y}. {OVERDUE_HINT}",
                url=f"{url('sessions:mentorship_detail', mentorship_id)}#action-items",
                content_type_id=item_type,
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
    # Most pairs have a meeting planned, and their stored health says so (sessions.services.health keeps
    # next_meeting as meetings are booked, moved, cancelled or come): only the others are probed for one.
    maybe_quiet = (
        Q(stored_health__isnull=True)
        | Q(stored_health__next_meeting__isnull=True)
        | Q(stored_health__next_meeting__lte=now)
        | ~Q(stored_health__status=F("status"))
    )
    rows = list(
        Mentorship.objects.active()
        .filter(cohort__starts_on__lte=today, cohort__ends_on__gte=today)
        .filter(maybe_quiet)
        .filter(~Exists(coming))
        .annotate(
            last_met=Subquery(last_met),
            cadence=Coalesce("agreement__cadence_days", cohort_rule("meeting_cadence_days", prefix="cohort__")),
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
            "mentee__email",
            "mentor__first_name",
            "mentor__last_name",
            "mentor__email",
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
    pair_type = content_type_id(Mentorship)
    drafts = []
    for pk, cohort_id, cohort_name, program_id, since, names in quiet:
        pair = f"{person_name(*names[3:])} and {person_name(*names[:3])}"
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
                    url=url("sessions:cohort_activity", cohort_id),
                    content_type_id=pair_type,
                    object_id=pk,
                    dedupe_key=f"mentorship:{pk}:inactive:{since:%Y%m%d%H%M}:coordinator:{user_id}",
                )
            )
    return drafts


def _working_meetings(after: datetime, until: datetime):
    """Scheduled meetings in (after, until] of pairs that still meet: active, or converted to informal."""
    return Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=after,
        starts_at__lte=until,
        mentorship__status__in=WORKING_STATUSES,
    )


def _nearest_due_lead(leads: Iterable[int] | None, starts_at: datetime, now: datetime) -> int | None:
    leads = default_reminder_leads() if leads is None else leads
    due = [int(lead) for lead in leads if starts_at - timedelta(minutes=int(lead)) <= now]
    return min(due) if due else None


def _meeting_draft(pk: int, *, recipient_id: int, kind: str, title: str, body: str, dedupe_key: str) -> Draft:
    """A notification about meeting `pk`, linking to its page."""
    return Draft(
        recipient_id=recipient_id,
        kind=kind,
        title=title,
        body=body,
        url=url("sessions:meeting_detail", pk),
        content_type_id=content_type_id(Meeting),
        object_id=pk,
        dedupe_key=dedupe_key,
    )
