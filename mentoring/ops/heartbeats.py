"""Signs of life of the background processes, kept in the database (one row per name)."""

import logging
import os
import socket
from datetime import datetime, timedelta

from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Heartbeat

logger = logging.getLogger(__name__)

BEAT = "beat"
WORKER = "worker"
SCAN = "scan"
# Beat sends the heartbeat task every 30 seconds: three minutes without one means something is wrong.
STALE_AFTER = timedelta(minutes=3)


def record(name: str, *, seconds: float | None = None, node: str = "") -> None:
    """Overwrite the heartbeat `name`. Never raises: a process must not die because it could not say it is alive."""
    try:
        Heartbeat.objects.update_or_create(
            name=name,
            defaults={
                "at": timezone.now(),
                "seconds": seconds,
                "node": node or f"{socket.gethostname()}:{os.getpid()}",
            },
        )
    except DatabaseError:
        logger.warning("Could not record the %s heartbeat", name, exc_info=True)
        connection.close()  # beat keeps one connection for ever: a broken one must not stay broken


def last() -> dict[str, Heartbeat]:
    return {beat.name: beat for beat in Heartbeat.objects.all()}


def age(beat: Heartbeat | None, now: datetime | None = None) -> float | None:
    if beat is None:
        return None
    return ((now or timezone.now()) - beat.at).total_seconds()


def is_fresh(beat: Heartbeat | None, now: datetime | None = None) -> bool:
    seconds = age(beat, now)
    return seconds is not None and seconds <= STALE_AFTER.total_seconds()
