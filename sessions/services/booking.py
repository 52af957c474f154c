"""Booking: a person's availability, a free slot booked in two clicks, and recurring series of meetings.

Two people booking the same slot at once: the booking locks both sides' user rows (in id order, so no deadlock)
before it checks the slot is still free, so the second waits, finds the slot taken, and is refused."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from programs.figures import cohorts_changed
from sessions.calendar import series_invitation
from sessions.localtime import when_for, zone
from sessions.models import Availability, Meeting, MeetingSeries
from sessions.selectors.booking import pair_slots
from sessions.services._common import require_pair, require_working
from sessions.services.agreements import agreement_for
from sessions.services.health import pair_changed
from sessions.services.invitations import tell_pair
from sessions.services.meetings import _agenda_due, _check_time, _require_scheduled, schedule_meeting, seed_agenda
from sessions.slots import parse_windows

MAX_SERIES = 52


@transaction.atomic
def save_availability(
    *,
    user: AbstractBaseUser,
    time_zone: str,
    windows: str,
    dates_off: list,
    min_notice_hours: int,
    buffer_minutes: int,
    max_per_week: int | None,
) -> Availability:
    if zone(time_zone).key != time_zone:
        raise ValidationError({"time_zone": f"“{time_zone}” is not a time zone we know."})
    try:
        parsed = parse_windows(windows)
    except ValueError as exc:
        raise ValidationError({"windows": str(exc)}) from None
    availability, _ = Availability.objects.update_or_create(
        user=user,
        defaults={
            "time_zone": time_zone,
            "windows": parsed,
            "dates_off": sorted({d.isoformat() for d in dates_off}),
            "min_notice_hours": min_notice_hours,
            "buffer_minutes": buffer_minutes,
            "max_per_week": max_per_week,
        },
    )
    return availability


def _lock_pair(mentorship) -> None:
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=[mentorship.mentee_id, mentorship.mentor_id])
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def book_slot(
    *,
    mentorship,
    by: AbstractBaseUser,
    starts_at: datetime,
    length_minutes: int,
    repeat: int = 1,
    now: datetime | None = None,
) -> Meeting:
    """Book a free slot, once or as the first of a series of `repeat` meetings on the agreement's cadence."""
    now = now or timezone.now()
    require_pair(mentorship, by)
    require_working(mentorship)
    if starts_at <= now:
        raise ValidationError({"starts_at": "That time has passed: choose a time in the future."})
    _lock_pair(mentorship)
    if starts_at not in pair_slots(mentorship, length_minutes=length_minutes, now=now):
        raise ValidationError(
            {"starts_at": "That time is not free: it is outside the availability, or someone has just booked it."}
        )
    if repeat > 1:
        return schedule_series(
            mentorship=mentorship, by=by, first_starts_at=starts_at, count=repeat, duration_minutes=length_minutes
        ).occurrences.order_by("starts_at")[0]
    return schedule_meeting(mentorship=mentorship, by=by, starts_at=starts_at, duration_minutes=length_minutes)


@transaction.atomic
def schedule_series(
    *,
    mentorship,
    by: AbstractBaseUser,
    first_starts_at: datetime,
    count: int | None,
    duration_minutes: int,
    location: str = "",
    interval_days: int | None = None,
    now: datetime | None = None,
) -> MeetingSeries:
    """A series on the agreement's cadence, kept on the scheduler's wall clock; one invitation for all of it."""
    now = now or timezone.now()
    require_pair(mentorship, by)
    require_working(mentorship)
    if not count:
        raise ValidationError({"count": "A series needs an end: say how many meetings it has."})
    if not 2 <= count <= MAX_SERIES:
        raise ValidationError({"count": f"A series has between 2 and {MAX_SERIES} meetings."})
    series = MeetingSeries(
        mentorship=mentorship,
        first_starts_at=first_starts_at,
        time_zone=(getattr(by, "profile", None) and by.profile.time_zone) or "UTC",
        interval_days=interval_days or agreement_for(mentorship).cadence_days,
        count=count,
        duration_minutes=duration_minutes,
        location=location,
        scheduled_by=by,
        created_at=now,
    )
    starts = series.starts()
    for moment in (starts[0], starts[-1]):
        _check_time(moment, duration_minutes, now)
    series.save()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            mentorship=mentorship,
            series=series,
            recurrence_id=moment,
            starts_at=moment,
            duration_minutes=duration_minutes,
            location=location,
            scheduled_by=by,
            created_at=now,
        )
        for moment in starts
    )
    seed_agenda(meetings[0])
    cohorts_changed(cohort_ids=[mentorship.cohort_id])
    tell_pair(
        meetings[0],
        by,
        key=f"series:{series.pk}:scheduled",
        series=series,
        title=lambda when: f"{by.display_name} scheduled {count} mentoring meetings, the first {when}",
        body=lambda recipient: f"Every {series.interval_days} days, {duration_minutes} minutes.",
    )
    return series


