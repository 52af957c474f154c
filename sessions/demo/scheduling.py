"""Demo scheduling: availability for every mentor, a weekly series for one pair, and a "for our next meeting"
list for another. Idempotent: what exists is left as it is."""

from datetime import timedelta

from programs.models import Enrollment, Role
from sessions.models import Availability, Meeting, MeetingSeries, NextTopic
from sessions.slots import parse_windows

WINDOWS = ["Mon 09:00-12:00\nWed 14:00-17:00", "Tue 10:00-12:00\nThu 09:00-11:30", "Mon 13:00-16:00\nFri 09:00-11:00"]
NEXT_TOPICS = [
    ("How do you prepare for a performance review you expect to be hard?", True),
    ("The article on stakeholder maps you mentioned", False),
]


def seed(pairs, now) -> None:
    mentors = Enrollment.objects.filter(role=Role.MENTOR).values_list("user_id", "user__profile__time_zone")
    for index, (user_id, time_zone) in enumerate(sorted(set(mentors))):
        Availability.objects.get_or_create(
            user_id=user_id,
            defaults={
                "time_zone": time_zone or "UTC",
                "windows": parse_windows(WINDOWS[index % len(WINDOWS)]),
                "min_notice_hours": 24,
                "buffer_minutes": 15,
                "max_per_week": 4,
            },
        )
    if pairs and not MeetingSeries.objects.filter(mentorship=pairs[0]).exists():
        _series(pairs[0], now)
    if len(pairs) > 1 and not NextTopic.objects.filter(mentorship=pairs[1]).exists():
        for text, is_question in NEXT_TOPICS:
            NextTopic.objects.create(
                mentorship=pairs[1], author=pairs[1].mentee, text=text, is_question=is_question, created_at=now
            )


def _series(pair, now) -> None:
    first = (now + timedelta(days=9)).replace(hour=15, minute=0, second=0, microsecond=0)
    series = MeetingSeries.objects.create(
        mentorship=pair,
        first_starts_at=first,
        time_zone=pair.mentee.profile.time_zone if hasattr(pair.mentee, "profile") else "UTC",
        interval_days=14,
        count=6,
        duration_minutes=45,
        scheduled_by=pair.mentee,
        created_at=now,
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=pair,
            series=series,
            recurrence_id=start,
            starts_at=start,
            duration_minutes=45,
            scheduled_by=pair.mentee,
            created_at=now,
        )
        for start in series.starts()
    )
