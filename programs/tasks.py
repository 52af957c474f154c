import logging
from smtplib import SMTPException

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def send_invitation_emails(invitation_ids: list[int]) -> None:
    """E-mails of a batch of invitations. Each one is claimed on its own, so a redelivered task
    sends nothing twice; one failure does not hold up the rest (the coordinator can resend)."""
    for invitation_id in invitation_ids:
        try:
            services.send_invitation_email(invitation_id=invitation_id)
        except (SMTPException, OSError):
            logger.warning("Invitation e-mail %s failed", invitation_id, exc_info=True)


@shared_task
def send_pending_invitations() -> int:
    """Beat runs this every minute, so an invitation whose task was lost still goes out."""
    ids = services.pending_invitation_ids()
    send_invitation_emails(ids)
    return len(ids)
