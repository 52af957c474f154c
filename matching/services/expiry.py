"""Requests nobody answered: they expire when their window closes, and a mentor who lets two in a row expire is
paused (takes no new requests) until they resume."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from matching.models import MentorshipRequest
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Enrollment, Role

Status = MentorshipRequest.Status
EXPIRIES_BEFORE_PAUSE = 2


@transaction.atomic
def expire_overdue_requests(*, now: datetime | None = None) -> int:
    """Expire pending requests past their answer window; pause mentors who let two in a row expire."""
    now = now or timezone.now()
    overdue = list(
        MentorshipRequest.objects.pending()
        .select_for_update(skip_locked=True)
        .filter(expires_at__lte=now)
        .select_related("mentor", "mentee", "cohort")
    )
    for request in overdue:
        request.status = Status.EXPIRED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        notify(
            recipient=request.mentee,
            kind=Kind.REQUEST,
            title=f"Your request to {request.mentor.display_name} expired without an answer",
            body="You can ask another mentor from your cohort's suggestions.",
            dedupe_key=f"request:{request.pk}:expired",
            about=request,
        )
    for cohort_id, mentor_id in {(r.cohort_id, r.mentor_id) for r in overdue}:
        _pause_if_ignoring(cohort_id=cohort_id, mentor_id=mentor_id, now=now)
    return len(overdue)


def _pause_if_ignoring(*, cohort_id: int, mentor_id: int, now: datetime) -> None:
    last = list(
        MentorshipRequest.objects.filter(cohort_id=cohort_id, mentor_id=mentor_id)
        .exclude(status__in=[Status.PENDING, Status.WITHDRAWN, Status.RELEASED])
        .order_by("-answered_at", "-pk")
        .values_list("status", flat=True)[:EXPIRIES_BEFORE_PAUSE]
    )
    if len(last) < EXPIRIES_BEFORE_PAUSE or any(s != Status.EXPIRED for s in last):
        return
    enrollment = (
        Enrollment.objects.select_related("user", "cohort")
        .filter(cohort_id=cohort_id, user_id=mentor_id, role=Role.MENTOR, paused_at__isnull=True)
        .first()
    )
    if enrollment is None:
        return
    enrollment.paused_at = now
    enrollment.save(update_fields=["paused_at"])
    notify(
        recipient=enrollment.user,
        kind=Kind.REQUEST,
        title=f"You are paused in {enrollment.cohort}",
        body=(
            "Two requests in a row expired without an answer, so mentees cannot send you new ones for now. "
            "Open your requests inbox and choose Resume when you are ready."
        ),
        dedupe_key=f"enrollment:{enrollment.pk}:paused:{now:%Y%m%d%H%M}",
        about=enrollment,
        url="",
    )


@transaction.atomic
def resume_mentor(*, enrollment: Enrollment) -> Enrollment:
    enrollment.paused_at = None
    enrollment.save(update_fields=["paused_at"])
    return enrollment
