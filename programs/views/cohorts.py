"""A coordinator's cohorts: creating and editing one, its page, and its orientation checklist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from programs import services
from programs.forms import CloneCohortForm, CohortForm, OrientationItemForm
from programs.models import Enrollment, OrientationItem
from programs.selectors.cohorts import cohort_page
from programs.services.applications import fill_seats
from programs.services.cohorts import clone_cohort

from ._access import cohort_for, program_for


@login_required
def cohort_create(request, slug):
    program = program_for(request, slug)
    form = CohortForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        cohort = services.save_settings(form=form, by=request.user)
        # A span warning, if any, stands on the cohort page itself.
        messages.success(request, f"{cohort.name} is created.")
        return redirect(cohort)
    return render(request, "programs/cohort_form.html", {"form": form, "program": program})


@login_required
def cohort_edit(request, pk):
    cohort = cohort_for(request, pk)
    form = CohortForm(request.POST or None, instance=cohort, program=cohort.program)
    if request.method == "POST" and form.is_valid():
        cohort = services.save_settings(form=form, by=request.user)
        enrolled = fill_seats(cohort=cohort)  # more seats: the waiting list moves up
        messages.success(request, f"The cohort is saved.{_enrolled_words(enrolled)}")
        return redirect(cohort)
    return render(request, "programs/cohort_form.html", {"form": form, "program": cohort.program, "cohort": cohort})


def _enrolled_words(enrolled: list) -> str:
    n = len(enrolled)
    return (
        f" {n} {'person' if n == 1 else 'people'} from the waiting list {'is' if n == 1 else 'are'} now enrolled."
        if n
        else ""
    )


def _cloned_words(cloned, source) -> str:
    steps = cloned.orientation_steps
    copied = f"its settings and {steps} orientation step{'' if steps == 1 else 's'}"
    if cloned.cohort.program_id != source.program_id:
        copied += f", {cloned.questions} question(s), {cloned.rules} matching rule(s)"
        copied += f" and {cloned.resources} resource(s)"
    if cloned.surveys:
        copied += f", {cloned.surveys} survey(s)"
    return f"{cloned.cohort.name} is created from {source.name}, with {copied}."


@login_required
def cohort_clone(request, pk):
    source = cohort_for(request, pk)
    form = CloneCohortForm(request.POST or None, source=source, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cloned = clone_cohort(source=source, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _cloned_words(cloned, source))
            return redirect(cloned.cohort)
    return render(request, "programs/cohort_clone.html", {"form": form, "source": source, "program": source.program})


@login_required
def cohort_detail(request, pk):
    cohort = cohort_for(request, pk)
    return render(
        request,
        "programs/cohort_detail.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "page": cohort_page(cohort),
            "statuses": Enrollment.Status.choices,
            "orientation_form": OrientationItemForm(program=cohort.program),
        },
    )


@login_required
@require_POST
def orientation_item_add(request, pk):
    cohort = cohort_for(request, pk)
    form = OrientationItemForm(request.POST, program=cohort.program)
    if form.is_valid():
        try:
            services.add_orientation_item(cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The step is added to the checklist.")
    elif "resource" in form.errors:
        messages.error(request, "Choose a guide or file of this program.")
    else:
        messages.error(request, "A step needs a role and a title.")
    return redirect(cohort)


@login_required
@require_POST
def orientation_item_delete(request, pk, item_pk):
    cohort = cohort_for(request, pk)
    item = get_object_or_404(OrientationItem, pk=item_pk, cohort=cohort)
    services.remove_orientation_item(item=item)
    messages.success(request, "The step is removed.")
    return redirect(cohort)
