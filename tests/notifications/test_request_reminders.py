"""Requests pending too long: the mentor is reminded once, in their own time; beat expires what is left."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from matching.reminders import due_request_reminders
from tests.matching.factories import MentorshipRequestFactory
from tests.sessions.factories import person

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


def test_the_mentor_is_reminded_two_days_before_expiry_in_their_local_time():
    mentor = person(time_zone="Asia/Tokyo")
    request = MentorshipRequestFactory(
        mentor=mentor,
        mentee=person(first_name="Mia", last_name="Mentee"),
        created_at=NOW,
        expires_at=NOW + timedelta(days=7),
    )
    assert due_request_reminders(NOW + timedelta(days=4, hours=23)) == []
    (draft,) = due_request_reminders(NOW + timedelta(days=5))
    assert draft.recipient_id == mentor.pk and draft.dedupe_key == f"request:{request.pk}:reminder"
    assert draft.title == "Mia Mentee is waiting for your answer"
    assert "Tuesday 27 October at 21:00 JST" in draft.body


def test_a_short_answer_window_is_not_reminded_the_moment_the_request_is_sent():
    MentorshipRequestFactory(created_at=NOW, expires_at=NOW + timedelta(days=1))
    assert due_request_reminders(NOW + timedelta(hours=1)) == []
    assert len(due_request_reminders(NOW + timedelta(hours=12))) == 1


def test_beat_expires_overdue_requests_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-overdue-requests"]
    assert entry["task"] == "matching.tasks.expire_overdue_requests" and entry["schedule"] == 60.0
