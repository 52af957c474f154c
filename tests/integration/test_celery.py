"""A real Celery worker, as `make run` and production start it, seen working through the database."""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from mentoring.notifications import tasks
from mentoring.notifications.models import Notification
from tests.factories import NotificationFactory

ROOT = Path(__file__).resolve().parents[2]


def start_worker(env: dict, queue: str, log_path: Path, beat: bool = False) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "celery", "-A", "mentoring", "worker", "-Q", queue, "--concurrency=1",
        "--without-gossip", "--without-mingle", "--loglevel=INFO",
    ]  # fmt: skip
    if beat:
        command += ["--beat", f"--schedule={log_path.parent / 'beat-schedule'}"]
    log = log_path.open("w")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()


def wait_for(condition, timeout=40.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_QUEUE"}}
    return {**env, "DJANGO_DEBUG": "1", **extra}


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_sends_a_notification_email_recorded_in_postgresql(tmp_path, user):
    db = settings.DATABASES["default"]
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = base_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=os.environ["REDIS_URL"],
        CELERY_QUEUE=queue,
    )
    notification = NotificationFactory(recipient=user, title="Sent by a real worker")
    worker = start_worker(env, queue, tmp_path / "worker.log")
    try:
        tasks.send_notification_email.apply_async(args=[notification.pk], queue=queue)
        sent = wait_for(lambda: Notification.objects.filter(pk=notification.pk, emailed_at__isnull=False).exists())
    finally:
        stop(worker)
    log = (tmp_path / "worker.log").read_text()
    assert sent, log
    assert "Sent by a real worker" in log  # the console e-mail backend printed it


def test_the_embedded_default_runs_on_sqlite_and_the_filesystem_broker(tmp_path):
    """No DATABASE_URL, no REDIS_URL: what `make run` gives on a bare machine."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = base_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CELERY_BROKER_DIR=str(tmp_path / "broker"))

    def manage(command, *args):
        return subprocess.run(
            [sys.executable, "manage.py", command, "-v0", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    manage("migrate", "--noinput")
    notification_id = manage(
        "shell",
        "-c",
        "from mentoring.accounts.models import User; from mentoring.notifications.services import notify; "
        "u = User.objects.create_user('solo@example.org'); "
        "print(notify(recipient=u, kind='program', title='Embedded hello', dedupe_key='k').pk)",
    ).strip()
    worker = start_worker({**env, "CELERY_QUEUE": queue}, queue, tmp_path / "worker.log", beat=True)
    try:
        manage(
            "shell",
            "-c",
            "from mentoring.notifications.tasks import send_notification_email; "
            f"send_notification_email.apply_async(args=[{notification_id}], queue='{queue}')",
        )
        check = (
            "from mentoring.notifications.models import Notification; "
            f"print(Notification.objects.get(pk={notification_id}).emailed_at is not None)"
        )
        sent = wait_for(lambda: manage("shell", "-c", check).strip() == "True")
        beats = (
            "from mentoring.ops.models import Heartbeat; print(list(Heartbeat.objects.values_list('name', flat=True)))"
        )
        beat_ticked = wait_for(lambda: "'beat'" in manage("shell", "-c", beats))
    finally:
        stop(worker)
    log = (tmp_path / "worker.log").read_text()
    assert sent and beat_ticked, log
    assert "filesystem://" in log
    # The console e-mail is one INFO line (defect 13), not one WARNING line per line of the message.
    assert re.search(r"INFO mentoring\.mail: E-mail to solo@example\.org: \[Mentoring\] Embedded hello", log), log
    assert "WARNING" not in log.replace("SecurityWarning", ""), log
