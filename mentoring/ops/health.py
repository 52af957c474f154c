"""What /healthz reports: the database, the broker, and the last heartbeat of beat and of the workers."""

import logging

from django.db import connection

from mentoring.celery import app as celery_app

from . import heartbeats

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database is unreachable", exc_info=True)
        return False


def broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.warning("Health check: the broker is unreachable", exc_info=True)
        return False


def report() -> tuple[bool, dict]:
    """(healthy, body): each part "ok" or "down"/"stale", with the heartbeats' ages in seconds."""
    body: dict = {"database": "ok" if database_ok() else "down", "broker": "ok" if broker_ok() else "down"}
    beats = heartbeats.last() if body["database"] == "ok" else {}
    for name in (heartbeats.BEAT, heartbeats.WORKER):
        beat = beats.get(name)
        body[name] = "ok" if heartbeats.is_fresh(beat) else "stale"
        age = heartbeats.age(beat)
        body[f"{name}_age_s"] = None if age is None else round(age, 1)
    healthy = all(body[part] == "ok" for part in ("database", "broker", heartbeats.BEAT, heartbeats.WORKER))
    return healthy, {"status": "ok" if healthy else "unavailable", **body}
