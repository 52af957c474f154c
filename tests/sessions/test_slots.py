"""Free time without Django: windows on each person's wall clock across DST, notice, buffers, weekly limits."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sessions.slots import Side, free_slots, parse_windows

LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
HOUR = timedelta(hours=1)


def test_windows_are_read_sorted_and_bad_ones_get_a_clear_message():
    assert parse_windows("Tue 14:00-15:00\nmon 9:00-12:00\n\n") == [[0, "09:00", "12:00"], [1, "14:00", "15:00"]]
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_windows("Mon 12:00-09:00")
    with pytest.raises(ValueError, match="overlap"):
        parse_windows("Mon 09:00-12:00\nMon 11:00-13:00")
    with pytest.raises(ValueError, match="Line 1"):
        parse_windows("Someday 09:00-10:00")


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [(LONDON, date(2027, 3, 22), date(2027, 3, 29)), (NEW_YORK, date(2027, 3, 8), date(2027, 3, 15))],
)
def test_the_same_wall_clock_window_stays_put_across_the_spring_change(zone, before, after):
    monday = Side(zone=zone, windows=[(0, time(9), time(10))])
    now = datetime(2027, 3, 1, tzinfo=UTC)
    slots = free_slots(owner=monday, others=[], start=now, days=35, length=HOUR, now=now)
    local = {s.date(): s.astimezone(zone).time() for s in slots}
    assert local[before] == local[after] == time(9)
    assert slots[0].utcoffset() != [s for s in slots if s.date() == after][0].utcoffset()


def test_autumn_change_in_london_keeps_the_window_too():
    side = Side(zone=LONDON, windows=[(0, time(9), time(10))])
    now = datetime(2027, 10, 20, tzinfo=UTC)
    slots = free_slots(owner=side, others=[], start=now, days=14, length=HOUR, now=now)
    assert [s.astimezone(UTC).hour for s in slots] == [8, 9]  # 09:00 BST, then 09:00 GMT


def test_both_sides_windows_notice_buffer_dates_off_and_weekly_limit():
    now = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)  # a Monday
    mentor = Side(zone=LONDON, windows=[(d, time(14), time(17)) for d in range(5)], notice=timedelta(hours=20))
    mentee = Side(zone=NEW_YORK, windows=[(d, time(9), time(11)) for d in range(5)])  # 14:00-16:00 in London
    slots = free_slots(owner=mentor, others=[mentee], start=now, days=5, length=HOUR, now=now)
    assert {s.astimezone(LONDON).time() for s in slots} == {time(14), time(14, 30), time(15)}
    assert min(slots).date() == date(2027, 1, 5)  # Monday 14:00 is 14 h away: 20 h of notice keeps it out

    taken = datetime(2027, 1, 5, 14, tzinfo=UTC)
    mentor.busy = [(taken, taken + HOUR)]
    mentor.buffer = timedelta(minutes=15)
    mentor.dates_off = {date(2027, 1, 6)}
    slots = free_slots(owner=mentor, others=[mentee], start=now, days=5, length=HOUR, now=now)
    tuesday = [s for s in slots if s.date() == date(2027, 1, 5)]
    assert tuesday == []  # 14:00 taken; 14:30 and 15:00 fall inside the meeting or its buffer
    assert not [s for s in slots if s.date() == date(2027, 1, 6)]

    mentor.max_per_week = 1
    assert free_slots(owner=mentor, others=[mentee], start=now, days=5, length=HOUR, now=now) == []


def test_a_mentee_who_keeps_no_windows_fits_any_of_the_mentor_s():
    now = datetime(2027, 1, 4, tzinfo=UTC)
    mentor = Side(zone=LONDON, windows=[(1, time(9), time(10))])
    anyone = Side(zone=NEW_YORK, windows=None)
    assert len(free_slots(owner=mentor, others=[anyone], start=now, days=7, length=HOUR, now=now)) == 1
