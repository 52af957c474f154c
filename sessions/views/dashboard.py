"""The cohort health dashboard, its exports and printable report: for the program's coordinators only (anyone
else gets a 404). Counts, dates and scores; never what a pair wrote."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from matching.models import Mentorship
from mentoring.accounts.second_factor import second_factor_required
from programs.models import Cohort
from sessions import charts, dashboard
from sessions.dashboard.pairs import FILTERS, PairRow

PAIRS_PER_PAGE = 50
TRIAGE_SHOWN = 10
COLUMNS = [
    ("mentee", "Mentee"),
    ("mentor", "Mentor"),
    ("since", "Since"),
    ("meetings", "Meetings held"),
    ("last", "Last meeting"),
    ("agenda", "Agendas prepared"),
    ("goals", "Goals achieved"),
    ("status", "Status"),
    ("health", "Health"),
]


@second_factor_required
def _cohort(request, pk) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


def _choices(request) -> dict:
    health = request.GET.get("health", "")
    return {
        "health": health if health in FILTERS else "",
        "query": request.GET.get("q", "").strip()[:100],
        "sort": request.GET.get("sort", "health"),
    }


def _columns(request, sort: str) -> list[dict]:
    """Each column header's link: sorted by it ascending, or descending when it already is."""
    columns = []
    for key, label in COLUMNS:
        query = request.GET.copy()
        query.pop("page", None)
        current = sort.removeprefix("-") == key
        descending = sort.startswith("-")
        query["sort"] = f"-{key}" if current and not descending else key
        aria = ("descending" if descending else "ascending") if current else ""
        columns.append({"key": key, "label": label, "query": query.urlencode(), "aria_sort": aria})
    return columns


