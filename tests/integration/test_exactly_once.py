"""Exactly once, with the real services: a worker killed with SIGKILL in the middle of a batch of reminder
e-mails loses nothing and repeats nothing, once a new worker and the next scans take over."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from mentoring.notifications import tasks
from mentoring.notifications.models import Kind, Notification
from tests.integration.mail_sink import delivered
from tests.programs.factories import CohortFactory
from tests.sessions.factories import MeetingFactory, MentorshipFactory

ROOT = Path(__file__).resolve().parents[2]
PAIRS = 15  # 30 reminders, one per side


def worker_env(sink: Path, queue: str, **extra) -> dict:
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_QUEUE"}}
    return {
        **env,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "tests.integration.mail_sink",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_QUEUE": queue,
        "MAIL_SINK_DIR": str(sink),
        **extra,
    }


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "celery", "-A", "mentoring", "worker", "-Q", env["CELERY_QUEUE"], "--concurrency=1",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    # Its own process group, so that SIGKILL reaches the pool child doing the sending as well as the parent.
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def kill(worker: subprocess.Popen, sig=signal.SIGKILL) -> None:
    try:
        os.killpg(worker.pid, sig)
    except ProcessLookupError:
        return
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(condition, timeout=60.0, every=0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def all_emailed() -> bool:
    return not Notification.objects.filter(emailed_at__isnull=True).exists()


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_no_reminder_and_sends_none_twice(tmp_path):
    cohort = CohortFactory()
    meetings = [
        MeetingFactory(mentorship=MentorshipFactory(cohort=cohort), starts_at=timezone.now() + timedelta(minutes=40))
        for _ in range(PAIRS)
    ]
    sink = tmp_path / "mail"
    sink.mkdir()
    queue = f"test-{uuid.uuid4().hex[:8]}"

    # The first worker runs the scan, then stalls on its 8th e-mail, mid-send; there it is killed.
    first = start_worker(worker_env(sink, queue, MAIL_SINK_STALL_AT="8"), tmp_path / "first.log")
    try:
        tasks.scan.apply_async(queue=queue)
        stalled = wait_for(lambda: (sink / "stalled").exists())
    finally:
        kill(first)
    assert stalled, (tmp_path / "first.log").read_text()
    assert Notification.objects.filter(kind=Kind.MEETING_REMINDER).count() == 2 * PAIRS
    assert len(delivered(sink)) == 7  # the batch was cut short
    killed_mid_send = (sink / "stalled").read_text()
    assert killed_mid_send not in delivered(sink)

    # A new worker; beat's next scans (run here by hand, a few seconds apart) finish the job.
    assert deliver_with_a_fresh_worker(sink, queue, tmp_path / "second.log"), (tmp_path / "second.log").read_text()

    reminders = Notification.objects.filter(kind=Kind.MEETING_REMINDER)
    assert reminders.count() == 2 * PAIRS  # the second scan found the same due work and created nothing
    expected = {(m.pk, side) for m in meetings for side in (m.mentorship.mentee_id, m.mentorship.mentor_id)}
    assert {(n.object_id, n.recipient_id) for n in reminders} == expected
    sent = Counter(delivered(sink))
    assert sent == Counter(f"notification-{pk}" for pk in Notification.objects.values_list("pk", flat=True))
    assert max(sent.values()) == 1  # every e-mail exactly once, including the one cut off mid-send
    assert killed_mid_send in sent


def deliver_with_a_fresh_worker(sink, queue: str, log) -> bool:
    """Start a worker, then play beat by hand: one scan, and the pending-e-mail sweep every two seconds until
    every notification has been e-mailed (True) or a minute has passed (False)."""
    worker = start_worker(worker_env(sink, queue), log)
    try:
        tasks.scan.apply_async(queue=queue)

        def beat_tick():
            tasks.send_pending_emails.apply_async(queue=queue)
            return all_emailed()

        return wait_for(beat_tick, timeout=60, every=2.0)
    finally:
        kill(worker, signal.SIGTERM)
