"""Windowed finders and their marks: each run looks at (last committed run - OVERLAP, now]; a run that fails leaves
the mark where it was, so the next one looks at the missed window again; what the overlap finds twice is notified
once."""

from datetime import UTC, datetime, timedelta

import pytest

from mentoring.notifications import scanning
from mentoring.notifications.models import Kind, Notification, ScanMark
from mentoring.notifications.services import Draft
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def only(monkeypatch):
    """Run the scan with these finders alone: `only(name=finder, ...)`, windowed ones named in `windowed`."""
    monkeypatch.setattr(scanning, "_finders", {})
    monkeypatch.setattr(scanning, "_windowed", set())

    def register(windowed=(), **finders):
        scanning.register_all(finders, windowed=windowed)

    return register


def test_a_windowed_finder_looks_at_everything_first_then_from_its_last_run_less_the_overlap(only):
    seen = []
    only(windowed={"window"}, window=lambda now, since: seen.append((now, since)) or [])
    scanning.run_scan(T0)
    scanning.run_scan(T0 + timedelta(minutes=1))
    scanning.run_scan(T0 + timedelta(hours=3))  # two hours of runs missed: the next one looks back that far
    assert seen == [
        (T0, None),
        (T0 + timedelta(minutes=1), T0 - scanning.OVERLAP),
        (T0 + timedelta(hours=3), T0 + timedelta(minutes=1) - scanning.OVERLAP),
    ]
    assert ScanMark.objects.get(finder="window").scanned_until == T0 + timedelta(hours=3)


def test_a_run_that_fails_does_not_move_the_mark_and_the_next_one_redoes_its_window(only):
    seen, failing = [], [True]
    user = ProfileFactory().user

    def flaky(now, since):
        seen.append(since)
        drafts = [Draft(recipient_id=user.pk, kind=Kind.MEETING_REMINDER, title="Soon", dedupe_key=f"w:{now:%H%M}")]
        if failing[0]:
            raise RuntimeError("the database went away mid-run")
        return drafts

    only(windowed={"flaky"}, flaky=flaky)
    failing[0] = False
    scanning.run_scan(T0)
    failing[0] = True
    assert scanning.run_scan(T0 + timedelta(minutes=1)) == 0
    assert ScanMark.objects.get(finder="flaky").scanned_until == T0
    failing[0] = False
    assert scanning.run_scan(T0 + timedelta(minutes=2)) == 1
    assert seen == [None, T0 - scanning.OVERLAP, T0 - scanning.OVERLAP]
    assert ScanMark.objects.get(finder="flaky").scanned_until == T0 + timedelta(minutes=2)


def test_a_failure_while_notifying_rolls_back_the_notifications_and_the_mark_together(only, monkeypatch):
    user = ProfileFactory().user
    only(windowed={"w"}, w=lambda now, since: [Draft(recipient_id=user.pk, kind=Kind.MEETING_REMINDER, title="x",
                                                        dedupe_key="w:once")])  # fmt: skip
    scanning.run_scan(T0)
    Notification.objects.all().delete()

    def broken(drafts):
        list(drafts)
        Notification.objects.create(recipient=user, kind=Kind.MEETING_REMINDER, title="half", dedupe_key="w:half")
        raise RuntimeError("killed mid-batch")

    monkeypatch.setattr(scanning, "notify_many", broken)
    scanning.run_scan(T0 + timedelta(minutes=1))
    assert not Notification.objects.exists()  # nothing half-done stays
    assert ScanMark.objects.get(finder="w").scanned_until == T0


def test_what_the_overlap_finds_again_is_not_notified_twice(only):
    user = ProfileFactory().user
    only(windowed={"w"}, w=lambda now, since: [Draft(recipient_id=user.pk, kind=Kind.MEETING_REMINDER, title="x",
                                                        dedupe_key="w:same")])  # fmt: skip
    assert scanning.run_scan(T0) == 1
    assert scanning.run_scan(T0 + timedelta(minutes=1)) == 0
    assert Notification.objects.count() == 1


def test_a_clock_gone_back_looks_at_everything_and_leaves_the_mark(only):
    seen = []
    only(windowed={"w"}, w=lambda now, since: seen.append(since) or [])
    scanning.run_scan(T0)
    scanning.run_scan(T0 - timedelta(hours=1))
    assert seen == [None, None]
    assert ScanMark.objects.get(finder="w").scanned_until == T0


def test_plain_finders_keep_their_one_argument_and_have_no_mark(only):
    only(plain=lambda now: [])
    scanning.run_scan(T0)
    assert not ScanMark.objects.exists()
