"""Safety reports: either side of a pair reports a concern; the program's coordinators read it and act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.accounts.second_factor import second_factor_required
from mentoring.web import refuse
from sessions import services
from sessions.forms import ReportActionForm, SafetyReportForm
from sessions.models import SafetyReport
from sessions.selectors.safety import report_for_coordinator
from sessions.views._access import pair_for

ACTIONS = {
    "pause": (services.pause_reported_mentor, "The mentor is paused: mentees cannot send them new requests."),
    "end": (services.end_reported_pair, "The pair has ended; both sides were told in neutral words."),
    "close": (services.close_report, "The report is closed."),
}


@login_required
def report_concern(request, pk):
    mentorship = pair_for(request, pk)
    form = SafetyReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_concern(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Thank you for telling us. The program's coordinators will be in touch.")
            return redirect("sessions:mentorship_list" if report.ended_pair else mentorship.get_absolute_url())
    return render(request, "sessions/safetyreport_form.html", {"form": form, "mentorship": mentorship})


@second_factor_required
def _report(request, pk) -> SafetyReport:
    report = report_for_coordinator(request.user, pk)
    if report is None:
        raise Http404("No such report.")
    return report


@login_required
def safety_report(request, pk):
    report = _report(request, pk)
    return render(request, "sessions/safetyreport_detail.html", {"report": report})


@require_POST
@login_required
def safety_report_act(request, pk):
    report = _report(request, pk)
    form = ReportActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the actions.")
        return redirect(report)
    service, done = ACTIONS[form.cleaned_data["action"]]
    try:
        service(report=report, by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, done)
    return redirect(report)
