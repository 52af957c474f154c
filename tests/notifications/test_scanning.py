import pytest
from django.core import mail

from mentoring.notifications import scanning, tasks
from mentoring.notifications.models import Kind, Notification, NotificationSettings
from mentoring.notifications.services import Draft, notify_many
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def drafts_for(users, suffix="a"):
    return [
        Draft(recipient_id=u.pk, kind=Kind.MEETING_REMINDER, title=f"Soon {u.pk}", dedupe_key=f"t:{u.pk}:{suffix}")
        for u in users
    ]


def test_notify_many_creates_each_key_once_and_reports_only_the_new(django_capture_on_commit_callbacks):
    users = [ProfileFactory().user for _ in range(3)]
    with django_capture_on_commit_callbacks() as callbacks:
        first = notify_many(drafts_for(users))
        again = notify_many(drafts_for(users) + drafts_for(users[:1], suffix="b"))
    assert len(first) == 3
    assert len(again) == 1
    assert Notification.objects.count() == 4
    emails = [c for c in callbacks if c.__qualname__.startswith("queue_after_commit")]
    assert len(emails) == 2  # one e-mail batch per call that created something


def test_notify_many_respects_email_opt_outs():
    keen, quiet = ProfileFactory().user, ProfileFactory().user
    NotificationSettings.objects.create(user=quiet, email_opt_out=[Kind.MEETING_REMINDER])
    notify_many(drafts_for([keen, quiet]))
    assert dict(Notification.objects.values_list("recipient_id", "email_wanted")) == {keen.pk: True, quiet.pk: False}


@pytest.mark.postgres  # SQLite splits a large INSERT by its parameter limit
@pytest.mark.parametrize("size", [5, 200])
def test_notify_many_query_count_does_not_grow(size, django_assert_num_queries):
    users = [ProfileFactory().user for _ in range(size)]
    with django_assert_num_queries(5):  # savepoint, existing keys, settings, insert returning ids, release
        notify_many(drafts_for(users))


def test_the_batch_email_task_sends_each_once():
    users = [ProfileFactory().user for _ in range(3)]
    ids = notify_many(drafts_for(users))
    tasks.send_notification_emails(ids)
    tasks.send_notification_emails(ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_a_scan_runs_every_finder_and_one_failing_does_not_stop_the_others(monkeypatch):
    user = ProfileFactory().user
    monkeypatch.setattr(scanning, "_finders", {})

    def broken(now):
        raise RuntimeError("bug in one finder")

    scanning.register("broken", broken)
    scanning.register("fine", lambda now: drafts_for([user]))
    assert scanning.run_scan() == 1
    assert scanning.run_scan() == 0  # due work found again is not notified twice
    assert Notification.objects.count() == 1


def test_notify_many_with_only_known_keys_inserts_nothing(django_assert_num_queries):
    users = [ProfileFactory().user for _ in range(3)]
    notify_many(drafts_for(users))
    with django_assert_num_queries(3):  # savepoint, existing keys, release
        assert notify_many(drafts_for(users)) == []
