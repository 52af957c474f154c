"""The dashboard's pages put together: the cohort health page (or just its pairs table, for htmx), the printable
report and the pairs CSV. Charts are drawn here from the figures, so the views only render."""

from collections.abc import Iterator
from functools import cached_property, partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone

from matching.models import Mentorship
from mentoring.web import csv_safe, person_name
from programs.models import Cohort
from programs.selectors.surveys import cohort_survey_results
from sessions import charts
from sessions.health import Level
from sessions.selectors.dashboard import table
from sessions.selectors.dashboard.figures import CohortFigures, Matching, Series, Stage
from sessions.selectors.dashboard.pairs import FILTERS, mark_nudged
from sessions.selectors.dashboard.snapshot import cohort_figures
from sessions.selectors.dashboard.table import LEVELS

PAIRS_PER_PAGE = 50
TRIAGE_SHOWN = 10
DEFAULT_SORT = "health"
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
LOAD_LABELS = {
    "idle": "No mentee yet",
    "room": "Has room",
    "full": "At capacity",
    "over": "Over capacity",
    "paused": "Paused",
}


def _query(*, health: str, query: str, sort: str) -> dict[str, str]:
    """The filters as they go back into links: only those that differ from the defaults."""
    shown = {"health": health, "q": query, "sort": "" if sort == DEFAULT_SORT else sort}
    return {key: value for key, value in shown.items() if value}


def _columns(choices: dict) -> list[dict]:
    """Each column header's link: sorted by it ascending, or descending when it already is."""
    sort = choices["sort"]
    descending = sort.startswith("-")
    columns = []
    for key, label in COLUMNS:
        current = sort.removeprefix("-") == key
        query = {**_query(**choices), "sort": f"-{key}" if current and not descending else key}
        aria = ("descending" if descending else "ascending") if current else ""
        arrow = ("▼" if descending else "▲") if current else ""
        columns.append({"key": key, "label": label, "query": urlencode(query), "aria_sort": aria, "arrow": arrow})
    return columns


class _Counted(Paginator):
    """A Paginator told how many pairs it pages (from table.counts) where the counts say, so that it does not
    count them again."""

    def __init__(self, object_list, per_page, *, count: int | None):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return super().count if self.known_count is None else self.known_count


def pairs_table(cohort: Cohort, numbers: dict[str, int], *, choices: dict, page: str | None, triage: int = 0) -> dict:
    """The pairs table: filtered, sorted and cut into pages by the database, which sends the page's rows alone;
    `choices` holds health, query and sort, `numbers` the cohort's counts (table.counts). With `triage`, also the
    first that many pairs of the triage queue, read with the page's rows (one query for both)."""
    pairs = table.cohort_pairs(cohort)
    shown = table.filter_and_sort(pairs, **choices)
    current = _Counted(shown, PAIRS_PER_PAGE, count=table.shown_count(numbers, **choices)).get_page(page)
    first = (current.number - 1) * PAIRS_PER_PAGE
    chosen = table.ids(shown, start=first, stop=first + PAIRS_PER_PAGE)
    queue = table.ids(table.at_risk(pairs), stop=triage) if triage else []
    found = table.read(pairs, [*chosen, *queue])
    current.object_list = table.table_rows(found, chosen)
    levels = _levels(numbers)
    context = {
        "cohort": cohort,
        "page": current,
        "pairs": current.object_list,
        "shown_count": current.paginator.count,
        "choices": choices,
        "filter_options": [(value, label, levels.get(value)) for value, label in FILTERS.items()],
        "levels": levels,
        "columns": _columns(choices),
        "query": urlencode(_query(**choices)),
    }
    if triage:
        context["triage"] = mark_nudged(table.triage_rows(found, queue))
    return context


def _levels(numbers: dict[str, int]) -> dict[str, int]:
    return {key: numbers[key] for key in LEVELS}


