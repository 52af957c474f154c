"""Every coordinator view starts here: the object this coordinator may touch, or a 404 that does not confirm it
exists."""

from django.shortcuts import get_object_or_404

from mentoring.accounts.second_factor import second_factor_required
from programs.models import Cohort, Enrollment, Invitation, Program


@second_factor_required
def program_for(request, slug: str) -> Program:
    return get_object_or_404(Program.objects.for_user(request.user), slug=slug)


@second_factor_required
def cohort_for(request, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


def invitation_for(request, pk: int, invitation_pk: int) -> Invitation:
    cohort = cohort_for(request, pk)
    return get_object_or_404(Invitation.objects.select_related("cohort"), pk=invitation_pk, cohort=cohort)


def enrollment_for(request, cohort: Cohort, enrollment_pk: int) -> Enrollment:
    return get_object_or_404(cohort.enrollments.select_related("user", "cohort__program"), pk=enrollment_pk)
