"""The shared cache (Redis) with a fallback, so that nobody gets a 500 because the cache is down.

allauth counts its rate limits (log-in, sign-up, password reset) in the default cache. With Redis down, each
call here is answered by a local-memory cache instead: the limits still hold, counted per process until Redis
is back (so N web processes let up to N times the rate through during an outage), and the outage is logged
once when it starts and once when it ends. After a failure Redis is tried again every RETRY_AFTER_S seconds,
so a page does not wait for a refused connection on every cache call.

A cache may cap how long it keeps anything (MAX_TIMEOUT, seconds, beside BACKEND): the session cache does, so that
a session ended (signing out) while Redis was unreachable, whose copy Redis or another process's local memory still
holds, is read from the cache for at most that long.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER_S = 5.0
OUTAGE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _falls_back(name: str):
    def method(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except OUTAGE:
                self._went_down()
            else:
                self._came_back()
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


def _capped(timeout, cap: int | None):
    if cap is None:
        return timeout
    return cap if timeout is None else min(timeout, cap)


class _CappedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_timeout = params.get("MAX_TIMEOUT")

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return super().get_backend_timeout(_capped(timeout, self._max_timeout))


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._max_timeout = params.get("MAX_TIMEOUT")
        self._fallback = _CappedLocMemCache(f"fallback-{server}", params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        return _capped(super().get_backend_timeout(timeout), self._max_timeout)

    def _went_down(self) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_AFTER_S
            if not self._down:
                self._down = True
                logger.error(
                    "The shared cache (Redis) is unreachable: this process counts rate limits (and keeps session "
                    "copies) until it is back",
                    exc_info=True,
                )

    @property
    def is_shared(self) -> bool:
        """Whether calls reach Redis, which every process shares, rather than this process's local fallback."""
        return not self._down

    def _came_back(self) -> None:
        if self._down:
            with self._lock:
                self._down = False
            logger.warning("The shared cache (Redis) is reachable again")

    add = _falls_back("add")
    get = _falls_back("get")
    set = _falls_back("set")
    touch = _falls_back("touch")
    delete = _falls_back("delete")
    get_many = _falls_back("get_many")
    has_key = _falls_back("has_key")
    incr = _falls_back("incr")
    set_many = _falls_back("set_many")
    delete_many = _falls_back("delete_many")
    clear = _falls_back("clear")
