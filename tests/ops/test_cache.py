"""Defect 4: with Redis down, logging in, signing up and resetting a password answered 500 (allauth's rate limits
live in the cache). Now nobody gets a 500 because the cache is down, the limits still hold, and it is logged."""

import logging
import time

import pytest

from mentoring.ops import cache as fallback_cache
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: every connection is refused, as with Redis stopped


def _redis_down(**extra) -> dict:
    return {
        "BACKEND": "mentoring.ops.cache.FallbackRedisCache",
        "LOCATION": CLOSED_PORT,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        **extra,
    }


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": _redis_down(), "sessions": _redis_down(MAX_TIMEOUT=600)}


def test_login_signup_and_password_reset_work_with_the_cache_down(client, cache_down, caplog):
    UserFactory(email="sam@example.org")
    with caplog.at_level(logging.WARNING, logger="mentoring.ops.cache"):
        login = client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong"})
        signup = client.post(
            "/accounts/signup/",
            {"email": "new@example.org", "first_name": "N", "last_name": "W", "password1": "a-long-pass-phrase-42",
             "password2": "a-long-pass-phrase-42"},
        )  # fmt: skip
        reset = client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    assert (login.status_code, signup.status_code, reset.status_code) == (200, 302, 302)
    outages = [r for r in caplog.records if "unreachable" in r.getMessage()]
    # Logged once per cache (the rate limits', and the sessions' when they are cached), not once per call.
    assert 1 <= len(outages) <= 2 and all(r.levelno == logging.ERROR for r in outages)


def test_rate_limits_still_hold_with_the_cache_down(client, cache_down):
    UserFactory(email="sam@example.org")
    for _ in range(5):  # login_failed: 5 per 5 minutes per address
        assert client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong"}).status_code == 200
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_plain_redis_cache_would_have_failed_the_request(client, settings):
    """What the defect was: the same request with Django's own Redis cache on a closed port raises."""
    import redis

    plain = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT}
    settings.CACHES = {"default": plain, "sessions": plain}
    client.raise_request_exception = True
    with pytest.raises(redis.exceptions.ConnectionError):
        client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong"})


@pytest.mark.redis
def test_the_cache_goes_back_to_redis_once_it_answers(settings, caplog, monkeypatch):
    import os

    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "mentoring.ops.cache.FallbackRedisCache", "LOCATION": os.environ["REDIS_URL"],
                    "KEY_PREFIX": "ops-test"}
    }  # fmt: skip
    backend = caches["default"]
    monkeypatch.setattr(fallback_cache, "RETRY_AFTER_S", 0.0)
    backend._went_down()  # as after a refused connection
    with caplog.at_level(logging.WARNING, logger="mentoring.ops.cache"):
        backend.set("shared", "in redis", 30)
    assert "reachable again" in caplog.text
    assert backend._fallback.get("shared") is None  # it went to Redis, not to local memory
    assert backend.get("shared") == "in redis"
    backend.delete("shared")


def test_a_capped_cache_keeps_nothing_longer_than_its_cap_in_redis_or_in_local_memory(cache_down):
    from django.core.cache import caches

    backend = caches["sessions"]
    assert [backend.get_backend_timeout(t) for t in (None, 14 * 86400, 30)] == [600, 600, 30]
    assert backend._fallback.get_backend_timeout(None) == pytest.approx(time.time() + 600, abs=5)
    assert caches["default"].get_backend_timeout(None) is None  # the rate limits' cache is not capped


def test_sessions_work_and_signing_out_ends_them_with_redis_down(client, cache_down, settings):
    """Sessions cached in Redis (cached_db): with Redis unreachable they are read from the database, and a session
    signed out of is over, whatever copy a cache may hold."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    user = UserFactory(email="sam@example.org")
    client.force_login(user)
    assert client.get("/").wsgi_request.user == user
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = cookie
    assert not client.get("/").wsgi_request.user.is_authenticated
