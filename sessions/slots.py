"""Free time, computed without Django: weekly windows on each person's wall clock, dates off, notice, buffers
and a weekly limit, minus what either side already has booked. Pure functions, tested and benchmarked alone."""

import bisect
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^\s*([A-Za-z]{3})[a-z]*\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")


def parse_windows(text: str) -> list[list]:
    """'Mon 09:00-12:00' per line -> [[0, "09:00", "12:00"], ...]; ValueError with a message people can act on."""
    windows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _WINDOW.match(line)
        if not match or match.group(1).lower() not in DAYS:
            raise ValueError(f"Line {number}: write a window like “Mon 09:00-12:00”.")
        try:
            start, end = time.fromisoformat(match.group(2).zfill(5)), time.fromisoformat(match.group(3).zfill(5))
        except ValueError:
            raise ValueError(f"Line {number}: {match.group(2)} or {match.group(3)} is not a time of day.") from None
        if end <= start:
            raise ValueError(f"Line {number}: the window ends before it starts.")
        windows.append([DAYS.index(match.group(1).lower()), start.strftime("%H:%M"), end.strftime("%H:%M")])
    windows.sort()
    for before, after in zip(windows, windows[1:], strict=False):
        if before[0] == after[0] and after[1] < before[2]:
            day = DAYS[before[0]].capitalize()
            raise ValueError(f"The windows {day} {before[1]}-{before[2]} and {day} {after[1]}-{after[2]} overlap.")
    return windows


def format_windows(windows: list[list]) -> str:
    return "\n".join(f"{DAYS[day].capitalize()} {start}-{end}" for day, start, end in windows)


@dataclass
class Side:
    """One person's rules and bookings, as plain data."""

    zone: tzinfo
    windows: list[tuple[int, time, time]] | None  # None: keeps no availability (any time suits them)
    dates_off: set[date] = field(default_factory=set)
    notice: timedelta = timedelta()
    buffer: timedelta = timedelta()
    max_per_week: int | None = None
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)  # sorted by start

    def allows(self, start: datetime, end: datetime, now: datetime) -> bool:
        if start < now + self.notice:
            return False
        if self.windows is not None and not self._in_window(start, end):
            return False
        return not self._overlaps(start, end) and not self._week_full(start)

    def _in_window(self, start: datetime, end: datetime) -> bool:
        local_start, local_end = start.astimezone(self.zone), end.astimezone(self.zone)
        if local_start.date() in self.dates_off or local_end.date() != local_start.date():
            return False
        day, begins, ends = local_start.weekday(), local_start.time(), local_end.time()
        return any(d == day and w_start <= begins and ends <= w_end for d, w_start, w_end in self.windows)

    def _overlaps(self, start: datetime, end: datetime) -> bool:
        index = bisect.bisect_left(self.busy, (start - self.buffer - timedelta(days=1),))
        for busy_start, busy_end in self.busy[index:]:
            if busy_start - self.buffer >= end:
                break
            if busy_end + self.buffer > start:
                return True
        return False

    def _week_full(self, start: datetime) -> bool:
        if self.max_per_week is None:
            return False
        local = start.astimezone(self.zone)
        monday = datetime.combine(local.date() - timedelta(days=local.weekday()), time(), tzinfo=self.zone)
        week = (monday, datetime.combine(monday.date() + timedelta(days=7), time(), tzinfo=self.zone))
        low = bisect.bisect_left(self.busy, (week[0],))
        high = bisect.bisect_left(self.busy, (week[1],))
        return high - low >= self.max_per_week


def wall_clock(day: date, at: time, zone: tzinfo) -> datetime | None:
    """The moment `at` on `day` in `zone`, or None when a DST change skips that time."""
    moment = datetime.combine(day, at, tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        return None
    return moment


def free_slots(
    *, owner: Side, others: list[Side], start: datetime, days: int, length: timedelta, now: datetime, step=None
) -> list[datetime]:
    """Starts of `length`-long slots inside the owner's windows (every `step`, default 30 minutes) that suit
    every side, over `days` days of the owner's calendar from `start`."""
    step = step or timedelta(minutes=30)
    first = start.astimezone(owner.zone).date()
    found = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if day in owner.dates_off:
            continue
        for weekday, w_start, w_end in owner.windows or ():
            if weekday != day.weekday():
                continue
            slot = datetime.combine(day, w_start)
            while slot + length <= datetime.combine(day, w_end):
                moment = wall_clock(day, slot.time(), owner.zone)
                if moment is not None:
                    end = moment + length
                    if all(side.allows(moment, end, now) for side in (owner, *others)):
                        found.append(moment)
                slot += step
    return found
