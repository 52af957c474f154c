"""E-mails that mail providers accept: RFC 8058 one-click unsubscribe, Message-IDs in the site's domain, and
bounces and complaints (through django-anymail) turning a person's e-mail off."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mentoring.notifications import services, tasks, unsubscribe
from mentoring.notifications.models import Kind, Notification, NotificationSettings
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def sent_for(user, kind=Kind.MEETING_REMINDER):
    notification = NotificationFactory(recipient=user, kind=kind)
    tasks.send_notification_email(notification.pk)
    return mail.outbox[-1], notification


def test_every_notification_email_carries_one_click_unsubscribe_headers(user, settings):
    settings.MAIL_DOMAIN = "mentoring.example.org"
    message, notification = sent_for(user)
    headers = message.message()
    link = headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(f"{settings.SITE_URL}/notifications/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        headers["Message-ID"]
        == f"<notification-{notification.pk}.{notification.created_at:%Y%m%d%H%M%S}@mentoring.example.org>"
    )
    assert link in message.body and link in message.alternatives[0][0]


def unsubscribe_path(message) -> str:
    return message.message()["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")


def test_the_one_click_post_turns_that_kind_off_without_signing_in_or_a_csrf_token(user):
    message, _ = sent_for(user)
    provider = Client(enforce_csrf_checks=True)  # the mailbox provider: no session, no CSRF cookie
    response = provider.post(unsubscribe_path(message), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    row = NotificationSettings.objects.get(user=user)
    assert row.email_opt_out == [Kind.MEETING_REMINDER]
    assert row.wants_email(Kind.MEETING) and not row.wants_email(Kind.MEETING_REMINDER)


def test_opening_the_link_only_asks_to_confirm(client, user):
    message, _ = sent_for(user)
    page = client.get(unsubscribe_path(message))
    assert page.status_code == 200 and "Meeting reminders".lower() in page.content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in page.content.decode()
    assert not NotificationSettings.objects.filter(user=user).exists()  # a link checker's GET changes nothing


def test_a_post_without_the_one_click_body_changes_nothing(client, user):
    message, _ = sent_for(user)
    assert client.post(unsubscribe_path(message), {}).status_code == 400
    assert not NotificationSettings.objects.filter(user=user).exists()


def test_a_forged_or_altered_token_is_a_404(client, user):
    token = unsubscribe.token_for(user_id=user.pk, kind=Kind.MEETING)
    forged = token.replace(token[-3:], "abc" if token[-3:] != "abc" else "xyz")
    assert client.get(reverse("notifications:unsubscribe", args=[forged])).status_code == 404
    assert client.get(reverse("notifications:unsubscribe", args=["nonsense"])).status_code == 404
    assert unsubscribe.read(forged) is None


def test_what_is_queued_of_that_kind_is_not_sent_after_unsubscribing(user):
    queued = NotificationFactory(recipient=user, kind=Kind.MEETING_REMINDER)
    other = NotificationFactory(recipient=user, kind=Kind.MEETING)
    services.unsubscribe_from(user_id=user.pk, kind=Kind.MEETING_REMINDER)
    assert not Notification.objects.get(pk=queued.pk).email_wanted
    assert Notification.objects.get(pk=other.pk).email_wanted


def test_unsubscribing_from_the_digest_stops_every_email(user):
    NotificationSettings.objects.create(user=user, daily_digest=True)
    services.unsubscribe_from(user_id=user.pk, kind=Kind.DIGEST)
    row = NotificationSettings.objects.get(user=user)
    assert not row.daily_digest and not any(row.wants_email(kind) for kind in Kind.values)


def test_a_hard_bounce_or_a_complaint_turns_the_persons_email_off(user):
    from anymail.signals import AnymailTrackingEvent, tracking

    tracking.send(sender=object, event=AnymailTrackingEvent(event_type="delivered", recipient=user.email), esp_name="X")
    assert not NotificationSettings.objects.filter(user=user).exists()
    event = AnymailTrackingEvent(event_type="bounced", recipient=user.email.upper())
    tracking.send(sender=object, event=event, esp_name="Mailgun")
    row = NotificationSettings.objects.get(user=user)
    assert not any(row.wants_email(kind) for kind in Kind.values)
