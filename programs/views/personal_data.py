"""A participant's data request, answered by their program's coordinator: the download or the deletion, audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.privacy import services
from mentoring.privacy.forms import OnRequestForm
from mentoring.privacy.views import zip_response
from mentoring.web import refuse

from ._access import cohort_for, enrollment_for


def _page(request, enrollment, form=None, *, erase_form=None):
    context = {
        "cohort": enrollment.cohort,
        "enrollment": enrollment,
        "download_form": form or OnRequestForm(prefix="download"),
        "erase_form": erase_form or OnRequestForm(prefix="erase"),
    }
    return render(request, "programs/enrollment_data.html", context)


@login_required
def participant_data(request, pk, enrollment_pk):
    enrollment = enrollment_for(request, cohort_for(request, pk), enrollment_pk)
    return _page(request, enrollment)


@login_required
@require_POST
def participant_data_download(request, pk, enrollment_pk):
    enrollment = enrollment_for(request, cohort_for(request, pk), enrollment_pk)
    form = OnRequestForm(request.POST, prefix="download")
    if not form.is_valid():
        return _page(request, enrollment, form)
    person = enrollment.user
    content = services.personal_data_zip(
        user=person, by=request.user, program_id=enrollment.cohort.program_id, reason=form.cleaned_data["reason"]
    )
    return zip_response(content, person)


@login_required
@require_POST
def participant_erase(request, pk, enrollment_pk):
    cohort = cohort_for(request, pk)
    enrollment = enrollment_for(request, cohort, enrollment_pk)
    form = OnRequestForm(request.POST, prefix="erase")
    if not form.is_valid():
        return _page(request, enrollment, erase_form=form)
    try:
        services.erase_account(
            user=enrollment.user, by=request.user, program_id=cohort.program_id, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        refuse(request, exc)
        return redirect("programs:participant_data", cohort.pk, enrollment.pk)
    messages.success(request, "The account is deleted; what the person shared with their partners is kept, unsigned.")
    return redirect("programs:enrollment_list", cohort.pk)
