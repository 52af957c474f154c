from unittest import mock

import pytest
from django.db import DatabaseError

from mentoring.ops import beat, heartbeats, tasks
from mentoring.ops.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_the_heartbeat_task_records_that_a_worker_took_it():
    tasks.heartbeat.apply(task_id="t1", hostname="celery@box")  # as a worker runs it
    worker = Heartbeat.objects.get(name=heartbeats.WORKER)
    assert heartbeats.is_fresh(worker)


def test_beat_records_its_own_heartbeat_while_it_ticks_at_most_every_30_seconds(tmp_path):
    from mentoring.celery import app

    scheduler = beat.Scheduler(app=app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    with mock.patch("celery.beat.PersistentScheduler.tick", return_value=300.0):
        first = scheduler.tick()
        at = Heartbeat.objects.get(name=heartbeats.BEAT).at
        scheduler.tick()
    assert first == beat.HEARTBEAT_EVERY_S  # never sleeps past the next heartbeat
    assert Heartbeat.objects.get(name=heartbeats.BEAT).at == at  # the second tick, at once, did not write


def test_a_heartbeat_that_cannot_be_written_does_not_stop_the_process(caplog):
    with mock.patch.object(Heartbeat.objects, "update_or_create", side_effect=DatabaseError("gone")):
        heartbeats.record(heartbeats.BEAT)
    assert "Could not record the beat heartbeat" in caplog.text


def test_beat_schedules_the_heartbeat_every_30_seconds_and_drops_stale_ones(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    assert entry["task"] == tasks.heartbeat.name and entry["schedule"] == 30.0
    assert entry["options"]["expires"] <= 60
    assert heartbeats.STALE_AFTER.total_seconds() == 180
