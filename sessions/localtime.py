"""Times as each person reads them: in their own zone, with the zone's name, never UTC alone."""

import zoneinfo
from datetime import datetime
from functools import cache


@cache
def zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def zone_of(user) -> zoneinfo.ZoneInfo:
    profile = getattr(user, "profile", None)
    return zone(profile.time_zone if profile is not None else None)


def when_for(moment: datetime, user) -> str:
    """'Tue 01 Dec 2026, 14:00 GMT (Europe/London)' in the reader's zone."""
    here = zone_of(user)
    local = moment.astimezone(here)
    return f"{local:%a %d %b %Y, %H:%M} {local.tzname()} ({here.key})"
