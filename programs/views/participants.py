"""A participant's pages: the programs they take part in, and their orientation checklist."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs import services
from programs.forms import OrientationCheckForm
from programs.models import Enrollment, OrientationItem
from programs.selectors import participants


@login_required
def my_programs(request):
    page = participants.my_programs(request.user)
    return render(request, "programs/enrollment_my_programs.html", {"rows": page.rows, "coordinated": page.coordinated})


@login_required
def orientation(request, pk):
    # A finished or ended enrollment keeps its checklist to look back at (My programs links to it), read-only.
    enrollment = get_object_or_404(
        Enrollment.objects.for_user(request.user).current().select_related("cohort__program"), pk=pk
    )
    checklist = participants.orientation_checklist(enrollment)
    editable = enrollment.is_active and not enrollment.cohort.phase.is_ended
    return render(
        request,
        "programs/orientation_checklist.html",
        {"enrollment": enrollment, "items": checklist.items, "editable": editable},
    )


@login_required
@require_POST
def orientation_check(request, pk, item_pk):
    enrollment = get_object_or_404(Enrollment.objects.for_user(request.user).active(), pk=pk)
    item = get_object_or_404(OrientationItem, pk=item_pk, cohort=enrollment.cohort_id, role=enrollment.role)
    form = OrientationCheckForm(request.POST)
    if form.is_valid():  # always: "done" is a tick or its absence
        try:
            services.check_orientation_item(enrollment=enrollment, item=item, done=form.cleaned_data["done"])
        except ValidationError as exc:
            refuse(request, exc)
    return redirect("programs:orientation", pk=enrollment.pk)
