"""The Procfile's web process as production runs it: gunicorn with gunicorn.conf.py, two workers, JSON logs, and
Prometheus metrics that add up every worker's counts whichever worker answers the scrape."""

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-the-production-test"
REQUESTS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, **headers) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server on loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server on loopback)
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def production_env(**extra) -> dict:
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"],
        "DJANGO_LOG_FORMAT": "json",
        "METRICS_TOKEN": TOKEN,
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        **extra,
    }


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_two_workers_counts_every_request_in_its_metrics(tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "prometheus"
    line = re.search(r"^web:\s*(.+)$", (ROOT / "Procfile").read_text(), re.MULTILINE).group(1)
    log = tmp_path / "web.log"
    web = subprocess.Popen(
        shlex.split(line),
        cwd=ROOT,
        env=production_env(PORT=str(port), WEB_CONCURRENCY="2", PROMETHEUS_MULTIPROC_DIR=str(metrics_dir)),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(f"{base}/healthz/live")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(log.read_text())
        with ThreadPoolExecutor(max_workers=6) as pool:
            answers = list(pool.map(lambda _: get(f"{base}/healthz/live")[0], range(REQUESTS)))
        assert answers == [200] * REQUESTS
        scrapes = [get(f"{base}/metrics", Authorization=f"Bearer {TOKEN}") for _ in range(4)]
        assert get(f"{base}/metrics")[0] == 401
    finally:
        web.terminate()
        web.wait(timeout=30)

    counter = re.compile(r'^mentoring_http_requests_total\{method="GET",status="200",view="ops:live"\} (\S+)$', re.M)
    for status, body, _ in scrapes:
        assert status == 200
        # Every request is counted, whichever of the two workers answered it and whichever answers the scrape
        # (the readiness polling before the burst adds one or more).
        assert float(counter.search(body.decode()).group(1)) >= REQUESTS + 1
    counts = {float(counter.search(body.decode()).group(1)) for _, body, _ in scrapes}
    assert len(counts) == 1  # the same total from every worker
    assert len(list(metrics_dir.glob("counter_*.db"))) == 2, "both workers answered some requests"

    records = [json.loads(text) for text in log.read_text().splitlines() if text.startswith("{")]
    requests = [r for r in records if r.get("logger") == "mentoring.request"]
    assert len(requests) >= REQUESTS and all(len(r["request_id"]) == 32 for r in requests)
    assert any(r.get("logger") == "gunicorn.error" and "Booting worker" in r["message"] for r in records)