def dashboard_page(cohort: Cohort, *, choices: dict, page: str | None, pairs_only: bool = False) -> dict:
    """The whole dashboard, or only the pairs table when `pairs_only` (an htmx filter, sort or page). The stored
    rows must be fresh (sessions.services.health.refresh_stale_health)."""
    numbers = table.counts(cohort)
    context = pairs_table(cohort, numbers, choices=choices, page=page, triage=0 if pairs_only else TRIAGE_SHOWN)
    if pairs_only:
        return context
    now = timezone.now()
    figures = cohort_figures(cohort, now=now)
    series, stages, history, matching = figures.series, figures.funnel, figures.history, figures.matching
    # The charts are drawn in fragments kept as long as the figures (figures_key): built only when one is drawn,
    # as the template calls a callable it is given.
    return {
        **context,
        "program": cohort.program,
        "phase": cohort.phase,
        "triage_count": numbers["at_risk"],
        "totals": _totals(numbers, series, history[-1]),
        "funnel": stages,
        "funnel_chart": partial(_funnel_chart, stages),
        "engagement": partial(_engagement, series),
        "matching": matching,
        "load_chart": partial(_load_chart, matching),
        "closing": figures.closing,
        "surveys": cohort_survey_results(cohort),
        "history": history,
        "figures_as_of": figures.computed_at,
        "figures_key": figures.key,
        "figures_ttl": max(1, int((figures.valid_until - now).total_seconds())),
    }


def report_page(cohort: Cohort) -> dict:
    """The printable closing report: the cohort's figures, no names beyond the cohort's and program's. The stored
    rows must be fresh (sessions.services.health.refresh_stale_health)."""
    numbers = table.counts(cohort)
    figures = cohort_figures(cohort)
    series, history = figures.series, figures.history
    return {
        "cohort": cohort,
        "program": cohort.program,
        "phase": cohort.phase,
        "generated_at": timezone.now(),
        "totals": _totals(numbers, series, history[-1]),
        "levels": _levels(numbers),
        "statuses": table.status_counts(cohort),
        "funnel": figures.funnel,
        "engagement": {key: sum(values) for key, values in series.values.items()},
        "matching": figures.matching,
        "closing": figures.closing,
        "surveys": cohort_survey_results(cohort),
        "history": history,
        "figures_as_of": figures.computed_at,
    }


CSV_HEADER = [
    "mentee", "mentor", "since", "status", "meetings held", "last meeting", "next meeting",
    "agendas prepared in time (%)", "goals set", "goals achieved", "goals dropped", "match score (%)",
    "health score", "health", "reasons",
]  # fmt: skip


def pairs_csv_rows(cohort: Cohort, *, choices: dict) -> Iterator[list]:
    """The header, then one row per pair the filters keep, read in chunks as they are written out; every cell
    spreadsheet-safe (the text ones through csv_safe: numbers, dates and our labels can't start a formula). The
    stored rows must be fresh (sessions.services.health.refresh_stale_health)."""
    yield CSV_HEADER
    statuses, levels = dict(Mentorship.Status.choices), {level.value: level.label for level in Level}
    for (
        *mentee, mentor_first, mentor_last, mentor_email, since, status, held, last, upcoming, agenda,
        goals_set, achieved, dropped, match, score, level, reasons,
    ) in table.csv_values(table.filter_and_sort(table.cohort_pairs(cohort), **choices)):  # fmt: skip
        yield [
            csv_safe(person_name(*mentee)), csv_safe(person_name(mentor_first, mentor_last, mentor_email)),
            _day(since), statuses.get(status, status), held, _day(last), _day(upcoming), _blank(agenda),
            goals_set, achieved, dropped, "" if match is None else round(100 * match), _blank(score),
            levels.get(level, ""), csv_safe("; ".join(text for text, points, _ in reasons if points)),
        ]  # fmt: skip


def _day(value) -> str:
    return value.isoformat() if value else ""


def _blank(value):
    return "" if value is None else value


def _totals(numbers: dict[str, int], series: Series, figures: CohortFigures) -> dict:
    return {
        "pairs": numbers["pairs"],
        "working": numbers["working"],
        "meetings_held": sum(series.values["held"]),
        "match_rate": figures.match_rate,
        "days_to_first_meeting": figures.days_to_first_meeting,
        "goal_attainment": figures.goal_attainment,
    }


def _engagement(series: Series) -> list[dict]:
    labels = [f"{week:%-d %b}" for week in series.weeks]
    v = series.values

    def figure(key, title, description, chart, lines):
        return {
            "id": key,
            "title": title,
            "description": description,
            "chart": chart(labels=labels, series=lines),
            "headers": [name for name, _ in lines],
            "table": [(label, [values[i] for _, values in lines]) for i, label in enumerate(labels)],
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


def _funnel_chart(stages: list[Stage]) -> charts.HBarChart:
    return charts.hbar_chart(rows=[(s.label, [s.mentees, s.mentors]) for s in stages], series=["Mentees", "Mentors"])


def _load_chart(matching: Matching) -> charts.HBarChart:
    return charts.hbar_chart(
        rows=[(label, [matching.mentors[key]]) for key, label in LOAD_LABELS.items()],
        series=["Mentors"],
        label_width=110,
        width=340,
    )
