"""Each pair's stored health (PairHealth), kept up to date: the events that change a pair's signs recompute its row
(`refresh_pair_health`), and the minute scan recomputes the rows whose time has come (`refresh_due_health`: a day
has passed, or a meeting's time came) and those missing. The computation is the dashboard's own
(sessions.selectors.dashboard.pairs.computed_rows, through sessions.health), so stored and computed agree."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Cohort
from sessions.models import PairHealth
from sessions.selectors.dashboard.pairs import STORED, PairRow, computed_rows

DUE_BATCH = 2000


def _stored(row: PairRow, now: datetime) -> PairHealth:
    values = {name: getattr(row, name) for name in STORED if name not in ("status", "computed_at", "level")}
    return PairHealth(mentorship_id=row.pk, status=row.status, computed_at=now, level=row.level or "", **values)


def refresh_pair_health(*, mentorship_ids: Iterable[int], now: datetime | None = None) -> int:
    """Recompute and store the health of these pairs: eight queries and one write per cohort they are in."""
    now = now or timezone.now()
    by_cohort = defaultdict(list)
    for pk, cohort_id in Mentorship.objects.filter(pk__in=list(mentorship_ids)).values_list("pk", "cohort_id"):
        by_cohort[cohort_id].append(pk)
    stored = 0
    for cohort in Cohort.objects.filter(pk__in=by_cohort):
        stored += _store(cohort, by_cohort[cohort.pk], now)
    return stored


def _store(cohort: Cohort, ids: list[int], now: datetime) -> int:
    rows = computed_rows(cohort, now=now, ids=ids)
    PairHealth.objects.bulk_create(
        [_stored(row, now) for row in sorted(rows, key=lambda row: row.pk)],  # one lock order for every writer
        update_conflicts=True,
        unique_fields=["mentorship"],
        update_fields=STORED,
    )
    return len(rows)


def refresh_stale_health(*, cohort: Cohort, now: datetime | None = None) -> int:
    """What the dashboard calls before it filters and sorts the cohort's stored rows in the database: the rows
    missing, computed under another status or past their time are recomputed and stored first. One query when
    every row is fresh, ten more when some are, however many (a new day makes every working pair's row due until
    the scan has caught up)."""
    now = now or timezone.now()
    stale = list(
        Mentorship.objects.filter(cohort=cohort)
        .filter(
            Q(stored_health__isnull=True)
            | ~Q(stored_health__status=F("status"))
            | Q(stored_health__valid_until__lte=now)
        )
        .values_list("pk", flat=True)
    )
    return _store(cohort, stale, now) if stale else 0


def refresh_mentee_health(*, mentee_id: int, cohort_id: int, now: datetime | None = None) -> int:
    """A goal belongs to the mentee's enrolment: every pair of that mentee in the cohort shows it."""
    ids = Mentorship.objects.filter(mentee_id=mentee_id, cohort_id=cohort_id).values_list("pk", flat=True)
    return refresh_pair_health(mentorship_ids=list(ids), now=now)


def refresh_due_health(now: datetime | None = None, *, limit: int = DUE_BATCH) -> int:
    """The scan's part: rows whose time has come, computed under another status, or missing (an index each)."""
    now = now or timezone.now()
    due = list(PairHealth.objects.filter(valid_until__lte=now).values_list("mentorship_id", flat=True)[:limit])
    if len(due) < limit:
        due += Mentorship.objects.filter(
            Q(stored_health__isnull=True) | ~Q(stored_health__status=F("status"))
        ).values_list("pk", flat=True)[: limit - len(due)]
    return refresh_pair_health(mentorship_ids=due, now=now) if due else 0


def pair_changed(mentorship_id: int) -> None:
    """What a service calls after changing one of a pair's signs (a meeting, its agenda, a note, the agreement)."""
    refresh_pair_health(mentorship_ids=[mentorship_id])


def goals_changed(enrollment) -> None:
    """What a service calls after changing a mentee's goals or recording a check-in."""
    refresh_mentee_health(mentee_id=enrollment.user_id, cohort_id=enrollment.cohort_id)
