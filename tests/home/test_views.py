import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from mentoring.celery import app as celery_app
from tests.matching.factories import MentorshipRequestFactory
from tests.sessions.factories import MeetingFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_anonymous_visitors_see_the_landing_page(client):
    page = client.get("/").content.decode()
    assert "Create an account" in page


def test_signed_in_people_see_their_dashboard(client, user):
    client.force_login(user)
    page = client.get("/").content.decode()
    assert f"Welcome, {user.first_name}" in page


def test_healthz_reports_database_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 64 + "production-secret-for-the-check",
        DJANGO_ALLOWED_HOSTS="mentoring.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="mentoring.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_the_dashboard_shows_the_next_meeting_and_requests_to_answer(client):
    meeting = MeetingFactory()
    mentee, mentor = meeting.mentorship.mentee, meeting.mentorship.mentor
    MentorshipRequestFactory(mentor=mentor, cohort=meeting.mentorship.cohort)
    client.force_login(mentee)
    page = client.get("/").content.decode()
    assert meeting.get_absolute_url() in page and mentor.display_name in page
    assert "waiting for your answer" not in page
    client.force_login(mentor)
    page = client.get("/").content.decode()
    assert meeting.get_absolute_url() in page and "1</span> mentor request waiting for your answer" in page