@transaction.atomic
def cancel_future(*, meeting: Meeting, by: AbstractBaseUser, now: datetime | None = None) -> MeetingSeries:
    """Cancel this occurrence and every later one: the series ends before it (a new UNTIL in its invitation)."""
    now = now or timezone.now()
    require_pair(meeting.mentorship, by)
    series = MeetingSeries.objects.select_for_update().get(pk=meeting.series_id)
    later = series.occurrences.filter(recurrence_id__gte=meeting.recurrence_id, status=Meeting.Status.SCHEDULED)
    later.update(status=Meeting.Status.CANCELLED, cancelled_at=now, cancel_reason="The series ends here.")
    cohorts_changed(cohort_ids=[meeting.mentorship.cohort_id])
    series.until = meeting.recurrence_id - timedelta(seconds=1)
    series.sequence += 1
    series.save(update_fields=["until", "sequence"])
    # From the first occurrence on, nothing is left: the whole series is cancelled.
    everything = meeting.recurrence_id <= series.first_starts_at
    tell_pair(
        meeting,
        by,
        key=f"series:{series.pk}:ended:{series.sequence}",
        series=series,
        method="CANCEL" if everything else "REQUEST",
        title=lambda when: f"{by.display_name} cancelled your mentoring meetings from {when} on",
    )
    return series


@transaction.atomic
def move_future(
    *, meeting: Meeting, by: AbstractBaseUser, starts_at: datetime, now: datetime | None = None
) -> MeetingSeries:
    """Move this occurrence and every later scheduled one of its series.

    The rule, one for all: each scheduled occurrence from this one on gets the new local time of day and the
    same shift in days, both counted from its slot in the series (its RECURRENCE-ID) on the series' own wall
    clock, so 09:00 stays 09:00 local across a DST change. An occurrence moved on its own before is put back
    on the new pattern; cancelled and skipped ones stay cancelled; earlier occurrences are untouched. Each
    occurrence keeps its row, so its agenda stays with it, and reminders follow its new time.

    The invitation: the series keeps its UID, DTSTART and RRULE; every moved occurrence is a RECURRENCE-ID
    override in it, and the series' SEQUENCE goes up, so the pair gets ONE updated REQUEST (RFC 5546 3.2.2)
    that calendars apply to the event they hold. (Not chosen: ending the series with UNTIL and starting a new
    UID, which would need two invitations and would split the series' history.)"""
    now = now or timezone.now()
    mentorship = meeting.mentorship
    require_pair(mentorship, by)
    if not meeting.series_id:
        raise ValidationError("This meeting is not part of a series.")
    _require_scheduled(meeting)
    _check_time(starts_at, meeting.duration_minutes, now)  # before any arithmetic on a far-off date
    _lock_pair(mentorship)
    series = MeetingSeries.objects.select_for_update().get(pk=meeting.series_id)
    local, tz = starts_at.astimezone(series.zone), series.zone
    shift = local.date() - meeting.recurrence_id.astimezone(tz).date()
    moving = list(
        series.occurrences.select_for_update()
        .filter(recurrence_id__gte=meeting.recurrence_id, status=Meeting.Status.SCHEDULED)
        .order_by("recurrence_id")
    )
    for occurrence in moving:
        day = occurrence.recurrence_id.astimezone(tz).date() + shift
        occurrence.starts_at = datetime.combine(day, local.time(), tzinfo=tz)
        _check_time(occurrence.starts_at, occurrence.duration_minutes, now)
        occurrence.agenda_due_at = _agenda_due(mentorship, occurrence.starts_at, now)
        occurrence.sequence += 1
        occurrence.timed_at = timezone.now()
    _refuse_clashes(mentorship, moving, reader=by)
    Meeting.objects.bulk_update(moving, ["starts_at", "agenda_due_at", "sequence", "timed_at"])
    series.sequence += 1
    series.save(update_fields=["sequence"])
    pair_changed(mentorship.pk)
    tell_pair(
        moving[0],
        by,
        key=f"series:{series.pk}:moved:{series.sequence}",
        series=series,
        title=lambda when: f"{by.display_name} moved your mentoring meetings: from {when} on",
        body=lambda recipient: f"{len(moving)} meetings move; each keeps its agenda.",
    )
    return series


def _refuse_clashes(mentorship, moving: list[Meeting], *, reader) -> None:
    """Either side's other scheduled meetings, in any program, must not overlap a moved occurrence."""
    people = [mentorship.mentor_id, mentorship.mentee_id]
    spans = [(m.starts_at, m.ends_at) for m in moving]
    others = (
        Meeting.objects.scheduled()
        .filter(Q(mentorship__mentor_id__in=people) | Q(mentorship__mentee_id__in=people))
        .exclude(pk__in=[m.pk for m in moving])
        .filter(starts_at__gte=spans[0][0] - timedelta(days=1), starts_at__lt=spans[-1][1])
        .values_list("starts_at", "duration_minutes")
    )
    for other_start, minutes in others:
        other_end = other_start + timedelta(minutes=minutes)
        for start, end in spans:
            if other_start < end and start < other_end:
                when = when_for(start, reader)
                raise ValidationError({"starts_at": f"On {when} one of you has another meeting: choose another time."})


def series_invitation_for(series: MeetingSeries, *, viewer) -> str:
    """The series' current invitation, as a calendar would now hold it."""
    return series_invitation(series, viewer=viewer)
