"""The coordinator's people list: filtering, paging, exporting, and the changes made from it."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.web import csv_safe, refuse
from programs import services
from programs.forms import BackToPeopleForm, CapacityForm, EnrollmentFilterForm
from programs.models import Cohort
from programs.selectors.people import export_rows, people, people_page

from ._access import cohort_for, enrollment_for


@login_required
def enrollment_list(request, pk):
    cohort = cohort_for(request, pk)
    filters = EnrollmentFilterForm(request.GET or None)
    page = people_page(filters.filter(people(cohort)), request.GET.get("page"))
    return render(
        request,
        "programs/enrollment_list.html",
        {
            "cohort": cohort,
            "filters": filters,
            "page": page,
            "enrollments": page.object_list,
            "query": filters.querystring(),
            # What the list's forms carry through a change and back here (see BackToPeopleForm).
            "filters_query": filters.querystring(page=page.number if page.number > 1 else None),
        },
    )


@login_required
def enrollment_export(request, pk):
    cohort = cohort_for(request, pk)
    filters = EnrollmentFilterForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-enrollments.csv"'
    record(actor=request.user, action=Action.EXPORTED, target=cohort, program_id=cohort.program_id,
           changes={"list": "people"})  # fmt: skip
    writer = csv.writer(response)
    for row in export_rows(cohort, filters.filter(people(cohort))):
        writer.writerow([csv_safe(cell) for cell in row])
    return response


@login_required
@require_POST
def enrollment_withdraw(request, pk, enrollment_pk):
    cohort = cohort_for(request, pk)
    enrollment = enrollment_for(request, cohort, enrollment_pk)
    try:
        services.withdraw_enrollment(enrollment=enrollment, by=request.user)
        messages.success(request, f"{enrollment.user} is withdrawn from the cohort.")
    except ValidationError as exc:
        refuse(request, exc)
    return _back_to_people(request, cohort)


@login_required
@require_POST
def enrollment_capacity(request, pk, enrollment_pk):
    cohort = cohort_for(request, pk)
    enrollment = enrollment_for(request, cohort, enrollment_pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_mentor_capacity(enrollment=enrollment, capacity=form.cleaned_data["capacity"], by=request.user)
            capacity = enrollment.capacity
            messages.success(
                request, f"{enrollment.user} now takes up to {capacity} mentee{'' if capacity == 1 else 's'}."
            )
        except ValidationError as exc:
            refuse(request, exc)
    else:
        messages.error(request, "A capacity is a number between 0 and 20.")
    return _back_to_people(request, cohort)


def _back_to_people(request, cohort: Cohort):
    """Back to the people list with the filters and page the coordinator was on, as far as they are valid."""
    query = BackToPeopleForm(request.POST).query()
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    return redirect(f"{url}?{query}" if query else url)
