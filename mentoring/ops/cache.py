"""The shared cache (Redis) with a fallback, so that nobody gets a 500 because the cache is down.

allauth counts its rate limits (log-in, sign-up, password reset) in the default cache. With Redis down, each
call here is answered by a local-memory cache instead: the limits still hold, counted per process until Redis
is back (so N web processes let up to N times the rate through during an outage), and the outage is logged
once when it starts and once when it ends. After a failure Redis is tried again every RETRY_AFTER_S seconds,
so a page does not wait for a refused connection on every cache call.
"""

import logging
import threading
import time

import redis
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


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{server}", params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def _went_down(self) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_AFTER_S
            if not self._down:
                self._down = True
                logger.error(
                    "The shared cache (Redis) is unreachable: rate limits are counted in this process until it is back",
                    exc_info=True,
                )

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
