"""The pairs of a cohort as stored (PairHealth), filtered, sorted, counted and cut into pages by the database: the
dashboard fetches one page of rows, the triage queue's ten and the level counts, never the whole cohort. The CSV
export walks every row the filters keep in chunks, as plain tuples. Each pair's stored row must be fresh first
(sessions.services.health.refresh_stale_health): the filters and sorts read the stored columns."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat, Left, Lower, NullIf, StrIndex, Trim, TruncDate
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext

from matching.models import Mentorship
from programs.models import Cohort
from sessions.health import Level
from sessions.selectors.dashboard.pairs import FILTERS, SHOWN, SORTS, PairRow, stored_row
from sessions.services.nudges import NUDGES

LEVELS = ("at_risk", "watch", "on_track")
WORKING = [Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED]
# The order the pairs come in before any sort, and what breaks a sort's ties (as a stable sort of it would).
BASE_ORDER = ("mentee__first_name", "mentee__last_name", "pk")
CSV_CHUNK = 2000


def _name(person: str):
    """mentoring.accounts.models.person_name in SQL: the full name, else the e-mail's local part."""
    full = Trim(Concat(f"{person}__first_name", Value(" "), f"{person}__last_name"))
    local = Left(f"{person}__email", StrIndex(f"{person}__email", Value("@")) - 1)
    return Coalesce(NullIf(full, Value("")), local)


def _sorts() -> dict[str, list[tuple]]:
    """Each of pairs.SORTS in SQL: [(expression, where a null goes as the Python key puts it), ...]; "low" sorts
    a null before every value, "high" after."""
    h = "stored_health__"
    labels = [When(status=value, then=Value(label)) for value, label in Mentorship.Status.choices]
    return {
        "mentee": [(Lower("mentee_name"), None)],
        "mentor": [(Lower("mentor_name"), None)],
        "since": [(TruncDate("started", tzinfo=timezone.get_current_timezone()), None)],
        "meetings": [(F(f"{h}meetings_held"), None)],
        "last": [(F(f"{h}last_meeting"), "low")],
        "agenda": [(F(f"{h}agenda_rate"), "low")],
        "goals": [(F(f"{h}goals_achieved"), None), (F(f"{h}goals_set"), None)],
        "status": [(Case(*labels, default="status"), None)],
        "health": [(F(f"{h}score"), "high")],
    }


def _order(expression, nulls: str | None, *, descending: bool):
    first = (nulls == "low") != descending if nulls else None
    if descending:
        return expression.desc(nulls_first=first or None, nulls_last=(first is False) or None)
    return expression.asc(nulls_first=first or None, nulls_last=(first is False) or None)


def cohort_pairs(cohort: Cohort) -> QuerySet:
    """The cohort's pairs with the date they began, ready to filter and sort."""
    return Mentorship.objects.filter(cohort=cohort).annotate(started=Coalesce("started_at", "created_at"))


def _names(pairs: QuerySet, *people: str) -> QuerySet:
    """The names as shown, for a filter or a sort: each joins every pair's person, so only those asked for."""
    return pairs.alias(**{f"{person}_name": _name(person) for person in people})


def filter_and_sort(pairs: QuerySet, *, health: str = "", query: str = "", sort: str = "health") -> QuerySet:
    """pairs.filter_and_sort in the database, with the same results in the same order."""
    if health == "ended":
        pairs = pairs.exclude(status__in=WORKING)
    elif health in FILTERS and health:
        pairs = pairs.filter(stored_health__level=health)
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, sort = "health", "health"
    if query:
        pairs = _names(pairs, "mentee", "mentor")
        pairs = pairs.filter(Q(mentee_name__icontains=query) | Q(mentor_name__icontains=query))
    elif key in ("mentee", "mentor"):
        pairs = _names(pairs, key)
    descending = sort.startswith("-")
    order = [_order(expression, nulls, descending=descending) for expression, nulls in _sorts()[key]]
    return pairs.order_by(*order, *BASE_ORDER)


def at_risk(pairs: QuerySet) -> QuerySet:
    """pairs.triage in the database: the at-risk pairs, the worst first."""
    return (
        _names(pairs, "mentee")
        .filter(stored_health__level=Level.AT_RISK)
        .order_by("stored_health__score", Lower("mentee_name"), *BASE_ORDER)
    )


