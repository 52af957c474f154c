"""Eight people booking the same slot of one mentor at the same moment (the test and the benchmark share it)."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection

from sessions import services
from sessions.models import Meeting
from sessions.selectors.booking import pair_slots
from tests.sessions.factories import MentorshipFactory

ALL_WEEK = "\n".join(f"{day} 08:00-18:00" for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))


def race_for_one_slot(mentor, cohort=None, *, people: int = 8) -> tuple[int, list[Exception]]:
    """(meetings booked at the slot, unexpected failures); exactly one booking should win."""
    services.save_availability(
        user=mentor,
        time_zone="UTC",
        windows=ALL_WEEK,
        dates_off=[],
        min_notice_hours=1,
        buffer_minutes=0,
        max_per_week=None,
    )
    extra = {"cohort": cohort} if cohort else {}
    pairs = [MentorshipFactory(mentor=mentor, **extra) for _ in range(people)]
    slot = pair_slots(pairs[0], length_minutes=45)[0]
    barrier = threading.Barrier(people)
    failures: list[Exception] = []

    def book(pair):
        try:
            barrier.wait()
            services.book_slot(mentorship=pair, by=pair.mentee, starts_at=slot, length_minutes=45)
        except ValidationError:
            pass  # someone else got the slot first: the refusal is the rule working
        except Exception as exc:  # a deadlock or an error breaks the rule under test
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(pair,)) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Meeting.objects.filter(mentorship__mentor=mentor, starts_at=slot).count(), failures
