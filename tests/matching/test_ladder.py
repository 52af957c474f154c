"""The reminder ladder before pairs exist: a mentee who has not requested anyone some days after matching opened."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.ladder import due_request_nudges
from matching.models import Mentorship, MentorshipRequest
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.scanning import run_scan
from programs.models import MatchingMode, Role
from tests.factories import UserFactory
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory


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
