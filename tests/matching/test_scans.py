"""Matching's scans: a request pending too long reminds its mentor once, in their own time (beat expires what is
left); and the reminder ladder before pairs exist nudges a mentee who has not requested anyone some days after
matching opened."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from matching import scans
from matching.models import Mentorship, MentorshipRequest
from matching.scans import due_request_nudges, due_request_reminders
from mentoring.notifications import scanning
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.scanning import run_scan
from programs.models import MatchingMode, Role
from tests.factories import UserFactory
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions.factories import person

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def matching_cohort(program):
    """Matching opened five days ago."""
    today = timezone.localdate()
    cohort = CohortFactory(program=program, starts_on=today - timedelta(days=20), ends_on=today + timedelta(days=160))
    assert cohort.matching_opens == today - timedelta(days=5)
    return cohort


def mentee_in(cohort, **fields):
    fields.setdefault("enrolled_at", timezone.now() - timedelta(days=20))
    return EnrollmentFactory(cohort=cohort, role=Role.MENTEE, user=UserFactory(), **fields)


def nudges(user) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=user, dedupe_key__contains="no_request").values_list(
            "dedupe_key", flat=True
        )
    )


def test_a_mentee_who_has_requested_nobody_is_nudged_at_each_step_once(matching_cohort):
    enrollment = mentee_in(matching_cohort)
    now = timezone.now()
    (draft,) = due_request_nudges(now)
    assert (draft.recipient_id, draft.dedupe_key, draft.kind) == (
        enrollment.user_id,
        f"enrollment:{enrollment.pk}:no_request:3d",
        Kind.PROGRAM,
    )
    assert draft.url.endswith(f"/cohorts/{matching_cohort.pk}/mentors/")
    run_scan(now)
    run_scan(now + timedelta(minutes=1))
    assert nudges(enrollment.user) == [f"enrollment:{enrollment.pk}:no_request:3d"]
    run_scan(now + timedelta(days=2))
    run_scan(now + timedelta(days=3))
    assert nudges(enrollment.user) == [
        f"enrollment:{enrollment.pk}:no_request:3d",
        f"enrollment:{enrollment.pk}:no_request:7d",
    ]


@pytest.mark.parametrize("status", [MentorshipRequest.Status.PENDING, MentorshipRequest.Status.DECLINED])
def test_no_nudge_once_a_request_was_sent(matching_cohort, status):
    enrollment = mentee_in(matching_cohort)
    MentorshipRequestFactory(cohort=matching_cohort, mentee=enrollment.user, status=status)
    assert due_request_nudges(timezone.now()) == []


def test_no_nudge_for_a_mentee_already_paired_or_for_mentors(matching_cohort):
    enrollment = mentee_in(matching_cohort)
    Mentorship.objects.create(cohort=matching_cohort, mentee=enrollment.user, mentor=UserFactory())
    EnrollmentFactory(cohort=matching_cohort, role=Role.MENTOR, user=UserFactory())
    assert due_request_nudges(timezone.now()) == []


def test_a_late_enrollment_counts_from_its_own_day(matching_cohort):
    mentee_in(matching_cohort, enrolled_at=timezone.now() - timedelta(days=1))
    assert due_request_nudges(timezone.now()) == []
    assert len(due_request_nudges(timezone.now() + timedelta(days=2))) == 1


def test_no_nudge_where_the_coordinator_matches(matching_cohort):
    matching_cohort.matching_mode = MatchingMode.COORDINATOR
    matching_cohort.save()
    mentee_in(matching_cohort)
    assert due_request_nudges(timezone.now()) == []


def test_no_nudge_before_matching_opens_or_after_it_closes(cohort, matching_cohort):
    mentee_in(cohort)  # still enrolling
    enrollment = mentee_in(matching_cohort)
    assert [d.recipient_id for d in due_request_nudges(timezone.now())] == [enrollment.user_id]
    assert due_request_nudges(timezone.now() + timedelta(days=30)) == []


def test_the_finders_are_registered_with_the_scan_under_their_names():
    assert {
        "request-reminders": due_request_reminders,
        "request-ladder": due_request_nudges,
        "offer-reminders": scans.due_offer_reminders,
        "offer-expiry": scans.expire_offers,
    } == scans.FINDERS
    assert scans.FINDERS.items() <= scanning.registered().items()


def test_the_mentor_is_reminded_two_days_before_expiry_in_their_local_time(db):
    mentor = person(time_zone="Asia/Tokyo")
    request = MentorshipRequestFactory(
        mentor=mentor,
        mentee=person(first_name="Mia", last_name="Mentee"),
        created_at=NOW,
        expires_at=NOW + timedelta(days=7),
    )
    assert due_request_reminders(NOW + timedelta(days=4, hours=23)) == []
    (draft,) = due_request_reminders(NOW + timedelta(days=5))
    assert draft.recipient_id == mentor.pk and draft.dedupe_key == f"request:{request.pk}:reminder"
    assert draft.title == "Mia Mentee is waiting for your answer"
    assert "Tuesday 27 October at 21:00 JST" in draft.body


def test_a_short_answer_window_is_not_reminded_the_moment_the_request_is_sent(db):
    MentorshipRequestFactory(created_at=NOW, expires_at=NOW + timedelta(days=1))
    assert due_request_reminders(NOW + timedelta(hours=1)) == []
    assert len(due_request_reminders(NOW + timedelta(hours=12))) == 1


def test_beat_expires_overdue_requests_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-overdue-requests"]
    assert entry["task"] == "matching.tasks.expire_overdue_requests" and entry["schedule"] == 60.0
