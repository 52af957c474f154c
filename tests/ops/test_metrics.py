import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.ops import heartbeats
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
TOKEN = "a-long-metrics-token-for-the-tests"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def value(text: str, metric: str) -> float:
    match = re.search(rf"^{re.escape(metric)} (\S+)$", text, re.MULTILINE)
    assert match, f"{metric} not in:\n{text}"
    return float(match.group(1))


def test_metrics_need_the_token(client, token):
    assert client.get(reverse("ops:metrics")).status_code == 401
    assert client.get(reverse("ops:metrics"), HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get(reverse("ops:metrics"), **token).status_code == 200


def test_without_a_configured_token_nobody_reads_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get(reverse("ops:metrics"), HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_metrics_count_requests_by_view_and_status_and_time_them(client, token):
    before = client.get(reverse("ops:metrics"), **token).content.decode()
    counter = 'mentoring_http_requests_total{method="GET",status="200",view="home:index"}'
    start = value(before, counter) if counter in before else 0.0
    client.get(reverse("home:index"))
    client.get(reverse("home:index"))
    text = client.get(reverse("ops:metrics"), **token).content.decode()
    assert value(text, counter) == start + 2
    assert 'mentoring_http_request_duration_seconds_bucket{le="0.25",method="GET",view="home:index"}' in text


def test_metrics_label_requests_by_view_never_by_path(client, token):
    client.get("/no-such-page-with-a-secret-token-in-it/")
    text = client.get(reverse("ops:metrics"), **token).content.decode()
    assert 'status="404",view="unmatched"' in text
    assert "secret-token" not in text


def test_metrics_report_notifications_heartbeats_scan_duration_and_queue_depth(client, token):
    NotificationFactory.create_batch(3)
    NotificationFactory(emailed_at=timezone.now())
    NotificationFactory(email_wanted=False)
    heartbeats.record(heartbeats.SCAN, seconds=0.42)
    heartbeats.record(heartbeats.BEAT)
    text = client.get(reverse("ops:metrics"), **token).content.decode()
    assert value(text, "mentoring_notifications_pending_email") == 3
    assert value(text, "mentoring_notifications_emailed_total") == 1
    assert value(text, "mentoring_scan_duration_seconds") == pytest.approx(0.42)
    assert 0 <= value(text, 'mentoring_heartbeat_age_seconds{part="beat"}') < timedelta(seconds=5).total_seconds()
    assert value(text, "mentoring_queue_depth") >= 0
