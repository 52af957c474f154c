"""A program's audit log, for its coordinators."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from programs.selectors.audit import audit_page

from ._access import program_for


@login_required
def audit_log(request, slug):
    program = program_for(request, slug)
    page = audit_page(program, data=request.GET, number=request.GET.get("page"))
    return render(request, "programs/audit_log.html", {"audit": page, "program": program})
