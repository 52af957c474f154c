"""Moving this and every later occurrence of a series: one rule, wall-clock (DST-safe), one updated invitation."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from mentoring.notifications.models import Notification
from sessions import services
from sessions.models import AgendaItem, Meeting
from tests.sessions.factories import AgendaItemFactory, MeetingFactory

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")  # the clocks go forward on 28 March 2027


def _series(mentorship, mentee, *, first=datetime(2027, 3, 9, 10, 0, tzinfo=LONDON), count=6):
    services.save_agreement(agreement=services.agreement_for(mentorship), by=mentee, cadence_days=7)
    series = services.schedule_series(
        mentorship=mentorship, by=mentee, first_starts_at=first, count=count, duration_minutes=45, now=NOW
    )
    return series, list(series.occurrences.order_by("recurrence_id"))


def _last_invitation(user):
    return Calendar.from_ical(Notification.objects.filter(recipient=user).exclude(calendar="").latest("pk").calendar)


def _local(meetings):
    return [m.starts_at.astimezone(LONDON).replace(tzinfo=None) for m in meetings]


def test_later_occurrences_move_by_the_same_wall_clock_shift_across_dst(mentorship, mentee, mentor):
    series, occurrences = _series(mentorship, mentee)
    item = AgendaItemFactory(meeting=occurrences[3], text="Talk about the offer")
    before = _local(occurrences)
    third = occurrences[2]  # 23 March, before the change; the 4th to 6th fall after it
    services.move_future(meeting=third, by=mentor, starts_at=datetime(2027, 3, 24, 9, 0, tzinfo=LONDON), now=NOW)

    after = list(series.occurrences.order_by("recurrence_id"))
    assert _local(after[:2]) == before[:2]  # earlier ones untouched
    assert _local(after[2:]) == [datetime(2027, 3, day, 9, 0) for day in (24, 31)] + [
        datetime(2027, 4, day, 9, 0) for day in (7, 14)
    ]
    assert {m.starts_at.astimezone(UTC).hour for m in after[2:]} == {9, 8}  # GMT, then BST: still 09:00 local
    assert [m.recurrence_id for m in after] == [m.recurrence_id for m in occurrences]
    item.refresh_from_db()
    assert item.meeting_id == occurrences[3].pk and AgendaItem.objects.filter(meeting=after[3]).count() >= 1
    assert all(m.agenda_due_at < m.starts_at for m in after[2:])


def test_the_pair_gets_one_updated_series_invitation(mentorship, mentee, mentor):
    series, occurrences = _series(mentorship, mentee)
    uid = str(_last_invitation(mentor).walk("VEVENT")[0]["UID"])
    sent = Notification.objects.exclude(calendar="").count()
    services.move_future(
        meeting=occurrences[1], by=mentee, starts_at=occurrences[1].starts_at + timedelta(days=1, hours=3), now=NOW
    )
    assert Notification.objects.exclude(calendar="").count() == sent + 2  # one for each side
    for person in (mentee, mentor):
        invite = _last_invitation(person)
        master, *overrides = invite.walk("VEVENT")
        assert invite["METHOD"] == "REQUEST"
        assert str(master["UID"]) == uid and master["SEQUENCE"] == 1
        assert master["RRULE"]["COUNT"] == [6] and "UNTIL" not in master["RRULE"]
        assert master.decoded("DTSTART") == occurrences[0].starts_at
        assert [str(e["UID"]) for e in overrides] == [uid] * 5
        assert [e.decoded("RECURRENCE-ID") for e in overrides] == [m.recurrence_id for m in occurrences[1:]]
        assert [e.decoded("DTSTART") for e in overrides] == [
            m.starts_at + timedelta(days=1, hours=3) for m in occurrences[1:]
        ]
        assert all(e["SEQUENCE"] == 1 for e in overrides)


def test_a_cancelled_occurrence_stays_cancelled_and_a_moved_one_joins_the_new_pattern(mentorship, mentee, mentor):
    series, occurrences = _series(mentorship, mentee, first=datetime(2027, 2, 2, 10, 0, tzinfo=LONDON), count=4)
    services.cancel_meeting(meeting=occurrences[2], by=mentee)
    services.reschedule_meeting(
        meeting=occurrences[3], by=mentee, starts_at=occurrences[3].starts_at + timedelta(hours=5), duration_minutes=45
    )
    new = datetime(2027, 2, 9, 14, 0, tzinfo=LONDON)
    services.move_future(meeting=occurrences[1], by=mentor, starts_at=new, now=NOW)
    after = list(series.occurrences.order_by("recurrence_id"))
    assert after[2].status == Meeting.Status.CANCELLED and after[2].starts_at == occurrences[2].starts_at
    assert _local([after[1], after[3]]) == [datetime(2027, 2, 9, 14, 0), datetime(2027, 2, 23, 14, 0)]
    series.refresh_from_db()
    assert series.sequence == 3


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        (datetime(2027, 1, 1, 9, 0, tzinfo=LONDON), "in the future"),
        (datetime(2028, 12, 20, 9, 0, tzinfo=LONDON), "within the next two years"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("America/St_Johns")), "within the next two years"),
    ],
)
def test_a_time_in_the_past_or_beyond_reach_is_refused_and_nothing_moves(mentorship, mentee, starts_at, message):
    series, occurrences = _series(mentorship, mentee)
    with pytest.raises(ValidationError, match=message):
        services.move_future(meeting=occurrences[1], by=mentee, starts_at=starts_at, now=NOW)
    assert _local(series.occurrences.order_by("recurrence_id")) == _local(occurrences)
    series.refresh_from_db()
    assert series.sequence == 0


def test_a_clash_with_the_other_side_s_meeting_is_refused_and_nothing_moves(mentorship, mentee, mentor, other_mentee):
    series, occurrences = _series(mentorship, mentee)
    elsewhere = MeetingFactory(
        mentorship__mentor=mentor, mentorship__mentee=other_mentee, starts_at=datetime(2027, 4, 7, 9, 15, tzinfo=LONDON)
    )
    assert elsewhere.mentorship.mentor_id == mentor.pk
    sent = Notification.objects.count()
    with pytest.raises(ValidationError, match="has another meeting"):
        services.move_future(
            meeting=occurrences[2], by=mentee, starts_at=datetime(2027, 3, 24, 9, 0, tzinfo=LONDON), now=NOW
        )
    assert _local(series.occurrences.order_by("recurrence_id")) == _local(occurrences)
    assert Notification.objects.count() == sent


def test_only_the_pair_moves_a_scheduled_occurrence_of_a_series(mentorship, mentee, other_mentor):
    series, occurrences = _series(mentorship, mentee)
    later = datetime(2027, 3, 24, 9, 0, tzinfo=LONDON)
    with pytest.raises(ValidationError):
        services.move_future(meeting=occurrences[2], by=other_mentor, starts_at=later, now=NOW)
    services.cancel_meeting(meeting=occurrences[2], by=mentee)
    with pytest.raises(ValidationError, match="cancelled"):
        services.move_future(meeting=occurrences[2], by=mentee, starts_at=later, now=NOW)
    single = MeetingFactory(mentorship=mentorship)
    with pytest.raises(ValidationError, match="not part of a series"):
        services.move_future(meeting=single, by=mentee, starts_at=later, now=NOW)
