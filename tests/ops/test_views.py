from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from mentoring.celery import app as celery_app
from mentoring.ops import heartbeats
from mentoring.ops.models import Heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def alive(db):
    heartbeats.record(heartbeats.BEAT)
    heartbeats.record(heartbeats.WORKER)


def age(name: str, minutes: float) -> None:
    beat = Heartbeat.objects.get(name=name)
    Heartbeat.objects.filter(name=name).update(at=beat.at - timedelta(minutes=minutes))


def test_healthz_reports_the_database_the_broker_and_both_heartbeats(client, alive):
    response = client.get(reverse("ops:healthz"))
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "broker", "beat", "worker")} == {
        "status": "ok", "database": "ok", "broker": "ok", "beat": "ok", "worker": "ok"
    }  # fmt: skip
    assert 0 <= body["beat_age_s"] < 5 and 0 <= body["worker_age_s"] < 5


def test_healthz_is_503_when_beat_has_been_silent_for_more_than_three_minutes(client, alive):
    age(heartbeats.BEAT, 3.5)
    response = client.get(reverse("ops:healthz"))
    assert response.status_code == 503
    assert response.json()["beat"] == "stale" and response.json()["worker"] == "ok"
    assert response.json()["beat_age_s"] >= 210


def test_healthz_is_503_when_no_worker_has_taken_the_heartbeat_for_three_minutes(client, alive):
    age(heartbeats.WORKER, 3.5)
    response = client.get(reverse("ops:healthz"))
    assert response.status_code == 503
    assert response.json()["worker"] == "stale" and response.json()["beat"] == "ok"


def test_healthz_is_fine_with_heartbeats_younger_than_three_minutes(client, alive):
    age(heartbeats.BEAT, 2.5)
    age(heartbeats.WORKER, 2.5)
    assert client.get(reverse("ops:healthz")).status_code == 200


def test_healthz_is_503_before_beat_and_a_worker_have_ever_been_seen(client):
    body = client.get(reverse("ops:healthz")).json()
    assert (body["beat"], body["worker"], body["beat_age_s"]) == ("stale", "stale", None)


def test_healthz_is_503_when_the_broker_is_down(client, alive, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("ops:healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_healthz_is_503_when_the_database_is_down(client, alive, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("ops:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert client.get(reverse("ops:ready")).status_code == 503


def test_the_liveness_probe_asks_nothing_shared(client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    with django_assert_num_queries(0):
        assert client.get(reverse("ops:live")).json() == {"status": "ok"}


def test_probes_are_answered_over_plain_http_in_production(client, settings, alive):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("ops:ready")).status_code == 200
    assert client.get(reverse("ops:healthz")).status_code == 200
    assert client.get(reverse("home:index")).status_code == 301


def test_the_benchmarks_bare_page_is_not_found_unless_turned_on(client, settings):
    assert settings.BENCH_BARE_VIEW is False
    assert client.get(reverse("ops:bare")).status_code == 404
    settings.BENCH_BARE_VIEW = True
    response = client.get(reverse("ops:bare"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_the_benchmarks_signed_in_page_is_not_found_unless_turned_on_and_shows_the_sites_frame(client, settings, user):
    url = reverse("ops:bare_page")
    assert client.get(url).status_code == 404
    settings.BENCH_BARE_VIEW = True
    assert client.get(url).status_code == 302  # signed out: the log-in page
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert 'aria-label="Main navigation"' in response.content.decode()
