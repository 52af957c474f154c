"""Not a reminder: the scan also brings stored pair health up to date (sessions.services.health), so that the
dashboard reads it instead of computing every pair per request. It sends nothing."""

from datetime import datetime

from mentoring.notifications.services import Draft
from sessions.services.health import refresh_due_health


def refresh_health(now: datetime) -> list[Draft]:
    refresh_due_health(now)
    return []