def _pairs_context(request, cohort: Cohort, rows: list[PairRow]) -> dict:
    choices = _choices(request)
    shown = dashboard.filter_and_sort(rows, **choices)
    page = Paginator(shown, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    levels = {key: sum(1 for r in rows if r.level == key) for key in ("at_risk", "watch", "on_track")}
    return {
        "cohort": cohort,
        "page": page,
        "pairs": page.object_list,
        "shown_count": len(shown),
        "choices": choices,
        "filter_options": [(value, label, levels.get(value)) for value, label in FILTERS.items()],
        "levels": levels,
        "columns": _columns(request, choices["sort"]),
        "query": query.urlencode(),
        "nudge_base": reverse("sessions:dashboard_nudge", args=[0]).removesuffix("0/nudge/"),
    }


@login_required
def cohort_dashboard(request, pk):
    cohort = _cohort(request, pk)
    rows = dashboard.pair_rows(cohort)
    context = _pairs_context(request, cohort, rows)
    if request.htmx and request.htmx.target == "pairs":
        return render(request, "sessions/_dashboard_pairs.html", context)
    weekly = dashboard.weekly(cohort)
    funnel = dashboard.funnel(cohort)
    history = dashboard.cohort_history(cohort)
    matching = dashboard.matching_quality(cohort)
    context.update(
        {
            "program": cohort.program,
            "phase": cohort.phase,
            "triage": dashboard.triage(rows)[:TRIAGE_SHOWN],
            "triage_count": context["levels"]["at_risk"],
            "nudges": dashboard.NUDGES,
            "totals": _totals(rows, weekly, history[-1]),
            "funnel": funnel,
            "funnel_chart": charts.hbar_chart(
                rows=[(s.label, [s.mentees, s.mentors]) for s in funnel], series=["Mentees", "Mentors"]
            ),
            "engagement": _engagement(weekly),
            "matching": matching,
            "load_chart": _load_chart(matching),
            "close_out": dashboard.close_out(cohort),
            "history": history,
        }
    )
    return render(request, "sessions/dashboard.html", context)


def _totals(rows: list[PairRow], weekly, figures) -> dict:
    return {
        "pairs": len(rows),
        "working": sum(1 for r in rows if r.status == Mentorship.Status.ACTIVE),
        "meetings_held": sum(weekly.values["held"]),
        "match_rate": figures.match_rate,
        "days_to_first_meeting": figures.days_to_first_meeting,
        "goal_attainment": figures.goal_attainment,
    }


def _engagement(weekly) -> list[dict]:
    labels = [f"{week:%-d %b}" for week in weekly.weeks]
    v = weekly.values

    def figure(key, title, description, chart, series):
        return {
            "id": key,
            "title": title,
            "description": description,
            "chart": chart(labels=labels, series=series),
            "headers": [name for name, _ in series],
            "table": [(label, [values[i] for _, values in series]) for i, label in enumerate(labels)],
        }

    return [
        figure(
            "meetings",
            "Meetings held per week",
            f"{sum(v['held'])} meetings held over {len(labels)} weeks.",
            charts.bar_chart,
            [("Meetings held", v["held"])],
        ),
        figure(
            "agendas",
            "Agendas prepared and reviewed in time, per week",
            f"Of the meetings that took place, {sum(v['prepared'])} had their agenda prepared in time and "
            f"{sum(v['reviewed'])} had it reviewed by the mentor beforehand.",
            charts.line_chart,
            [("Meetings held", v["held"]), ("Agenda prepared", v["prepared"]), ("Agenda reviewed", v["reviewed"])],
        ),
        figure(
            "goals",
            "Goals set, achieved and dropped per week",
            f"{sum(v['set'])} goals set, {sum(v['achieved'])} achieved (confirmed by a mentor), "
            f"{sum(v['dropped'])} dropped.",
            charts.bar_chart,
            [("Set", v["set"]), ("Achieved", v["achieved"]), ("Dropped", v["dropped"])],
        ),
    ]


LOAD_LABELS = {
    "idle": "No mentee yet",
    "room": "Has room",
    "full": "At capacity",
    "over": "Over capacity",
    "paused": "Paused",
}


def _load_chart(matching) -> charts.HBarChart:
    return charts.hbar_chart(
        rows=[(label, [matching.mentors[key]]) for key, label in LOAD_LABELS.items()],
        series=["Mentors"],
        label_width=110,
        width=340,
    )


def _safe(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _date(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d}" if value else ""


@login_required
def pairs_csv(request, pk):
    cohort = _cohort(request, pk)
    rows = dashboard.filter_and_sort(dashboard.pair_rows(cohort), **_choices(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-pairs.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["mentee", "mentor", "since", "status", "meetings held", "last meeting", "next meeting",
         "agendas prepared in time (%)", "goals set", "goals achieved", "goals dropped", "match score (%)",
         "health score", "health", "reasons"]
    )  # fmt: skip
    for r in rows:
        writer.writerow(
            [_safe(r.mentee), _safe(r.mentor), f"{r.since:%Y-%m-%d}" if r.since else "", r.status_label,
             r.meetings_held, _date(r.last_meeting), _date(r.next_meeting),
             "" if r.agenda_rate is None else r.agenda_rate, r.goals_set, r.goals_achieved, r.goals_dropped,
             "" if r.match_score is None else round(100 * r.match_score),
             "" if r.score is None else r.score, r.level.label if r.level else "",
             "; ".join(reason.text for reason in r.health.concerns) if r.health else ""]
        )  # fmt: skip
    return response


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
    try:
        sent = dashboard.nudge_pair(mentorship=mentorship, by=request.user, template=request.POST.get("template", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        who = f"{mentorship.mentee.display_name} and {mentorship.mentor.display_name}"
        if sent:
            messages.success(request, f"Nudge sent to {who}.")
        else:
            messages.info(request, f"{who} were already nudged today.")
    return redirect(f"{reverse('sessions:dashboard', args=[mentorship.cohort_id])}#triage")


@login_required
def report(request, pk):
    """The printable close-out report: the cohort's figures, no names beyond the cohort's and program's."""
    cohort = _cohort(request, pk)
    rows = dashboard.pair_rows(cohort)
    weekly = dashboard.weekly(cohort)
    history = dashboard.cohort_history(cohort)
    levels = {key: sum(1 for r in rows if r.level == key) for key in ("at_risk", "watch", "on_track")}
    return render(
        request,
        "sessions/dashboard_report.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "phase": cohort.phase,
            "generated_at": timezone.now(),
            "totals": _totals(rows, weekly, history[-1]),
            "levels": levels,
            "statuses": _status_counts(rows),
            "funnel": dashboard.funnel(cohort),
            "engagement": {key: sum(values) for key, values in weekly.values.items()},
            "matching": dashboard.matching_quality(cohort),
            "close_out": dashboard.close_out(cohort),
            "history": history,
        },
    )


def _status_counts(rows: list[PairRow]) -> list[tuple[str, int]]:
    counts = {}
    for r in rows:
        counts[r.status_label] = counts.get(r.status_label, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])
