"""Prometheus metrics.

Per-request counts and latencies are counted in each web process. Under gunicorn several processes answer,
so gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR before any worker starts: prometheus-client then keeps each
process's values in files there, and /metrics adds them up (MultiProcessCollector), whichever worker answers
the scrape. Everything about the background work (notifications pending and e-mailed, the last scan's
duration, the heartbeats, the queue's depth) is read from the database and the broker at scrape time, so it is
right however many workers there are and on whichever machines they run.
"""

import os

from django.conf import settings
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from mentoring.celery import app as celery_app

from . import heartbeats

REQUESTS = Counter(
    "mentoring_http_requests", "HTTP requests answered, by view name and status.", ["method", "view", "status"]
)
LATENCY = Histogram(
    "mentoring_http_request_duration_seconds",
    "Time to answer an HTTP request, by view name.",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def observe_request(*, method: str, view: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method=method, view=view, status=str(status)).inc()
    LATENCY.labels(method=method, view=view).observe(seconds)


def exposition() -> bytes:
    """The text every scrape gets: this process's (or all gunicorn workers') metrics, then the shared ones."""
    shared = CollectorRegistry()
    shared.register(BackgroundCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    return generate_latest(processes) + generate_latest(shared)


def queue_depth() -> int | None:
    """Messages waiting in the Celery queue; None when the broker cannot be asked."""
    try:
        with celery_app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            channel = conn.default_channel
            try:
                return channel.queue_declare(queue=settings.CELERY_TASK_DEFAULT_QUEUE, passive=True).message_count
            except conn.channel_errors:
                return 0  # a queue nobody has declared yet holds nothing
    except Exception:
        return None


class BackgroundCollector:
    """Gauges read at scrape time from the database and the broker."""

    def collect(self):
        from mentoring.notifications.models import Notification

        yield GaugeMetricFamily(
            "mentoring_notifications_pending_email",
            "Notifications whose e-mail is due and not sent yet.",
            value=Notification.objects.email_due().count(),
        )
        yield CounterMetricFamily(
            "mentoring_notifications_emailed",
            "Notifications e-mailed so far.",
            value=Notification.objects.filter(emailed_at__isnull=False).count(),
        )
        beats = heartbeats.last()
        ages = GaugeMetricFamily(
            "mentoring_heartbeat_age_seconds",
            "Seconds since each background part last said it was alive.",
            labels=["part"],
        )
        for name, beat in sorted(beats.items()):
            ages.add_metric([name], heartbeats.age(beat))
        yield ages
        scan = beats.get(heartbeats.SCAN)
        if scan is not None and scan.seconds is not None:
            yield GaugeMetricFamily(
                "mentoring_scan_duration_seconds", "How long the last minute scan took.", value=scan.seconds
            )
        depth = queue_depth()
        if depth is not None:
            yield GaugeMetricFamily("mentoring_queue_depth", "Celery tasks waiting in the queue.", value=depth)
