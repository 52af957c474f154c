"""The cohort health dashboard, its exports and printable report: for the program's coordinators only (anyone
else gets a 404). Counts, dates and scores; never what a pair wrote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from matching.models import Mentorship
from mentoring import kept
from mentoring.accounts.second_factor import second_factor_required
from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.web import refuse, streamed_csv
from programs.models import Cohort
from sessions import services
from sessions.forms import NudgeForm, PairFilterForm
from sessions.selectors.dashboard import pages
from sessions.selectors.safety import open_reports
from sessions.services.health import refresh_stale_health


@second_factor_required
def _cohort(request, pk) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


@login_required
def cohort_dashboard(request, pk):
    cohort = _cohort(request, pk)
    pairs_only = bool(request.htmx and request.htmx.target == "pairs")
    choices = PairFilterForm(request.GET).choices()
    refresh_stale_health(cohort=cohort)  # the table filters and sorts the stored rows
    page = request.GET.get("page")
    if pairs_only:
        context = pages.dashboard_page(cohort, choices=choices, page=page, pairs_only=True)
        context["pairs_only"] = True  # an in-place update also fills the page's live region, out of band
        return render(request, "sessions/_dashboard_pairs.html", context)

    def context():
        return {
            **pages.dashboard_page(cohort, choices=choices, page=page, pairs_only=False),
            "open_reports": open_reports(request.user, cohort=cohort),
            "pairs_only": False,
        }

    content = kept.draw(request, "sessions/_dashboard_page.html", context, scopes=[kept.program(cohort.program_id)])
    return render(request, "sessions/dashboard.html", {"content": content, "cohort": cohort})


@login_required
def pairs_csv(request, pk):
    """The pairs of the dashboard as its filters show them, as CSV; filters that don't hold go back unexported."""
    cohort = _cohort(request, pk)
    form = PairFilterForm(request.GET)
    if not form.is_valid():
        messages.error(request, "These filters can't be exported: choose them again on the dashboard.")
        return redirect("sessions:dashboard", cohort.pk)
    record(
        actor=request.user,
        action=Action.EXPORTED,
        target=cohort,
        program_id=cohort.program_id,
        changes={"list": "pairs"},
    )
    refresh_stale_health(cohort=cohort)
    rows = pages.pairs_csv_rows(cohort, choices=form.choices())
    return streamed_csv(rows, filename=f"cohort-{cohort.pk}-pairs.csv")


@login_required
@require_POST
@second_factor_required
def nudge(request, pk):
    """Nudge both sides of a pair in a cohort this coordinator runs; back to that cohort's triage queue."""
    mentorship = get_object_or_404(
        Mentorship.objects.filter(cohort__program__coordinators=request.user).select_related(
            "mentee", "mentor", "cohort__program"
        ),
        pk=pk,
    )
    back = redirect(f"{reverse('sessions:dashboard', args=[mentorship.cohort_id])}#triage")
    form = NudgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the nudge messages.")
        return back
    try:
        sent = services.nudge_pair(mentorship=mentorship, by=request.user, template=form.cleaned_data["template"])
    except ValidationError as exc:
        refuse(request, exc)
    else:
        who = f"{mentorship.mentee.display_name} and {mentorship.mentor.display_name}"
        if sent:
            messages.success(request, f"Nudge sent to {who}.")
        else:
            messages.info(request, f"{who} were already nudged today.")
    return back


@login_required
def report(request, pk):
    """The printable closing report: the cohort's figures, no names beyond the cohort's and program's."""
    cohort = _cohort(request, pk)
    refresh_stale_health(cohort=cohort)
    return render(request, "sessions/dashboard_report.html", pages.report_page(cohort))
