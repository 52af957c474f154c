import os
import warnings

from celery import Celery, signals
from celery.exceptions import CPendingDeprecationWarning

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")

app = Celery("mentoring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# On a lost broker connection a running task is left to finish (Celery 5's default, which its 6.0 will change):
# an e-mail in the middle of being sent completes and is recorded, and the redelivered task then finds nothing to
# do. Cancelling it could cut a send after the mail server accepted it, and the e-mail would go out twice. The
# warning that Celery prints about this at every reconnection is only noise here.
warnings.filterwarnings(
    "ignore", message=r"(?s).*worker_cancel_long_running_tasks_on_connection_loss", category=CPendingDeprecationWarning
)


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
