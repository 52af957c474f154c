import logging
import time
from smtplib import SMTPException

from celery import shared_task
from django.core.mail import get_connection

from mentoring.ops import heartbeats

from . import scanning, services

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=15,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def send_notification_email(notification_id: int) -> None:
    services.send_email(notification_id=notification_id)


@shared_task
def send_notification_emails(notification_ids: list[int]) -> None:
    """E-mails of a bulk batch. One failure does not hold up the rest: each id is claimed and
    sent on its own, and what fails is retried by send_pending_emails. They share one SMTP session."""
    with get_connection() as mail_connection:
        for notification_id in notification_ids:
            try:
                services.send_email(notification_id=notification_id, mail_connection=mail_connection)
            except (SMTPException, OSError):
                logger.warning("E-mail of notification %s failed; it will be retried", notification_id, exc_info=True)
                mail_connection.close()  # the next one starts a fresh session


@shared_task
def scan() -> int:
    """Beat runs this every minute: every registered scanner creates the notifications now due."""
    started = time.monotonic()
    created = scanning.run_scan()
    heartbeats.record(heartbeats.SCAN, seconds=time.monotonic() - started)
    return created


@shared_task
def send_pending_emails() -> int:
    """Beat runs this every minute, so an e-mail whose task was lost still goes out."""
    ids = services.pending_email_ids()
    for notification_id in ids:
        send_notification_email.delay(notification_id)
    return len(ids)
