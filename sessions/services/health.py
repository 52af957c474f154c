"""Each pair's stored health (PairHealth), kept up to date: the events that change a pair's signs recompute its row
(`refresh_pair_health`), and the minute scan recomputes the rows whose time has come (`refresh_due_health`: a day
has passed, or a meeting's time came) and those missing. The computation is the dashboard's own
(sessions.selectors.dashboard.pairs.computed_rows, through sessions.health), so stored and computed agree.

Midnight: every working pair's health changes with the date, so every such row expires at once. In the hour before,
the scan computes each one's health as of midnight beside the current one (`prepare_day_turn`); from midnight that
replaces it in one UPDATE (`promote_day_turn`: the scan's first step, and the dashboard's when it comes first), so
no page recomputes the cohort. An event's write clears the prepared health: the scan prepares it again, or the
row expires and is recomputed alone."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q, Value
from django.utils import timezone

from matching.models import Mentorship
from programs.figures import figures_changed
from programs.models import Cohort
from sessions.models import PairHealth
from sessions.selectors.dashboard.pairs import (
    NEXT,
    STORED,
    WHOLE_COHORT_FROM,
    PairRow,
    computed_rows,
    day_turn,
)

DUE_BATCH = 2000
DAY_TURN_LEAD = timedelta(hours=1)  # how long before midnight the scan starts preparing the next day's health
# What a row's next day may differ in: the health alone. Counts and dates change at a meeting's time, not at midnight.
SAME_AT_TURN = ["status", *(name for name in STORED if name not in ("status", "computed_at", "valid_until", "score",
                                                                    "level", "reasons"))]  # fmt: skip


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
        update_fields=STORED + NEXT,  # computed afresh: any next day's health prepared before is void
    )
    # What changed a pair's figures (an event, a new pair, a new status, a meeting's time) changes the cohort's.
    figures_changed(program_ids=[cohort.program_id])
    return len(rows)


def refresh_stale_health(*, cohort: Cohort, now: datetime | None = None) -> int:
    """What the dashboard calls before it filters and sorts the cohort's stored rows in the database: the rows
    missing, computed under another status or past their time are recomputed and stored first. One query when
    every row is fresh; when some are not, one UPDATE first takes in the next day's health the scan prepared (a
    visit in the seconds after midnight, before the scan ran), then ten more for those left, however many."""
    now = now or timezone.now()
    stale = Mentorship.objects.filter(cohort=cohort).filter(
        Q(stored_health__isnull=True) | ~Q(stored_health__status=F("status")) | Q(stored_health__valid_until__lte=now)
    )
    ids = list(stale.values_list("pk", flat=True))
    if ids and promote_day_turn(now, rows=PairHealth.objects.filter(mentorship__cohort=cohort)):
        ids = list(stale.values_list("pk", flat=True))  # midnight came before the scan: what is left after the turn
    return _store(cohort, ids, now) if ids else 0


def promote_day_turn(now: datetime, *, rows=None) -> int:
    """From midnight, the health prepared for the new day replaces the old one: one UPDATE, no computation."""
    rows = PairHealth.objects.all() if rows is None else rows
    return rows.filter(next_day_from__lte=now).update(
        computed_at=F("next_day_from"),
        valid_until=F("next_day_valid_until"),
        score=F("next_day_score"),
        level=F("next_day_level"),
        reasons=F("next_day_reasons"),
        next_day_from=None,
        next_day_valid_until=None,
        next_day_score=None,
        next_day_level=Value(""),
        next_day_reasons=Value([], output_field=PairHealth._meta.get_field("next_day_reasons")),
    )


def prepare_day_turn(now: datetime, *, limit: int = DUE_BATCH) -> int:
    """In the hour before midnight, the health of the rows that expire at midnight, computed as of midnight and kept
    beside the current one. A row is left to expire as before when anything but its health changes at midnight,
    or when an event rewrote it while this one computed (its write clears the prepared health, and wins)."""
    turn = day_turn(now)
    if turn - now > DAY_TURN_LEAD:
        return 0
    due = PairHealth.objects.filter(valid_until=turn, next_day_from__isnull=True)
    by_cohort = defaultdict(dict)
    for pk, cohort_id, computed_at in due.values_list("mentorship_id", "mentorship__cohort_id", "computed_at")[:limit]:
        by_cohort[cohort_id][pk] = computed_at
    prepared = 0
    for cohort in Cohort.objects.filter(pk__in=by_cohort):
        seen = by_cohort[cohort.pk]
        if len(seen) >= WHOLE_COHORT_FROM:  # the whole cohort is computed anyway: prepare all of its rows at once
            seen.update(due.filter(mentorship__cohort=cohort).values_list("mentorship_id", "computed_at"))
        rows = {row.pk: row for row in computed_rows(cohort, now=turn, ids=list(seen))}
        with transaction.atomic():
            current = PairHealth.objects.select_for_update().filter(mentorship_id__in=list(rows)).order_by("pk")
            ready = []
            for stored in current:
                row = rows[stored.pk]
                if (
                    stored.computed_at != seen[stored.pk]
                    or stored.valid_until != turn
                    or any(getattr(stored, name) != getattr(row, name) for name in SAME_AT_TURN)
                    or (row.valid_until is not None and row.valid_until <= turn)
                ):
                    continue
                stored.next_day_from, stored.next_day_valid_until = turn, row.valid_until
                stored.next_day_score, stored.next_day_level, stored.next_day_reasons = (
                    row.score,
                    row.level or "",
                    row.reasons,
                )
                ready.append(stored)
            PairHealth.objects.bulk_create(
                ready, update_conflicts=True, unique_fields=["mentorship"], update_fields=NEXT
            )
        prepared += len(ready)
    return prepared


def refresh_mentee_health(*, mentee_id: int, cohort_id: int, now: datetime | None = None) -> int:
    """A goal belongs to the mentee's enrolment: every pair of that mentee in the cohort shows it."""
    ids = Mentorship.objects.filter(mentee_id=mentee_id, cohort_id=cohort_id).values_list("pk", flat=True)
    return refresh_pair_health(mentorship_ids=list(ids), now=now)


def refresh_due_health(now: datetime | None = None, *, limit: int = DUE_BATCH) -> int:
    """The scan's part: from midnight the day's prepared health first, then rows whose time has come, computed under
    another status, or missing (an index each), then in the hour before midnight the next day's health."""
    now = now or timezone.now()
    promote_day_turn(now)
    due = list(PairHealth.objects.filter(valid_until__lte=now).values_list("mentorship_id", flat=True)[:limit])
    if len(due) < limit:
        due += Mentorship.objects.filter(
            Q(stored_health__isnull=True) | ~Q(stored_health__status=F("status"))
        ).values_list("pk", flat=True)[: limit - len(due)]
    refreshed = refresh_pair_health(mentorship_ids=due, now=now) if due else 0
    if refreshed < limit:
        prepare_day_turn(now, limit=limit - refreshed)
    return refreshed


def pair_changed(mentorship_id: int) -> None:
    """What a service calls after changing one of a pair's signs (a meeting, its agenda, a note, the agreement)."""
    refresh_pair_health(mentorship_ids=[mentorship_id])


def goals_changed(enrollment) -> None:
    """What a service calls after changing a mentee's goals or recording a check-in."""
    refresh_mentee_health(mentee_id=enrollment.user_id, cohort_id=enrollment.cohort_id)
