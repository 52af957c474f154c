"""What the booking page shows: the free slots of a pair, in a fixed number of queries whatever their history."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from sessions.localtime import zone, zone_of
from sessions.models import Availability, Meeting
from sessions.slots import Side, free_slots

BOOKING_DAYS = 21
# Reaching back a week before the range keeps the weekly limit right for the first days.
_WEEK = timedelta(days=7)


def _side(availability: Availability | None, person, busy, *, keeps_none_means_any: bool) -> Side:
    if availability is None:
        return Side(zone=zone_of(person), windows=None if keeps_none_means_any else [], busy=busy)
    return Side(
        zone=availability.zone,
        windows=availability.window_times() if availability.windows or not keeps_none_means_any else None,
        dates_off={datetime.fromisoformat(d).date() for d in availability.dates_off},
        notice=timedelta(hours=availability.min_notice_hours),
        buffer=timedelta(minutes=availability.buffer_minutes),
        max_per_week=availability.max_per_week,
        busy=busy,
    )


def pair_slots(mentorship, *, length_minutes: int, now: datetime | None = None, days: int = BOOKING_DAYS):
    """Free starts for the pair: inside the mentor's windows and, when the mentee keeps some, the mentee's too,
    minus either side's scheduled meetings in any program. Three queries."""
    now = now or timezone.now()
    people = {mentorship.mentor_id: mentorship.mentor, mentorship.mentee_id: mentorship.mentee}
    availabilities = {a.user_id: a for a in Availability.objects.filter(user_id__in=people)}
    end = now + timedelta(days=days + 1)
    busy = {pk: [] for pk in people}
    rows = (
        Meeting.objects.scheduled()
        .filter(Q(mentorship__mentor_id__in=people) | Q(mentorship__mentee_id__in=people))
        .filter(starts_at__gte=now - _WEEK - _WEEK, starts_at__lt=end + _WEEK)
        .order_by("starts_at")
        .values_list("starts_at", "duration_minutes", "mentorship__mentor_id", "mentorship__mentee_id")
    )
    for starts_at, minutes, mentor_id, mentee_id in rows:
        for pk in {mentor_id, mentee_id} & set(people):
            busy[pk].append((starts_at, starts_at + timedelta(minutes=minutes)))
    mentor = _side(
        availabilities.get(mentorship.mentor_id),
        mentorship.mentor,
        busy[mentorship.mentor_id],
        keeps_none_means_any=False,
    )
    mentee = _side(
        availabilities.get(mentorship.mentee_id),
        mentorship.mentee,
        busy[mentorship.mentee_id],
        keeps_none_means_any=True,
    )
    return free_slots(
        owner=mentor, others=[mentee], start=now, days=days, length=timedelta(minutes=length_minutes), now=now
    )


def availability_of(user) -> Availability:
    """The person's availability, unsaved with their profile's zone when they keep none yet."""
    existing = Availability.objects.filter(user=user).first()
    if existing is not None:
        return existing
    return Availability(user=user, time_zone=zone_of(user).key)


def slot_zone(user):
    return zone_of(user) if user else zone("UTC")