def counts(cohort: Cohort) -> dict[str, int]:
    """The pairs, those working together (active), those at each level and those ended: one query."""
    return Mentorship.objects.filter(cohort=cohort).aggregate(
        pairs=Count("pk"),
        working=Count("pk", filter=Q(status=Mentorship.Status.ACTIVE)),
        ended=Count("pk", filter=~Q(status__in=WORKING)),
        **{key: Count("pk", filter=Q(stored_health__level=key)) for key in LEVELS},
    )


def shown_count(numbers: dict[str, int], *, health: str = "", query: str = "", sort: str = "") -> int | None:
    """How many pairs filter_and_sort keeps, from the cohort's counts: none when a name search needs a count of
    its own."""
    if query:
        return None
    if health == "ended" or health in LEVELS:
        return numbers[health]
    return numbers["pairs"]


def status_counts(cohort: Cohort) -> list[tuple[str, int]]:
    """How many pairs are in each status, the most common first: one query."""
    labels = dict(Mentorship.Status.choices)
    rows = (
        Mentorship.objects.filter(cohort=cohort)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return sorted(((labels.get(status, status), n) for status, n in rows), key=lambda pair: (-pair[1], pair[0]))


FIELDS = (
    "pk", "status", "match_score", "mentee_id", "mentor_id", "started",
    "mentee__first_name", "mentee__last_name", "mentee__email",
    "mentor__first_name", "mentor__last_name", "mentor__email",
    *(f"stored_health__{name}" for name in SHOWN),
)  # fmt: skip


def ids(pairs: QuerySet, *, start: int = 0, stop: int | None = None) -> list[int]:
    """The pks of pairs[start:stop] in their order: settled on the sort keys and ids alone, the rows are read
    whole afterwards (read) for these pairs only."""
    return list(pairs.values_list("pk", flat=True)[start:stop])


def read(pairs: QuerySet, chosen: list[int]) -> dict[int, dict]:
    """The FIELDS of the pairs `chosen` among `pairs`, by pk: one query for any number of lists of them (the
    page and the triage queue), with nothing to sort and no filter to build but the ids."""
    return {p["pk"]: p for p in pairs.filter(pk__in=chosen).order_by().values(*FIELDS)}


def rows_of(found: dict[int, dict], chosen: list[int], *, kind: type[PairRow] = PairRow) -> list:
    """The PairRows (or a `kind` of them) of `chosen`, in that order, from what `read` found of them."""
    here, labels = timezone.get_current_timezone(), dict(Mentorship.Status.choices)
    return [stored_row(found[pk], labels, here, kind=kind) for pk in chosen if pk in found]


def rows(pairs: QuerySet, *, start: int = 0, stop: int | None = None) -> list[PairRow]:
    """The PairRows of pairs[start:stop], in two queries (ids, then read)."""
    chosen = ids(pairs, start=start, stop=stop)
    return rows_of(read(pairs, chosen), chosen)


BADGES = {Level.AT_RISK: "text-bg-danger", Level.WATCH: "text-bg-warning"}
SUMMARY_CHARS = 60
NONE_SHOWN = "—"


@lru_cache(maxsize=2048)
def _day_shown(day: date, form: str, language: str) -> str:
    """`{{ day|date:form }}` in `language`, the active one: a cohort's dates fall on a few hundred days, each
    formatted once per process and language (Django's date formatting costs some 50 µs a date)."""
    return formats.date_format(day, form)


def _health_text(row: PairRow) -> str:
    return f"{row.score} · {row.level.label if row.level else ''}"


@dataclass
class TableRow(PairRow):
    """A pair as a row of the dashboard's pairs table, with each cell's text settled once (with_cells), so that
    the template only places them: fifty rows of template lookups, date and number formatting, truncation and
    tests cost more than the page's queries. The figures stay as PairRow has them (the sorts read them)."""

    since_shown: str = ""
    last_shown: str = ""
    meetings_shown: str = ""
    agenda_shown: str = ""
    goals_shown: str = ""
    badge: str = ""  # the health badge's colour; none for a pair without health
    badge_text: str = ""
    summary: str = ""  # what the disclosure of the reasons says while it is closed
    reason_lines: list[tuple[str, str]] = field(default_factory=list)  # (what a screen reader hears first, text)

    def with_cells(self, *, here, language: str, ellipsis: str) -> "TableRow":
        """The cells as the template showed them from the figures: dates as `|date:"j M Y"|default:"—"` in the
        time zone `here`, the summary as `|truncatechars:60` with `ellipsis` (Django's truncation text, looked
        up once for all the rows: a translation lookup costs some 13 µs, and truncatechars makes two)."""
        since, last = self.since, self.last_meeting
        self.since_shown = _day_shown(since, "j M Y", language) if since else NONE_SHOWN
        self.last_shown = _day_shown(last.astimezone(here).date(), "j M Y", language) if last else NONE_SHOWN
        self.meetings_shown = str(self.meetings_held)
        self.agenda_shown = NONE_SHOWN if self.agenda_rate is None else f"{self.agenda_rate}%"
        self.goals_shown = self.goals_progress or NONE_SHOWN
        health = self.health
        if health is not None:
            self.badge = BADGES.get(health.level, "text-bg-success")
            self.badge_text = _health_text(self)
            if health.reasons:
                self.summary = Truncator(health.summary or "Why this score").chars(SUMMARY_CHARS, ellipsis)
                self.reason_lines = [
                    ("Going well: " if r.is_good else f"Concern, minus {r.points}: ", r.text) for r in health.reasons
                ]
        return self


@dataclass
class TriageRow(PairRow):
    """A pair of the triage queue with what its entry says settled once, as TableRow does for the table."""

    meetings_shown: str = ""
    last_shown: str = ""  # the last meeting's day, as `|date:"j M"`
    badge_text: str = ""
    concerns_shown: str = ""  # the concerns' texts, one after the other
    nudge_options: list[tuple[str, str, bool]] = field(default_factory=list)  # (nudge, its label, chosen)

    def with_cells(self, *, here, language: str) -> "TriageRow":
        last, nudge = self.last_meeting, self.nudge
        self.meetings_shown = str(self.meetings_held)
        self.last_shown = _day_shown(last.astimezone(here).date(), "j M", language) if last else ""
        self.badge_text = _health_text(self)
        self.concerns_shown = " · ".join(reason.text for reason in self.health.concerns) if self.health else ""
        self.nudge_options = [(key, message[0], key == nudge) for key, message in NUDGES.items()]
        return self


def table_rows(found: dict[int, dict], chosen: list[int]) -> list[TableRow]:
    """rows_of() as TableRows, each with its cells' text."""
    cells = {
        "here": timezone.get_current_timezone(),
        "language": get_language(),
        "ellipsis": pgettext("String to return when truncating text", "%(truncated_text)s…"),  # as Truncator
    }
    return [row.with_cells(**cells) for row in rows_of(found, chosen, kind=TableRow)]


def triage_rows(found: dict[int, dict], chosen: list[int]) -> list[TriageRow]:
    """rows_of() as TriageRows, each with what its entry says."""
    here, language = timezone.get_current_timezone(), get_language()
    return [row.with_cells(here=here, language=language) for row in rows_of(found, chosen, kind=TriageRow)]


CSV_FIELDS = (
    "mentee__first_name", "mentee__last_name", "mentee__email",
    "mentor__first_name", "mentor__last_name", "mentor__email",
    "since_on", "status", "stored_health__meetings_held", "last_on", "next_on", "stored_health__agenda_rate",
    "stored_health__goals_set", "stored_health__goals_achieved", "stored_health__goals_dropped", "match_score",
    "stored_health__score", "stored_health__level", "stored_health__reasons",
)  # fmt: skip


def csv_values(pairs: QuerySet) -> Iterator[tuple]:
    """Every pair's figures for the CSV export as tuples of CSV_FIELDS, fetched in chunks: the dates come as local
    dates from the database, so that ten thousand rows cost no Python time zone work (no PairRow either)."""
    here = timezone.get_current_timezone()
    return (
        pairs.annotate(
            since_on=TruncDate("started", tzinfo=here),
            last_on=TruncDate("stored_health__last_meeting", tzinfo=here),
            next_on=TruncDate("stored_health__next_meeting", tzinfo=here),
        )
        .values_list(*CSV_FIELDS)
        .iterator(chunk_size=CSV_CHUNK)
    )
