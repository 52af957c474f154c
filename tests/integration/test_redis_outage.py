"""Defect 5: after any Redis outage, mail flows again with nobody restarting anything.

A real worker, started with the Procfile's worker command (through mentoring.ops.keepalive), sends a stream of
e-mails through a Redis of this test's own (never the shared one), which is stopped and started again several
times mid-stream; once the worker itself is killed, as kombu's `Unrecoverable error: AttributeError(... 'hostname')`
kills it. Beat's pending-e-mail sweep is played by hand every second. Every e-mail arrives; the only repeats
allowed are those of a worker killed mid-send (at most one per e-mail in flight, with the same Message-ID)."""

import contextlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import missing_service
from mentoring.notifications import tasks
from mentoring.notifications.models import Notification
from tests.factories import NotificationFactory, ProfileFactory
from tests.integration.mail_sink import delivered
from tests.integration.test_broker_down import broker_at
from tests.integration.test_exactly_once import kill, wait_for, worker_env

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 80
OUTAGES = 4
CONCURRENCY = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server on a spare port, which the test may stop and start at will."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(self.answers, timeout=10)

    def stop(self) -> None:
        self.process.kill()  # as a crash or a restarted container: no goodbye to the clients
        self.process.wait(timeout=10)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def procfile_worker(queue: str) -> list[str]:
    line = re.search(r"^worker:\s*(.+)$", (ROOT / "Procfile").read_text(), re.MULTILINE).group(1)
    command = shlex.split(line)
    assert command[:3] == ["python", "-m", "mentoring.ops.keepalive"]
    return [
        sys.executable,
        *command[1:3],
        sys.executable,
        "-m",
        *command[3:],
        "-Q",
        queue,
        f"--concurrency={CONCURRENCY}",
    ]


def celery_child(keeper: subprocess.Popen) -> int | None:
    """The worker that the keeper started (the keeper's only child)."""
    children = Path(f"/proc/{keeper.pid}/task/{keeper.pid}/children").read_text().split()
    return int(children[0]) if children else None


def emailed() -> int:
    return Notification.objects.filter(emailed_at__isnull=False).count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_mail_flows_again_after_every_redis_outage_and_a_worker_crash(tmp_path):
    if not shutil.which("redis-server"):
        missing_service("needs redis-server, to start and stop a Redis of its own (Debian: redis-server)")
    redis = OwnRedis(tmp_path)
    redis.start()
    sink = tmp_path / "mail"
    sink.mkdir()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    recipient = ProfileFactory().user
    NotificationFactory.create_batch(EMAILS, recipient=recipient, created_at=timezone.now() - timedelta(minutes=5))
    env = {**worker_env(sink, queue, MAIL_SINK_DELAY="0.15"), "REDIS_URL": redis.url}
    log = tmp_path / "worker.log"
    keeper = subprocess.Popen(
        procfile_worker(queue),
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def beat_tick():
        with contextlib.suppress(Exception):  # Redis is down: beat's next tick tries again, as here
            tasks.send_pending_emails.apply_async(queue=queue)

    def flows(target: int, timeout=45.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if emailed() >= target:
                return True
            beat_tick()
            time.sleep(1.0)
        return False

    progress = []
    try:
        with broker_at(redis.url):
            for outage in range(OUTAGES):
                assert flows(emailed() + 5), f"no mail before outage {outage}\n{log.read_text()[-3000:]}"
                if outage == 1:
                    os.kill(celery_child(keeper), signal.SIGKILL)  # the worker dies, as with kombu's crash
                redis.stop()
                time.sleep(2.0)
                redis.start()
                progress.append(emailed())
            assert flows(EMAILS, timeout=90), f"stuck at {emailed()}/{EMAILS}\n{log.read_text()[-3000:]}"
    finally:
        kill(keeper, signal.SIGTERM)
        redis.stop()

    sent = Counter(delivered(sink))
    assert set(sent) == {f"notification-{pk}" for pk in Notification.objects.values_list("pk", flat=True)}
    repeats = {key: n for key, n in sent.items() if n > 1}
    assert max(sent.values()) <= 2 and len(repeats) <= CONCURRENCY, repeats  # only what the killed worker had in hand
    assert progress == sorted(progress) and progress[-1] < EMAILS  # the outages did come mid-stream
    assert "starting it again" in log.read_text()  # the keeper restarted the killed worker
