"""Applications: the program's public join page, the applicant's own application, and the coordinator's list,
review and decisions (one by one or in bulk) with the cohort's waiting list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs.forms import DecisionForm, JoinForm, JoinRoleForm
from programs.models import Application, Program, Role
from programs.selectors.applications import application_page, applications_page, join_page
from programs.services import applications as services

from ._access import cohort_for


def join(request, slug):
    """Anyone may read a program's join page; applying takes an account."""
    program = get_object_or_404(Program, slug=slug)
    role = JoinRoleForm(request.GET).chosen() or JoinRoleForm(request.POST).chosen()
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = join_page(program, request.user, role)
    form = None
    if role and request.user.is_authenticated and not page.problem:
        data = request.POST if request.method == "POST" else None
        form = JoinForm(data, cohorts=page.cohorts, questions=page.questions, stored=page.stored)
        if data is not None and form.is_valid():
            try:
                application = services.apply(
                    user=request.user,
                    cohort=form.cleaned_data["cohort"],
                    role=role,
                    note=form.cleaned_data["note"],
                    answers=form.answers(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Your application to {application.cohort} is sent.")
                return redirect(application)
    context = {"program": program, "page": page, "role": role, "form": form}
    return render(request, "programs/join.html", {**context, "role_label": Role(role).label.lower() if role else ""})


def _own(request, pk: int) -> Application:
    return get_object_or_404(Application.objects.for_user(request.user).select_related("cohort__program"), pk=pk)


@login_required
def application_detail(request, pk):
    page = application_page(_own(request, pk))
    return render(request, "programs/application_detail.html", {"page": page, "application": page.application})


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own(request, pk)
    try:
        services.withdraw_application(application=application, by=request.user)
        messages.success(request, "Your application is withdrawn.")
    except ValidationError as exc:
        refuse(request, exc)
    return redirect(application)


@login_required
def application_list(request, pk):
    page = applications_page(cohort_for(request, pk))
    return render(request, "programs/application_list.html", {"cohort": page.cohort, "page": page})


@login_required
def application_review(request, pk, application_pk):
    cohort = cohort_for(request, pk)
    application = get_object_or_404(cohort.applications.select_related("user", "cohort__program"), pk=application_pk)
    page = application_page(application)
    return render(request, "programs/application_review.html", {"cohort": cohort, "page": page})


@login_required
@require_POST
def application_decide(request, pk):
    cohort = cohort_for(request, pk)
    form = DecisionForm(request.POST, cohort=cohort)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("programs:application_list", pk=cohort.pk)
    try:
        decided = services.decide_applications(
            cohort=cohort,
            applications=list(form.cleaned_data["applications"]),
            approve=form.approve,
            message=form.cleaned_data["message"],
            by=request.user,
        )
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _decided_words(decided))
    return redirect("programs:application_list", pk=cohort.pk)


def _decided_words(decided: services.Decided) -> str:
    parts = [
        f"{len(people)} {words}"
        for people, words in (
            (decided.enrolled, "enrolled"),
            (decided.waiting, "on the waiting list"),
            (decided.declined, "declined"),
            (decided.skipped, "already decided or withdrawn, left as they were"),
        )
        if people
    ]
    return f"{', '.join(parts)}."
