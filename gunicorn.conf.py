"""gunicorn's settings for production: `gunicorn --config gunicorn.conf.py mentoring.wsgi` (the Procfile's web).

Every value can be changed from the environment. Prometheus: several worker processes answer requests, so
PROMETHEUS_MULTIPROC_DIR is set here, before any worker imports prometheus-client; each process then writes its
counts to files there, /metrics adds them up whichever worker answers the scrape, and a worker that exits is
marked dead. The folder is emptied at start, so that counts of an earlier run are not added in.
"""

import os
import shutil
import tempfile


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = f"{os.environ.get('GUNICORN_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 (in a container)
# Synchronous workers, twice the CPUs plus one (gunicorn's advice); WEB_CONCURRENCY sets it where CPUs are limited
# by a quota that the process cannot see (a container with a CPU limit).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cpus() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after about a thousand requests, so that a slow leak never grows large.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# The heartbeat file of each worker in memory: a container's disk can stall it (gunicorn's FAQ).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# The application logs one line per request (mentoring.ops.middleware: route, status, duration, request id and user
# id, never the path, which can carry tokens). gunicorn's own access log is off unless GUNICORN_ACCESS_LOG=1; its
# format leaves out the query string.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") == "1" else None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("DJANGO_LOG_FORMAT") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "mentoring.ops.logs.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }

if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="mentoring-metrics-")


def on_starting(server):
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
