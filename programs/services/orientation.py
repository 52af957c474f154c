"""A cohort's orientation checklist: the coordinator's steps and each person's ticks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programs.figures import cohorts_changed
from programs.models import Cohort, Enrollment, OrientationCheck, OrientationItem, Resource


@transaction.atomic
def add_orientation_item(
    *, cohort: Cohort, role: str, title: str, description: str = "", resource: Resource | None = None
) -> OrientationItem:
    """Refused, with nothing saved, for a resource of another program."""
    if resource is not None and resource.program_id != cohort.program_id:
        raise ValidationError("Choose a guide or file of this program.")
    last = OrientationItem.objects.filter(cohort=cohort, role=role).order_by("-order").first()
    item = OrientationItem.objects.create(
        cohort=cohort, role=role, title=title, description=description, resource=resource,
        order=(last.order + 1) if last else 1,
    )  # fmt: skip
    # A new step re-opens the orientation of everyone who had finished it.
    Enrollment.objects.filter(cohort=cohort, role=role).update(orientation_completed_at=None)
    cohorts_changed(cohort_ids=[cohort.pk])
    return item


@transaction.atomic
def remove_orientation_item(*, item: OrientationItem) -> None:
    cohort, role = item.cohort, item.role
    item.delete()
    for enrollment in Enrollment.objects.filter(cohort=cohort, role=role, orientation_completed_at__isnull=True):
        _update_orientation_completion(enrollment)


@transaction.atomic
def check_orientation_item(*, enrollment: Enrollment, item: OrientationItem, done: bool) -> Enrollment:
    if item.cohort_id != enrollment.cohort_id or item.role != enrollment.role:
        raise ValidationError("This step belongs to another checklist.")
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError("Only an active enrollment has an orientation to tick off.")
    if done:
        OrientationCheck.objects.get_or_create(enrollment=enrollment, item=item)
    else:
        OrientationCheck.objects.filter(enrollment=enrollment, item=item).delete()
    _update_orientation_completion(enrollment)
    return enrollment


def _update_orientation_completion(enrollment: Enrollment) -> None:
    items = OrientationItem.objects.filter(cohort=enrollment.cohort_id, role=enrollment.role)
    total = items.count()
    done = OrientationCheck.objects.filter(enrollment=enrollment, item__in=items).count()
    finished = total > 0 and done >= total
    if finished and not enrollment.orientation_completed_at:
        enrollment.orientation_completed_at = timezone.now()
        enrollment.save(update_fields=["orientation_completed_at"])
    elif not finished and enrollment.orientation_completed_at:
        enrollment.orientation_completed_at = None
        enrollment.save(update_fields=["orientation_completed_at"])
