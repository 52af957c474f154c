"""Bounces and complaints from the mail provider (django-anymail's tracking webhooks, when ANYMAIL_ESP is set):
an address that bounces hard, or whose owner marked our mail as spam, gets no more e-mail. Sending on to such an
address is what makes mailbox providers distrust a sending domain."""

import logging

from django.contrib.auth import get_user_model

from . import services
from .models import Kind

logger = logging.getLogger(__name__)

STOPPING_EVENTS = {"bounced", "rejected", "complained", "unsubscribed"}


def on_tracking_event(sender, event, esp_name, **kwargs) -> None:
    if event.event_type not in STOPPING_EVENTS or not event.recipient:
        return
    for user_id in get_user_model().objects.filter(email__iexact=event.recipient).values_list("pk", flat=True):
        services.unsubscribe_from(user_id=user_id, kind=Kind.DIGEST)  # the digest's opt-out is "no e-mail at all"
        logger.warning("E-mail to user %s turned off: %s reported %s", user_id, esp_name, event.event_type)
