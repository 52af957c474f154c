"""The cohort's whole-cohort figures (funnel, weekly series, matching quality, closing, cohort over cohort) computed
once and kept in the cache until they no longer hold, so that a dashboard visit of a large cohort does not
aggregate every enrollment, pair, meeting and goal again.

They no longer hold when the program's figures version changes (programs.figures: the writes that change them
replace it, sessions.freshness lists them), at the next local midnight (the weeks and the phase move with the date),
when the cohort's next meeting time comes (a meeting that was ahead becomes one whose agenda was due), and at the
latest FIGURES_TTL after they were computed: the page says when that was ("as of").
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from programs.figures import figures_version
from programs.models import Cohort
from sessions.models import Meeting
from sessions.selectors.dashboard.figures import (
    CohortFigures,
    Matching,
    Series,
    Stage,
    closing,
    cohort_history,
    funnel,
    matching_quality,
    weekly,
)
from sessions.selectors.dashboard.pairs import day_turn

FIGURES_TTL = timedelta(minutes=10)


@dataclass
class Figures:
    funnel: list[Stage]
    series: Series
    matching: Matching
    history: list[CohortFigures]
    closing: dict | None
    computed_at: datetime
    valid_until: datetime
    key: str = ""  # which kept figures these are: the same key, the same figures (for markup drawn from them)


def computed_figures(cohort: Cohort, *, now: datetime | None = None) -> Figures:
    """The figures afresh, and until when they hold with time alone."""
    now = now or timezone.now()
    next_meeting = Meeting.objects.filter(
        mentorship__cohort=cohort,
        status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD],
        starts_at__gte=now,
    ).aggregate(at=Min("starts_at"))["at"]
    changes = [now + FIGURES_TTL, day_turn(now), next_meeting]
    return Figures(
        funnel=funnel(cohort),
        series=weekly(cohort, now=now),
        matching=matching_quality(cohort),
        history=cohort_history(cohort),
        closing=closing(cohort),
        computed_at=now,
        valid_until=min(when for when in changes if when),
    )


def _key(cohort: Cohort, version: str) -> str:
    # The weeks and days are the visitor's local ones: one copy per time zone.
    return f"dashboard-figures:{cohort.pk}:{version}:{timezone.get_current_timezone_name()}"


def cohort_figures(cohort: Cohort, *, now: datetime | None = None) -> Figures:
    """The kept figures while they hold (two cache reads), else computed afresh and kept."""
    now = now or timezone.now()
    key = _key(cohort, figures_version(cohort.program_id))
    kept = cache.get(key)
    if kept is not None and kept.valid_until > now and kept.computed_at <= now:
        return kept
    figures = computed_figures(cohort, now=now)
    figures.key = f"{key}:{figures.computed_at.timestamp()}"
    cache.set(key, figures, timeout=max(1, int((figures.valid_until - now).total_seconds()) + 1))
    return figures
