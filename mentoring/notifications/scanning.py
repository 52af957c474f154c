"""The minute scan: each app registers the finders of its due work; the scan turns what they find
into notifications.

A finder takes the current time and returns Drafts (services.Draft) with a dedupe_key unique to the
event ("meeting:42:reminder:24h"). Nothing is scheduled ahead: a missed scan, a worker killed
mid-batch or a broker restart loses nothing, because the next scan finds the same due work and the
unique key turns what was already created into a no-op. Higher apps register their finders in
AppConfig.ready(), so this lower layer never imports them.

A finder whose due work is a moment passing (a meeting's reminder lead) is *windowed*: it takes `since` as well,
and looks only at what became due in (since, now], so a scan costs what is due rather than every meeting. `since`
is the `now` of the finder's last committed run (its ScanMark) less OVERLAP, for the rows a transaction still open
at that run committed later; None (no mark yet, or the clock went back) means "everything due", as before. The
mark moves in the transaction that creates the notifications: a run that fails or is killed leaves it where it
was, so the next run looks at the missed window again, and the unique keys keep the overlap from sending twice.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .models import ScanMark
from .services import Draft, notify_many

logger = logging.getLogger(__name__)

# How far before the last committed run a windowed finder looks again: a row written by a transaction that was
# still open when that run read (a booking's created_at is set before it commits) is found by the next one.
OVERLAP = timedelta(minutes=10)

Finder = Callable[..., Iterable[Draft]]
_finders: dict[str, Finder] = {}
_windowed: set[str] = set()


def register(name: str, finder: Finder, *, windowed: bool = False) -> None:
    """`finder(now)`, or `finder(now, since)` when windowed."""
    _finders[name] = finder
    if windowed:
        _windowed.add(name)
    else:
        _windowed.discard(name)


def register_all(finders: dict[str, Finder], *, windowed: Iterable[str] = ()) -> None:
    """What every app's `AppConfig.ready()` calls with its `scans.FINDERS` (and `scans.WINDOWED`)."""
    windowed = set(windowed)
    for name, finder in finders.items():
        register(name, finder, windowed=name in windowed)


def registered() -> dict[str, Finder]:
    return dict(_finders)


def is_windowed(name: str) -> bool:
    return name in _windowed


def run_scan(now: datetime | None = None) -> int:
    """Run every finder, each in its own transaction so that one failing does not stop the others."""
    now = now or timezone.now()
    created = 0
    for name, finder in _finders.items():
        try:
            with transaction.atomic():
                created += len(notify_many(run_finder(name, finder, now)))
        except Exception:
            logger.exception("Scanner %s failed; the next scan tries again", name)
    return created


def run_finder(name: str, finder: Finder, now: datetime) -> Iterable[Draft]:
    """A plain finder's drafts; a windowed one's since its mark, the mark moved to `now` (the caller's transaction
    commits both, or neither). The mark's row is locked, so two scans at once do one window after the other."""
    if name not in _windowed:
        return finder(now)
    mark = ScanMark.objects.select_for_update().filter(finder=name).first()
    since = mark.scanned_until - OVERLAP if mark and mark.scanned_until <= now else None
    drafts = list(finder(now, since))
    if mark is None:
        ScanMark.objects.bulk_create([ScanMark(finder=name, scanned_until=now)], ignore_conflicts=True)
    elif mark.scanned_until < now:
        ScanMark.objects.filter(pk=mark.pk).update(scanned_until=now)
    return drafts
