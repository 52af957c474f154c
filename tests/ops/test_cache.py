"""Defect 4: with Redis down, logging in, signing up and resetting a password answered 500 (allauth's rate limits
live in the cache). Now nobody gets a 500 because the cache is down, the limits still hold, and it is logged."""

import logging

import pytest

from mentoring.ops import cache as fallback_cache
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: every connection is refused, as with Redis stopped


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "mentoring.ops.cache.FallbackRedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


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
    assert len(outages) == 1 and outages[0].levelno == logging.ERROR  # logged once, not once per call


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

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT}}
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
