"""A program's reporting lines: the coordinator imports them from a CSV file, or removes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from programs.forms import ReportingLinesForm
from programs.services import reporting

from ._access import program_for


@login_required
def reporting_lines(request, slug):
    program = program_for(request, slug)
    form = ReportingLinesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        count = reporting.import_reporting_lines(program=program, lines=form.cleaned_data["file"])
        messages.success(request, f"{count} reporting line{'' if count == 1 else 's'} imported.")
        return redirect("programs:reporting_lines", slug=program.slug)
    imported = program.reporting_lines.aggregate(count=Count("pk"), imported_at=Max("imported_at"))
    return render(request, "programs/reporting_lines.html", {"program": program, "form": form, **imported})


@login_required
@require_POST
def reporting_lines_clear(request, slug):
    program = program_for(request, slug)
    removed = reporting.clear_reporting_lines(program=program)
    messages.success(request, f"{removed} imported reporting line{'' if removed == 1 else 's'} removed.")
    return redirect("programs:reporting_lines", slug=program.slug)
