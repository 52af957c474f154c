from datetime import timedelta

import time_machine
from django.utils import timezone

from matching import tasks
from matching.models import MentorshipRequest
from mentoring.notifications.models import Notification
from mentoring.notifications.scanning import run_scan
from tests.matching.factories import MentorshipRequestFactory


def test_expiry_task_expires_overdue_requests(cohort, mentee, mentor):
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert tasks.expire_overdue_requests() == 1
    request.refresh_from_db()
    assert request.status == MentorshipRequest.Status.EXPIRED


def test_scan_reminds_the_mentor_once_before_expiry(cohort, mentee, mentor):
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    run_scan(now=timezone.now())
    assert not Notification.objects.filter(dedupe_key=f"request:{request.pk}:reminder").exists()
    later = request.expires_at - timedelta(days=1)
    run_scan(now=later)
    run_scan(now=later + timedelta(minutes=1))
    assert Notification.objects.filter(recipient=mentor, dedupe_key=f"request:{request.pk}:reminder").count() == 1
