"""Redis down: people keep working (the e-mail queueing after commit swallows the broker error quickly), and once
the broker is back the scan and the pending-e-mail sweep deliver everything that was due, once."""

import time
import uuid
import zoneinfo
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from mentoring.celery import app
from mentoring.notifications import scanning
from mentoring.notifications.models import Kind, Notification
from programs import services as programs_services
from programs.models import Role
from programs.services.importing import Row
from programs.tasks import send_pending_invitations
from tests.integration.mail_sink import delivered
from tests.integration.test_exactly_once import deliver_with_a_fresh_worker
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions.factories import MentorshipFactory, person

# A port nothing listens on: every connection is refused, as when Redis is stopped.
UNREACHABLE = "redis://127.0.0.1:1/0"
# What a person may wait for a page while the broker is down (connection refused, two quick retries).
PATIENCE_S = 5.0


@contextmanager
def broker_at(url: str):
    """Point this process's Celery app at another broker; its connection pools are rebuilt on next use."""
    previous = app.conf.broker_url

    def switch(to):
        app.conf.broker_url = to
        app._pool = None
        app.amqp._producer_pool = None

    switch(url)
    try:
        yield
    finally:
        switch(previous)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_people_still_schedule_and_accept_and_the_scan_delivers_later(client, tmp_path):
    mentor = person(first_name="Max", last_name="Mentor", time_zone="Europe/London")
    mentorship = MentorshipFactory(mentor=mentor, mentee=person(time_zone="Europe/London"))
    cohort = CohortFactory()
    newcomer = person()
    EnrollmentFactory(user=mentor, cohort=cohort, role=Role.MENTOR)
    EnrollmentFactory(user=newcomer, cohort=cohort, role=Role.MENTEE)
    request = MentorshipRequestFactory(cohort=cohort, mentor=mentor, mentee=newcomer)
    starts_at = timezone.localtime(timezone.now() + timedelta(minutes=50), timezone=zoneinfo.ZoneInfo("Europe/London"))
    client.force_login(mentor)

    with broker_at(UNREACHABLE):
        started = time.perf_counter()
        scheduled = client.post(
            reverse("sessions:meeting_create", args=[mentorship.pk]),
            {"starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 45, "location": "Room 4"},
        )
        schedule_s = time.perf_counter() - started
        started = time.perf_counter()
        accepted = client.post(reverse("matching:request_accept", args=[request.pk]))
        accept_s = time.perf_counter() - started
        scanning.run_scan()  # beat still ticks; its e-mail tasks cannot be queued either

    assert scheduled.status_code == 302 and mentorship.meetings.count() == 1
    assert accepted.status_code == 302
    assert MentorshipRequest.objects.get(pk=request.pk).status == MentorshipRequest.Status.ACCEPTED
    assert Mentorship.objects.filter(request=request, status=Mentorship.Status.ACTIVE).exists()
    assert schedule_s < PATIENCE_S and accept_s < PATIENCE_S, (schedule_s, accept_s)
    kinds = Counter(Notification.objects.values_list("kind", flat=True))
    assert kinds[Kind.MEETING] == 1 and kinds[Kind.MENTORSHIP] >= 1 and kinds[Kind.MEETING_REMINDER] == 2
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()  # nothing could be sent

    # Redis is back: a worker, and beat's next ticks (run here by hand).
    sink = tmp_path / "mail"
    sink.mkdir()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    assert deliver_with_a_fresh_worker(sink, queue, tmp_path / "worker.log"), (tmp_path / "worker.log").read_text()
    assert sorted(delivered(sink)) == sorted(
        f"notification-{pk}" for pk in Notification.objects.values_list("pk", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_inviting_still_works_and_the_sweep_sends_later(time_machine):
    cohort = CohortFactory()
    coordinator = person()
    rows = [
        Row(line=2, email="first@example.org", role=Role.MENTEE),
        Row(line=3, email="second@example.org", role=Role.MENTOR),
    ]
    with broker_at(UNREACHABLE):
        started = time.perf_counter()
        result = programs_services.invite_people(cohort=cohort, rows=rows, invited_by=coordinator)
        invite_s = time.perf_counter() - started
    assert len(result.created) == 2 and invite_s < PATIENCE_S
    assert not mail.outbox

    time_machine.move_to(timezone.now() + timedelta(minutes=2))
    assert send_pending_invitations() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
