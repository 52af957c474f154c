"""Scheduling at scale: the free slots of a mentor with five mentees and a year of weekly recurring meetings
(260 occurrences), against one with a single pair and no history (query counts must be equal); and eight
people booking one slot of a mentor at the same moment on PostgreSQL (double bookings must be 0).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench DJANGO_DEBUG=1 \
     .venv/bin/python tests/bench/bench_scheduling.py
(the harness makes and drops a scratch test_<name> database). E-mail tasks go to an in-memory broker.
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import count_queries, report, scratch_database, setup_django, timed  # noqa: E402

setup_django()

WEEKDAYS = "\n".join(f"{day} 09:00-17:00" for day in ("Mon", "Tue", "Wed", "Thu", "Fri"))


def busy_mentor(now):
    """A mentor with five mentees, each pair holding a weekly series over the year (from half a year back)."""
    from sessions import services
    from sessions.models import Meeting, MeetingSeries
    from tests.sessions.factories import MentorshipFactory, person

    mentor = person(time_zone="Europe/London")
    services.save_availability(
        user=mentor,
        time_zone="Europe/London",
        windows=WEEKDAYS,
        dates_off=[],
        min_notice_hours=12,
        buffer_minutes=15,
        max_per_week=None,
    )
    pairs = [MentorshipFactory(mentor=mentor) for _ in range(5)]
    for index, pair in enumerate(pairs):
        first = (now - timedelta(days=182)).replace(hour=9 + index, minute=0, second=0, microsecond=0)
        series = MeetingSeries.objects.create(
            mentorship=pair, first_starts_at=first, time_zone="Europe/London", interval_days=7, count=52
        )
        Meeting.objects.bulk_create(
            Meeting(mentorship=pair, series=series, recurrence_id=start, starts_at=start, duration_minutes=45)
            for start in series.starts()
        )
    return pairs[0]


def main() -> None:
    from django.db.models import Count
    from django.utils import timezone

    from mentoring.celery import app
    from sessions import services
    from sessions.models import Meeting
    from sessions.selectors.booking import pair_slots
    from tests.sessions.booking_race import race_for_one_slot
    from tests.sessions.factories import MentorshipFactory, person

    app.conf.broker_url = "memory://"
    with scratch_database():
        now = timezone.now()
        large = busy_mentor(now)
        small = MentorshipFactory(mentor=person(time_zone="Europe/London"))
        services.save_availability(
            user=small.mentor,
            time_zone="Europe/London",
            windows=WEEKDAYS,
            dates_off=[],
            min_notice_hours=12,
            buffer_minutes=15,
            max_per_week=None,
        )
        report("meetings_of_the_busy_mentor", Meeting.objects.filter(mentorship__mentor=large.mentor).count())
        best = timed(lambda: pair_slots(large, length_minutes=45, now=now), repeat=10)
        report("free_slots_ms", round(best * 1000, 2))
        report("free_slots_found", len(pair_slots(large, length_minutes=45, now=now)))
        for name, pair in (("small", small), ("large", large)):
            with count_queries() as queries:
                pair_slots(pair, length_minutes=45, now=now)
            report(f"free_slots_queries_{name}", len(queries.captured_queries))

        booked, failures = race_for_one_slot(person(time_zone="UTC"), people=8)
        doubled = (
            Meeting.objects.values("mentorship__mentor", "starts_at").annotate(n=Count("pk")).filter(n__gt=1).count()
        )
        report("race_bookings_won", booked)
        report("race_failures", len(failures))
        report("double_bookings", max(booked - 1, 0) + doubled)


if __name__ == "__main__":
    main()
