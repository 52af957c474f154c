"""A coordinator's changes to one person's enrollment."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Enrollment

from .applications import fill_seats


@transaction.atomic
def withdraw_enrollment(*, enrollment: Enrollment, by: AbstractBaseUser) -> Enrollment:
    """Withdraw the person; the seat they leave goes to the first approved applicant waiting for one."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ValidationError("This person has already withdrawn.")
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.withdrawn_at = timezone.now()
    enrollment.save(update_fields=["status", "withdrawn_at"])
    cohort = enrollment.cohort
    notify(
        recipient=enrollment.user,
        kind=Kind.PROGRAM,
        title=f"You are no longer enrolled in {cohort}",
        body=f"The coordinator withdrew your enrollment as {enrollment.get_role_display().lower()}.",
        url=reverse("programs:my_programs"),
        about=cohort,
        dedupe_key=f"enrollment:{enrollment.pk}:withdrawn:{enrollment.withdrawn_at:%Y%m%d%H%M%S}",
    )
    record(
        actor=by,
        action=Action.ENROLMENT_WITHDRAWN,
        target=enrollment,
        program_id=cohort.program_id,
        changes={"status": [Enrollment.Status.ACTIVE, Enrollment.Status.WITHDRAWN]},
    )
    fill_seats(cohort=cohort)
    return enrollment


@transaction.atomic
def set_mentor_capacity(*, enrollment: Enrollment, capacity: int | None, by: AbstractBaseUser) -> Enrollment:
    if not enrollment.is_mentor:
        raise ValidationError("Only a mentor has a capacity.")
    if capacity is not None and not 0 <= capacity <= 20:
        raise ValidationError("A capacity is between 0 and 20 mentees.")
    before = enrollment.capacity_override
    enrollment.capacity_override = capacity
    enrollment.save(update_fields=["capacity_override"])
    record(
        actor=by,
        action=Action.CAPACITY_CHANGED,
        target=enrollment,
        program_id=enrollment.cohort.program_id,
        changes={"capacity_override": [before, capacity]},
    )
    return enrollment


def close_onboarding(*, enrollment: Enrollment) -> Enrollment:
    """The person skipped or finished the guided setup: home stops offering to resume it. Idempotent."""
    if enrollment.onboarding_closed_at is None:
        enrollment.onboarding_closed_at = timezone.now()
        enrollment.save(update_fields=["onboarding_closed_at"])
    return enrollment


def reopen_onboarding(*, enrollment: Enrollment) -> Enrollment:
    """Resume a skipped setup: home offers it again until it is finished."""
    if enrollment.onboarding_closed_at is not None:
        enrollment.onboarding_closed_at = None
        enrollment.save(update_fields=["onboarding_closed_at"])
    return enrollment
