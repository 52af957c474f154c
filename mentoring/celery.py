import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")

app = Celery("mentoring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_django_logging(**kwargs):
    """The worker and beat log through settings.LOGGING (text, or JSON with DJANGO_LOG_FORMAT=json), not Celery's
    own set-up."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@signals.task_prerun.connect
def log_with_the_task_id(task_id=None, **kwargs):
    """Log lines of a task carry its id where a request's carry the request id."""
    from mentoring.ops import logs

    logs.request_id.set(task_id)


@signals.task_postrun.connect
def forget_the_task_id(**kwargs):
    from mentoring.ops import logs

    logs.request_id.set(None)
