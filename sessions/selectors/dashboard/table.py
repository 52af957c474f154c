"""The pairs of a cohort as stored (PairHealth), filtered, sorted, counted and cut into pages by the database: the
dashboard fetches one page of rows, the triage queue's ten and the level counts, never the whole cohort. The CSV
export walks every row the filters keep in chunks, as plain tuples. Each pair's stored row must be fresh first
(sessions.services.health.refresh_stale_health): the filters and sorts read the stored columns."""

from collections.abc import Iterator

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat, Left, Lower, NullIf, StrIndex, Trim, TruncDate
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Cohort
from sessions.health import Level
from sessions.selectors.dashboard.pairs import FILTERS, SHOWN, SORTS, PairRow, stored_row

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
    """The pairs, those working together (active) and those at each level: one query."""
    return Mentorship.objects.filter(cohort=cohort).aggregate(
        pairs=Count("pk"),
        working=Count("pk", filter=Q(status=Mentorship.Status.ACTIVE)),
        **{key: Count("pk", filter=Q(stored_health__level=key)) for key in LEVELS},
    )


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


def rows(pairs: QuerySet, *, start: int = 0, stop: int | None = None) -> list[PairRow]:
    """The PairRows of pairs[start:stop], in one query: which pairs those are is settled on the sort keys and
    ids alone, and only their rows are read whole (names, reasons)."""
    here, labels = timezone.get_current_timezone(), dict(Mentorship.Status.choices)
    chosen = pairs.filter(pk__in=pairs.values("pk")[start:stop])
    return [stored_row(p, labels, here) for p in chosen.values(*FIELDS)]


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
