"""Availability, booking a free slot, recurring series, carried-over agendas and topics saved for next time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from mentoring.notifications.models import Notification
from sessions import services
from sessions.models import AgendaItem, Availability, Meeting, NextTopic
from sessions.scans import pairs as reminders
from sessions.selectors.booking import pair_slots
from tests.sessions.booking_race import race_for_one_slot
from tests.sessions.factories import AgendaItemFactory, MeetingFactory, person

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)  # a Monday
WEEKDAYS = "\n".join(f"{d} 09:00-12:00" for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))


def _available(user, zone="America/New_York", **rules):
    fields = {"dates_off": [], "min_notice_hours": 2, "buffer_minutes": 0, "max_per_week": None, **rules}
    return services.save_availability(user=user, time_zone=zone, windows=WEEKDAYS, **fields)


def _calendars(user):
    return [
        Calendar.from_ical(n.calendar)
        for n in Notification.objects.filter(recipient=user).exclude(calendar="").order_by("pk")
    ]


def test_bad_availability_is_refused_with_a_clear_message(mentor):
    with pytest.raises(ValidationError, match="not a time zone we know"):
        services.save_availability(
            user=mentor,
            time_zone="Mars/Olympus",
            windows="",
            dates_off=[],
            min_notice_hours=1,
            buffer_minutes=0,
            max_per_week=None,
        )
    with pytest.raises(ValidationError, match="overlap"):
        services.save_availability(
            user=mentor,
            time_zone="UTC",
            windows="Mon 09:00-11:00\nMon 10:00-12:00",
            dates_off=[],
            min_notice_hours=1,
            buffer_minutes=0,
            max_per_week=None,
        )
    assert not Availability.objects.exists()


def test_slots_are_inside_the_mentor_s_windows_minus_meetings_in_any_program(mentorship, mentor, other_mentee):
    _available(mentor)
    slots = pair_slots(mentorship, length_minutes=60, now=NOW)
    ny = ZoneInfo("America/New_York")
    assert slots and all(9 <= s.astimezone(ny).hour < 12 for s in slots)
    elsewhere = MeetingFactory(mentorship__mentor=mentor, starts_at=slots[0], duration_minutes=60)
    assert elsewhere.mentorship_id != mentorship.pk
    assert slots[0] not in pair_slots(mentorship, length_minutes=60, now=NOW)


def test_booking_outside_availability_or_in_the_past_is_refused(mentorship, mentee, mentor):
    _available(mentor)
    with pytest.raises(ValidationError, match="has passed"):
        services.book_slot(
            mentorship=mentorship, by=mentee, starts_at=NOW - timedelta(hours=1), length_minutes=45, now=NOW
        )
    with pytest.raises(ValidationError, match="not free"):
        services.book_slot(
            mentorship=mentorship,
            by=mentee,
            starts_at=NOW + timedelta(days=1, hours=20),
            length_minutes=45,
            now=NOW,
        )
    assert not Meeting.objects.exists()


def test_a_booked_slot_is_taken(mentorship, mentee, mentor):
    _available(mentor)
    slot = pair_slots(mentorship, length_minutes=45, now=NOW)[0]
    services.book_slot(mentorship=mentorship, by=mentee, starts_at=slot, length_minutes=45, now=NOW)
    with pytest.raises(ValidationError, match="not free"):
        services.book_slot(mentorship=mentorship, by=mentee, starts_at=slot, length_minutes=45, now=NOW)


def test_a_series_is_one_invitation_with_rrule_and_exdate_and_occurrence_updates(mentorship, mentee, mentor):
    services.save_agreement(agreement=services.agreement_for(mentorship), by=mentee, cadence_days=7)
    first = datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # London changes on 28 March
    series = services.schedule_series(
        mentorship=mentorship, by=mentee, first_starts_at=first, count=6, duration_minutes=45, now=NOW
    )
    occurrences = list(series.occurrences.order_by("starts_at"))
    assert [m.starts_at.astimezone(ZoneInfo("Europe/London")).hour for m in occurrences] == [10] * 6
    invite = _calendars(mentor)[-1]
    master = invite.walk("VEVENT")[0]
    assert invite["METHOD"] == "REQUEST" and master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["COUNT"] == [6]
    uid = str(master["UID"])
    assert all(m.agenda_items.model is AgendaItem for m in occurrences)

    services.reschedule_meeting(
        meeting=occurrences[1],
        by=mentor,
        starts_at=occurrences[1].starts_at + timedelta(hours=2),
        duration_minutes=45,
        now=NOW,
    )
    moved = _calendars(mentee)[-1].walk("VEVENT")[0]
    assert str(moved["UID"]) == uid and moved["SEQUENCE"] == 1
    assert moved.decoded("RECURRENCE-ID") == occurrences[1].recurrence_id

    services.cancel_meeting(meeting=occurrences[2], by=mentee)
    cancel = _calendars(mentor)[-1]
    assert cancel["METHOD"] == "CANCEL" and cancel.walk("VEVENT")[0]["SEQUENCE"] == 2

    series.refresh_from_db()
    again = Calendar.from_ical(services.series_invitation_for(series, viewer=mentee)).walk("VEVENT")
    assert [d.dt for d in again[0]["EXDATE"].dts] == [occurrences[2].recurrence_id]
    assert [str(e["UID"]) for e in again] == [uid, uid]  # the master and the moved occurrence

    services.cancel_future(meeting=occurrences[4], by=mentor, now=NOW)
    ended = _calendars(mentee)[-1].walk("VEVENT")[0]
    assert "UNTIL" in ended["RRULE"] and ended["SEQUENCE"] == 3
    assert series.occurrences.filter(status=Meeting.Status.SCHEDULED).count() == 3


def test_a_series_with_no_end_is_refused(mentorship, mentee):
    with pytest.raises(ValidationError, match="needs an end"):
        services.schedule_series(
            mentorship=mentorship,
            by=mentee,
            first_starts_at=NOW + timedelta(days=2),
            count=None,
            duration_minutes=45,
            now=NOW,
        )


def test_unticked_questions_carry_over_and_saved_topics_land_on_the_next_agenda(mentorship, mentee, mentor):
    held = MeetingFactory(mentorship=mentorship, status=Meeting.Status.HELD, starts_at=NOW - timedelta(days=7))
    AgendaItemFactory(meeting=held, category=AgendaItem.Category.QUESTION, text="How do I price it?", done=False)
    AgendaItemFactory(meeting=held, category=AgendaItem.Category.DISCUSSION, text="Answered", done=True)
    topic = services.save_for_next_meeting(mentorship=mentorship, by=mentor, text="Read this book", is_question=False)
    assert list(NextTopic.objects.waiting()) == [topic]

    meeting = services.schedule_meeting(
        mentorship=mentorship,
        by=mentee,
        starts_at=datetime(2027, 1, 20, 15, tzinfo=UTC),
        duration_minutes=45,
        now=NOW,
    )
    items = {(i.text, i.carried_over) for i in meeting.agenda_items.all()}
    assert ("How do I price it?", True) in items and ("Read this book", False) in items
    assert ("Answered", True) not in items
    assert not NextTopic.objects.waiting().exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_people_booking_one_slot_at_once_exactly_one_wins():
    booked, failures = race_for_one_slot(person(time_zone="UTC"))
    assert not failures
    assert booked == 1


def test_reminders_follow_an_occurrence_where_it_moved(mentorship, mentee, mentor):
    now = timezone.now().replace(second=0, microsecond=0)
    series = services.schedule_series(
        mentorship=mentorship,
        by=mentee,
        first_starts_at=now + timedelta(days=3),
        count=3,
        duration_minutes=45,
        interval_days=7,
    )
    second = series.occurrences.order_by("starts_at")[1]
    services.reschedule_meeting(meeting=second, by=mentor, starts_at=now + timedelta(minutes=50), duration_minutes=45)
    due = reminders.due_meeting_reminders(now)
    assert {d.object_id for d in due} == {second.pk}
    assert all("Reminder" in d.title for d in due)
