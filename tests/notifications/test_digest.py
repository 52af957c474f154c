from datetime import UTC, datetime, timedelta

import pytest

from mentoring.notifications import digest, scanning
from mentoring.notifications.models import Kind, Notification, NotificationSettings
from mentoring.notifications.services import notify
from tests.factories import NotificationFactory, ProfileFactory

pytestmark = pytest.mark.django_db

NOON_UTC = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def digest_user(tz="Asia/Tokyo", hour=8):
    user = ProfileFactory(time_zone=tz).user
    NotificationSettings.objects.create(user=user, daily_digest=True, digest_hour=hour)
    return user


def test_digest_people_get_no_separate_emails_but_keep_the_notification():
    user = digest_user()
    notification = notify(recipient=user, kind=Kind.MEETING, title="Meeting moved", dedupe_key="m")
    assert not notification.email_wanted


def test_a_digest_lists_the_last_days_news_once_per_local_day():
    user = digest_user(tz="Asia/Tokyo", hour=8)  # 12:00 UTC is 21:00 in Tokyo: past the hour
    NotificationFactory(recipient=user, title="Agenda ready", created_at=NOON_UTC - timedelta(hours=3))
    NotificationFactory(recipient=user, title="Too old", created_at=NOON_UTC - timedelta(days=2))
    drafts = digest.due_digests(NOON_UTC)
    assert len(drafts) == 1
    assert drafts[0].title == "Your day in Mentoring: 1 update"
    assert "Agenda ready" in drafts[0].body and "Too old" not in drafts[0].body
    assert drafts[0].dedupe_key == f"digest:{user.pk}:2026-03-10"


def test_no_digest_before_the_local_hour_or_without_news():
    early = digest_user(tz="America/New_York", hour=9)  # 12:00 UTC is 08:00 in New York
    NotificationFactory(recipient=early, created_at=NOON_UTC - timedelta(hours=1))
    digest_user(tz="Europe/London", hour=8)  # past the hour, but nothing happened
    assert digest.due_digests(NOON_UTC) == []


def test_the_scan_sends_the_digest_by_email_once(monkeypatch):
    monkeypatch.setattr(scanning, "_finders", {"daily-digest": digest.due_digests})
    user = digest_user()
    NotificationFactory(recipient=user, created_at=NOON_UTC - timedelta(hours=1))
    assert scanning.run_scan(NOON_UTC) == 1
    assert scanning.run_scan(NOON_UTC + timedelta(minutes=1)) == 0
    sent = Notification.objects.get(kind=Kind.DIGEST)
    assert sent.email_wanted


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 10, 24, 6, 59, tzinfo=UTC), False),  # 07:59 BST
        (datetime(2026, 10, 24, 7, 0, tzinfo=UTC), True),  # 08:00 BST
        (datetime(2026, 10, 26, 7, 59, tzinfo=UTC), False),  # 07:59 GMT, after the clocks went back
        (datetime(2026, 10, 26, 8, 0, tzinfo=UTC), True),  # 08:00 GMT
    ],
)
def test_the_digest_comes_at_the_local_hour_on_both_sides_of_a_daylight_saving_change(now, due):
    user = digest_user(tz="Europe/London", hour=8)
    NotificationFactory(recipient=user, created_at=now - timedelta(hours=2))
    assert bool(digest.due_digests(now)) is due
