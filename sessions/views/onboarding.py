"""The guided setup after joining a cohort: one page per enrollment, each step linking to where it is done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs import services as programs_services
from programs.forms.programs import CapacityForm
from programs.models import Enrollment
from sessions.selectors.onboarding import setup_for


def _own(request, pk: int) -> Enrollment:
    """The person's own enrollment, or 404 (someone else's is not found, as any hidden object)."""
    return get_object_or_404(
        Enrollment.objects.for_user(request.user).active().select_related("cohort__program"), pk=pk
    )


@login_required
def onboarding(request, pk):
    enrollment = _own(request, pk)
    setup = setup_for(request.user, enrollment)
    form = CapacityForm(initial={"capacity": enrollment.capacity_override})
    return render(request, "sessions/onboarding.html", {"setup": setup, "enrollment": enrollment, "form": form})


@login_required
@require_POST
def onboarding_skip(request, pk):
    programs_services.close_onboarding(enrollment=_own(request, pk))
    messages.info(request, "Setup skipped. You can resume it from your home page.")
    return redirect("home:index")


@login_required
@require_POST
def onboarding_resume(request, pk):
    enrollment = programs_services.reopen_onboarding(enrollment=_own(request, pk))
    return redirect("sessions:onboarding", pk=enrollment.pk)


@login_required
@require_POST
def onboarding_finish(request, pk):
    programs_services.close_onboarding(enrollment=_own(request, pk))
    messages.success(request, "Setup finished. Your next steps are on your home page.")
    return redirect("home:index")


@login_required
@require_POST
def onboarding_capacity(request, pk):
    enrollment = _own(request, pk)
    form = CapacityForm(request.POST)
    if not form.is_valid() or form.cleaned_data["capacity"] is None:
        messages.error(request, "A capacity is a whole number of mentees between 0 and 20.")
    else:
        try:
            programs_services.set_mentor_capacity(
                enrollment=enrollment, capacity=form.cleaned_data["capacity"], by=request.user
            )
            messages.success(request, "Capacity saved.")
        except ValidationError as exc:
            refuse(request, exc)
    return redirect("sessions:onboarding", pk=enrollment.pk)
