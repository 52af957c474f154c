"""Scale-out, measured on this machine: the production processes of the Procfile against one PostgreSQL and one
Redis (DATABASE_URL, REDIS_URL), in a scratch database.

- The pair's page (a mentee's view of a pair with 30 past meetings), signed in, under 8 concurrent clients for
  BENCH_SECONDS: requests per second with gunicorn at 1 then 2 worker processes (gunicorn's own round-robin over
  its workers stands in for a load balancer over web machines).
- 5,000 due reminders (2,500 meetings, one reminder per side): from the scan to the last e-mail recorded, with 1
  then 3 Celery worker processes (the Procfile's worker command, one pool process each); then 3 again with beat's
  pending-e-mail sweep fired every half second (beat: every minute), so that thousands of single-e-mail tasks race
  the scan's batches for the same notifications. E-mails go to a file sink (no SMTP latency), one file per
  delivery, named by Message-ID: every notification must have exactly one in every run (`duplicates` and `lost`,
  summed over the three runs, must be 0).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring REDIS_URL=redis://127.0.0.1:6379/0 \\
     .venv/bin/python tests/bench/bench_scaleout.py
"""

import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import ROOT, report, scratch_database, setup_django  # noqa: E402

setup_django()

from tests.bench.bench_reminders import build as build_due_meetings  # noqa: E402
from tests.integration.test_exactly_once import kill, wait_for  # noqa: E402

PAIRS = 2_500  # 5,000 reminders
CLIENTS = 8
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
PROCFILE = {
    m.group(1): m.group(2) for m in re.finditer(r"^(\w+):\s*(.+)$", (ROOT / "Procfile").read_text(), re.MULTILINE)
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(**extra) -> dict:
    from django.conf import settings

    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    return {
        **env,
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def command(name: str, *extra: str) -> list[str]:
    """The Procfile's command, run with this interpreter."""
    args = shlex.split(PROCFILE[name])
    if args[0] == "python":
        args[0] = sys.executable
    if "celery" in args:
        at = args.index("celery")
        args[at : at + 1] = [sys.executable, "-m", "celery"]
    return [*args, *extra]


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def get(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def pair_page_throughput(web_processes: int, path: str, cookie: str, workdir: Path) -> float:
    port = free_port()
    server = start(
        command("web"), production_env(PORT=str(port), WEB_CONCURRENCY=str(web_processes)), workdir / "web.log"
    )
    try:
        assert wait_for(lambda: _answers(port), timeout=60), (workdir / "web.log").read_text()
        for _ in range(10):
            assert get(port, path, cookie) == 200
        done = []
        deadline = time.monotonic() + SECONDS

        def client():
            count = 0
            while time.monotonic() < deadline:
                assert get(port, path, cookie) == 200
                count += 1
            done.append(count)

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(done) / (time.monotonic() - started)
    finally:
        kill(server, signal.SIGTERM)


def _answers(port: int) -> bool:
    try:
        return get(port, "/healthz/live", "") == 200
    except OSError:
        return False


def send_reminders(workers: int, workdir: Path, *, race: bool) -> dict:
    from mentoring.celery import app
    from mentoring.notifications import tasks
    from mentoring.notifications.models import Kind, Notification
    from tests.integration.mail_sink import delivered

    Notification.objects.all().delete()
    sink = workdir / f"mail-{workers}"
    shutil.rmtree(sink, ignore_errors=True)
    sink.mkdir()
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = production_env(
        DJANGO_SETTINGS_MODULE="tests.integration.mail_sink",
        MAIL_SINK_DIR=str(sink),
        MAIL_SINK_LEASE_SECONDS="600",
        CELERY_QUEUE=queue,
        DJANGO_LOG_LEVEL="INFO",  # for the worker's "ready." line
    )
    logs = [workdir / f"worker-{workers}-{n}.log" for n in range(workers)]
    processes = [
        start(command("worker", "-Q", queue, "--concurrency=1", "-n", f"bench{n}@%h"), env, log)
        for n, log in enumerate(logs)
    ]
    try:
        assert wait_for(lambda: all("ready." in log.read_text() for log in logs), timeout=90), logs[0].read_text()
        stop_racing = threading.Event()

        def racer():
            while not stop_racing.wait(0.5):
                tasks.send_pending_emails.apply_async(queue=queue)

        started = time.perf_counter()
        tasks.scan.apply_async(queue=queue)
        if race:
            threading.Thread(target=racer, daemon=True).start()
        expected = 2 * PAIRS
        finished = wait_for(
            lambda: (
                Notification.objects.filter(kind=Kind.MEETING_REMINDER, emailed_at__isnull=False).count() >= expected
            ),
            timeout=900,
            every=0.2,
        )
        elapsed = time.perf_counter() - started
        stop_racing.set()
        assert finished, logs[0].read_text()[-3000:]
        time.sleep(2)  # anything still in flight lands, so that a late duplicate would be counted
    finally:
        for process in processes:
            kill(process, signal.SIGTERM)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
    sent = Counter(delivered(sink))
    ids = {f"notification-{pk}" for pk in Notification.objects.values_list("pk", flat=True)}
    return {
        "seconds": elapsed,
        "notifications": len(ids),
        "duplicates": sum(n - 1 for n in sent.values()),
        "lost": len(ids - set(sent)),
    }


def main() -> None:
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from tests.sessions.factories import busy_pair

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not os.environ.get("REDIS_URL"):
        sys.exit("bench_scaleout needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-scaleout-"))
    with scratch_database():
        release = subprocess.run(
            ["sh", "-c", PROCFILE["release"].replace("python ", f"{sys.executable} ")],
            cwd=ROOT, env=production_env(), capture_output=True, text=True,
        )  # fmt: skip
        assert release.returncode == 0, release.stdout + release.stderr
        report("cpus", os.cpu_count())

        pair = busy_pair(30)
        client = Client()
        client.force_login(pair["mentee"])
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        path = pair["mentorship"].get_absolute_url()
        for web in (1, 2):
            report(f"pair_page_rps_{web}_web", round(pair_page_throughput(web, path, cookie, workdir), 1))

        build_due_meetings(timezone.now(), pair_count=PAIRS, meetings_per_pair=1)
        runs = [send_reminders(1, workdir, race=False), send_reminders(3, workdir, race=False)]
        report("reminders_5000_s_1_worker", round(runs[0]["seconds"], 2))
        report("reminders_5000_s_3_workers", round(runs[1]["seconds"], 2))
        runs.append(send_reminders(3, workdir, race=True))
        report("reminders_5000_s_3_workers_racing_the_sweep", round(runs[2]["seconds"], 2))
        report("reminders_created", runs[2]["notifications"])
        report("duplicates", sum(run["duplicates"] for run in runs))
        report("lost", sum(run["lost"] for run in runs))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
