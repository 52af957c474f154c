"""A coordinator's programs: the list, creating and editing one, its page, and adding co-coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.accounts.second_factor import second_factor_required
from mentoring.web import refuse
from programs import services
from programs.forms import CoordinatorForm, ProgramForm
from programs.selectors.programs import program_list as programs_of
from programs.selectors.programs import program_page

from ._access import program_for


@login_required
@second_factor_required
def program_list(request):
    return render(request, "programs/program_list.html", {"programs": programs_of(request.user)})


@login_required
@second_factor_required
def program_create(request):
    if not request.user.is_coordinator:
        raise Http404("Only coordinators create programs.")
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = services.create_program(program=form.save(commit=False), created_by=request.user)
        messages.success(request, f"{program} is created. Add its first cohort.")
        return redirect(program)
    return render(request, "programs/program_form.html", {"form": form})


@login_required
def program_detail(request, slug):
    page = program_page(program_for(request, slug))
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": page.program,
            "cohorts": page.cohorts,
            "coordinators": page.coordinators,
            "coordinator_form": CoordinatorForm(),
        },
    )


@login_required
def program_edit(request, slug):
    program = program_for(request, slug)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        services.save_settings(form=form, by=request.user)
        messages.success(request, "The program is saved.")
        return redirect(program)
    return render(request, "programs/program_form.html", {"form": form, "program": program})


@login_required
@require_POST
def coordinator_add(request, slug):
    program = program_for(request, slug)
    form = CoordinatorForm(request.POST)
    if form.is_valid():
        try:
            person = services.add_coordinator(program=program, email=form.cleaned_data["email"], added_by=request.user)
            messages.success(request, f"{person} now coordinates {program}.")
        except ValidationError as exc:
            refuse(request, exc)
    else:
        messages.error(request, "Enter a valid e-mail address.")
    return redirect(program)
