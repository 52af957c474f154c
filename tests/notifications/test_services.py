from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from mentoring.notifications import services, tasks
from mentoring.notifications.models import Kind, Notification, NotificationSettings
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def _emails_queued(callbacks) -> list:
    """The after-commit callbacks that queue an e-mail (others replace kept pages' versions: mentoring.kept)."""
    return [c for c in callbacks if c.__qualname__.startswith("queue_after_commit")]


def test_notify_creates_one_row_and_queues_its_email_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = services.notify(
            recipient=user, kind=Kind.PROGRAM, title="Welcome to the cohort", dedupe_key="welcome:1", url="/profile/"
        )
    assert notification.email_wanted
    assert len(_emails_queued(callbacks)) == 1
    assert Notification.objects.get().title == "Welcome to the cohort"


def test_a_second_notify_with_the_same_key_changes_nothing(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.notify(recipient=user, kind=Kind.PROGRAM, title="One", dedupe_key="k")
        second = services.notify(recipient=user, kind=Kind.PROGRAM, title="Two", dedupe_key="k")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(_emails_queued(callbacks)) == 1


def test_an_opted_out_kind_is_kept_in_the_centre_but_not_emailed(user, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(user=user, email_opt_out=[Kind.MEETING_REMINDER])
    with django_capture_on_commit_callbacks() as callbacks:
        notification = services.notify(recipient=user, kind=Kind.MEETING_REMINDER, title="Soon", dedupe_key="r")
    assert not notification.email_wanted
    assert _emails_queued(callbacks) == []
    assert services.pending_email_ids() == []


def test_the_task_sends_html_and_text_with_a_link_back_and_records_it(user):
    notification = NotificationFactory(recipient=user, title="Your agenda is ready", body="Two items.", url="/x/")
    tasks.send_notification_email(notification.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "[Mentoring] Your agenda is ready"
    assert "http://127.0.0.1:8000/x/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Your agenda is ready" in html
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_redelivered_task_sends_nothing_twice(user):
    notification = NotificationFactory(recipient=user)
    tasks.send_notification_email(notification.pk)
    tasks.send_notification_email(notification.pk)
    assert len(mail.outbox) == 1


def test_a_live_claim_blocks_a_second_sender_and_a_stale_one_does_not(user):
    notification = NotificationFactory(recipient=user, email_claimed_at=timezone.now())
    assert services.send_email(notification_id=notification.pk) is False
    Notification.objects.filter(pk=notification.pk).update(email_claimed_at=timezone.now() - timedelta(hours=1))
    assert services.send_email(notification_id=notification.pk) is True
    assert len(mail.outbox) == 1


def test_an_smtp_failure_releases_the_claim_for_the_retry(user):
    notification = NotificationFactory(recipient=user)
    failing_smtp = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPException("down"))
    with failing_smtp, pytest.raises(SMTPException):
        services.send_email(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.email_claimed_at is None and notification.emailed_at is None
    assert notification.email_attempts == 1
    assert services.send_email(notification_id=notification.pk) is True


def test_the_task_retries_with_backoff_on_smtp_errors():
    options = tasks.send_notification_email
    assert SMTPException in options.autoretry_for
    assert options.retry_backoff and options.max_retries >= 3


def test_pending_emails_are_those_left_unsent_after_a_while(user):
    old = NotificationFactory(recipient=user, created_at=timezone.now() - timedelta(minutes=5))
    NotificationFactory(recipient=user)  # just created: its own task is still on its way
    NotificationFactory(recipient=user, created_at=timezone.now() - timedelta(minutes=5), emailed_at=timezone.now())
    NotificationFactory(recipient=user, created_at=timezone.now() - timedelta(minutes=5), email_attempts=99)
    assert services.pending_email_ids() == [old.pk]


def test_mark_all_read_marks_only_the_users_own(user, other_user):
    NotificationFactory.create_batch(2, recipient=user)
    theirs = NotificationFactory(recipient=other_user)
    assert services.mark_all_read(user=user) == 2
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_broker_error_after_commit_never_fails_the_caller(user, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    def broker_down(*args):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_notification_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(recipient=user, kind=Kind.MEETING, title="Scheduled", dedupe_key="broker-down")
    notification.refresh_from_db()
    assert notification.emailed_at is None and notification.email_wanted  # the sweep sends it later


class RecordingBackend:
    """A mail connection that notes, when it is closed, whether the sending was already recorded."""

    def __init__(self, notification_id):
        self.notification_id = notification_id
        self.recorded_at_close = None
        self.is_open = False

    def open(self):
        if self.is_open:
            return False
        self.is_open = True
        return True

    def close(self):
        self.is_open = False
        self.recorded_at_close = Notification.objects.filter(pk=self.notification_id, emailed_at__isnull=False).exists()

    def send_messages(self, messages):
        return len(messages)


def test_the_sending_is_recorded_before_the_mail_connection_is_closed(user, monkeypatch):
    """Defect 12: the only window in which a worker's death repeats an e-mail (once, after the claim lease, with the
    same Message-ID) is between the server's acceptance and recording `emailed_at`. Closing the connection (QUIT and
    its reply) is no longer inside it."""
    notification = NotificationFactory(recipient=user)
    backend = RecordingBackend(notification.pk)
    monkeypatch.setattr(services, "get_connection", lambda: backend)
    assert services.send_email(notification_id=notification.pk)
    assert backend.recorded_at_close is True


def test_a_batch_shares_one_mail_connection(user, monkeypatch):
    opened = []
    real = tasks.get_connection

    def counting():
        connection = real()
        opened.append(connection)
        return connection

    monkeypatch.setattr(tasks, "get_connection", counting)
    batch = NotificationFactory.create_batch(4, recipient=user)
    tasks.send_notification_emails([n.pk for n in batch])
    assert len(opened) == 1 and len(mail.outbox) == 4
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
