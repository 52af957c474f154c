from celery import shared_task

from . import heartbeats


@shared_task(bind=True)
def heartbeat(self) -> None:
    """Beat sends this every 30 seconds; whichever worker runs it shows that the workers are taking work."""
    heartbeats.record(heartbeats.WORKER, node=self.request.hostname or "")
