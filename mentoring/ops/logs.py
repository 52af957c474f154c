"""Log records that say which request (or task) and which user they belong to, and never what people wrote.

Every record gets `request_id` and `user_id` (the user's primary key, never a name or an address) through
ContextFilter. DJANGO_LOG_FORMAT=json writes one JSON object per line through python-json-logger; the text
format is for people at a terminal. Our own messages carry ids only; the `request` object that Django's loggers
attach is dropped, since its repr holds the query string.
"""

import contextvars
import logging
import re
import uuid

from django.utils.functional import empty
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# The request (or Celery task) id, and the request being answered, of whatever is running in this context.
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
current_request: contextvars.ContextVar = contextvars.ContextVar("current_request", default=None)

# A request id from a proxy is kept only when it looks like one: it is written into every log line.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# What Django's own loggers attach that may hold personal text (the query string, the request body).
_DROPPED = ("request",)


def new_request_id(offered: str | None = None) -> str:
    return offered if offered and _SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request_id"):  # another handler's filter has seen this record already
            return True
        # Django's own request loggers write after the middleware is done, with the request attached.
        request = record.__dict__.get("request") or current_request.get()
        record.request_id = getattr(request, "id", None) or request_id.get()
        record.user_id = user_id_of(request)
        for name in _DROPPED:
            record.__dict__.pop(name, None)
        return True


class JsonFormatter(BaseJsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "asctime": "time", "name": "logger"})
        super().__init__(*args, **kwargs)


def user_id_of(request) -> int | None:
    """The signed-in user's id, if the request has already looked the user up: a log line must not cost a query."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty or not getattr(wrapped, "is_authenticated", False):
        return None
    return wrapped.pk


def logging_config(log_format: str, level: str, *, quiet: list[str]) -> dict:
    """settings.LOGGING: every record through ContextFilter to the console, as text or JSON; `quiet` at WARNING."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "mentoring.ops.logs.ContextFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {
                "()": "mentoring.ops.logs.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["context"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {name: {"level": "WARNING"} for name in quiet},
    }
