import io
import json
import logging
import logging.config

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mentoring.ops import logs

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines(settings):
    """The project's LOGGING with the JSON format, into a buffer; give back the parsed lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(logs.ContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.INFO)
    logging.getLogger("mentoring.request").setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def test_each_request_gets_an_id_in_its_response_and_its_log_line(client, user, json_lines):
    client.force_login(user)
    response = client.get(reverse("notifications:list") + "?page=2&q=my+private+words")
    request_id = response["X-Request-ID"]
    [line] = [entry for entry in json_lines() if entry["logger"] == "mentoring.request"]
    assert line["request_id"] == request_id and line["user_id"] == user.pk
    assert line["view"] == "notifications:list" and line["status"] == 200 and line["level"] == "INFO"
    assert "private" not in json.dumps(line)  # the route, never the query string
    assert line["message"] == "GET /notifications/ 200"


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123-def-456")["X-Request-ID"] == "abc-123-def-456"
    replaced = client.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert len(replaced) == 32 and "<" not in replaced


def test_lines_logged_while_answering_carry_the_request_id_and_the_user_id(client, user, json_lines, monkeypatch):
    from mentoring.notifications import views

    real = views.services.mark_all_read

    def mark_all_read(*, user):
        logging.getLogger("mentoring.notifications").warning("Marking all read")
        return real(user=user)

    monkeypatch.setattr(views.services, "mark_all_read", mark_all_read)
    client.force_login(user)
    response = client.post(reverse("notifications:read_all"))
    [line] = [entry for entry in json_lines() if entry["message"] == "Marking all read"]
    assert line["request_id"] == response["X-Request-ID"] and line["user_id"] == user.pk


def test_djangos_request_object_never_reaches_the_log(json_lines):
    request = RequestFactory().get("/x/?email=someone@example.org")
    logging.getLogger("django.request").warning("Not Found: %s", request.path, extra={"request": request})
    [line] = json_lines()
    assert "someone@example.org" not in json.dumps(line) and "request" not in line


def test_a_line_outside_any_request_has_no_ids(json_lines):
    logging.getLogger("mentoring.test").info("Background")
    [line] = json_lines()
    assert line["request_id"] is None and line["user_id"] is None


def test_the_settings_choose_json_with_django_log_format(settings):
    assert settings.LOGGING["handlers"]["console"]["formatter"] in {"text", "json"}
    assert settings.LOGGING["formatters"]["json"]["()"] == "mentoring.ops.logs.JsonFormatter"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["context"]


def test_djangos_error_line_for_a_request_carries_its_id(client, json_lines):
    response = client.get("/no-such-page/")
    [line] = [entry for entry in json_lines() if entry["logger"] == "django.request"]
    assert line["request_id"] == response["X-Request-ID"]
