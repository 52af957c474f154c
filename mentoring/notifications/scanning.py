"""The minute scan: each app registers the finders of its due work; the scan turns what they find
into notifications.

A finder takes the current time and returns Drafts (services.Draft) with a dedupe_key unique to the
event ("meeting:42:reminder:24h"). Nothing is scheduled ahead: a missed scan, a worker killed
mid-batch or a broker restart loses nothing, because the next scan finds the same due work and the
unique key turns what was already created into a no-op. Higher apps register their finders in
AppConfig.ready(), so this lower layer never imports them.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .services import Draft, notify_many

logger = logging.getLogger(__name__)

Finder = Callable[[datetime], Iterable[Draft]]
_finders: dict[str, Finder] = {}


def register(name: str, finder: Finder) -> None:
    _finders[name] = finder


def register_all(finders: dict[str, Finder]) -> None:
    """What every app's `AppConfig.ready()` calls with its `scans.FINDERS`."""
    for name, finder in finders.items():
        register(name, finder)


def registered() -> dict[str, Finder]:
    return dict(_finders)


def run_scan(now: datetime | None = None) -> int:
    """Run every finder, each in its own transaction so that one failing does not stop the others."""
    now = now or timezone.now()
    created = 0
    for name, finder in _finders.items():
        try:
            with transaction.atomic():
                created += len(notify_many(finder(now)))
        except Exception:
            logger.exception("Scanner %s failed; the next scan tries again", name)
    return created
