"""Celery beat's scheduler, with beat's own heartbeat: `CELERY_BEAT_SCHEDULER` names it."""

import time
from pathlib import Path

from celery.beat import PersistentScheduler

HEARTBEAT_EVERY_S = 30.0


class Scheduler(PersistentScheduler):
    """Celery's file-backed scheduler that also records, while it ticks, that beat is alive.

    Beat records its own heartbeat (rather than only through a task) so that /healthz can tell a dead beat
    from dead workers: with beat alive and no worker, only the workers' heartbeat goes stale."""

    _last_heartbeat = float("-inf")

    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()

    def tick(self, *args, **kwargs):
        from . import heartbeats  # Django is set up by the time beat ticks, not when this module is imported

        if time.monotonic() - self._last_heartbeat >= HEARTBEAT_EVERY_S:
            self._last_heartbeat = time.monotonic()
            heartbeats.record(heartbeats.BEAT)
        return min(super().tick(*args, **kwargs), HEARTBEAT_EVERY_S)
