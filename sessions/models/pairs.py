"""What the pair's models share: which pairs still work together, and "this person is half of the pair"."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.db.models import Q

from matching.models import Mentorship

# Pairs whose people still work together: the mentor of one of these sees the mentee's goals.
WORKING_STATUSES = [Mentorship.Status.ACTIVE, Mentorship.Status.CONVERTED]

# Dates and times a pair plans lie within this of today: far enough for any mentoring plan, and it keeps out the
# year 9999, whose meeting once answered 500 (its agenda's date arithmetic overflowed).
PLANNING_REACH = timedelta(days=2 * 365)


def pair_filter(user, prefix: str = "mentorship__") -> Q:
    return Q(**{f"{prefix}mentee": user}) | Q(**{f"{prefix}mentor": user})


@dataclass(frozen=True)
class PairState:
    """What the sessions pages ask of a pair's status beyond the Mentorship's own `is_*` properties, so that
    templates ask a property, never compare a string. The selectors set `mentorship.state`."""

    mentorship: Mentorship

    @property
    def is_active(self) -> bool:
        return self.mentorship.is_active

    @property
    def is_proposed(self) -> bool:
        return self.mentorship.is_proposed

    @property
    def is_converted(self) -> bool:
        return self.mentorship.is_converted

    @property
    def is_completed(self) -> bool:
        return self.mentorship.is_completed

    @property
    def is_ended_early(self) -> bool:
        return self.mentorship.is_ended_early

    @property
    def is_working(self) -> bool:
        """Active, or converted and carrying on informally: the pair still plans meetings and action items."""
        return self.is_active or self.is_converted

    @property
    def is_closed(self) -> bool:
        """The program ended for the pair: completed, or converted to an informal mentorship."""
        return self.is_completed or self.is_converted

    @property
    def can_end_early(self) -> bool:
        return self.is_active or self.is_proposed


def with_state(mentorship: Mentorship) -> Mentorship:
    """The mentorship with its `state` set (see PairState)."""
    mentorship.state = PairState(mentorship)
    return mentorship


class PairHealth(models.Model):
    """A pair's dashboard figures and health (sessions.health) as last computed, so that the dashboard reads them
    instead of recomputing every pair per request. Written only by sessions.services.health: by the events that
    change them and by the scan, which recomputes a row once `valid_until` has passed (a day has gone by, or a
    meeting's time came), and prepares the next day's health before midnight. A row computed under another status
    than the pair's is stale as well."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, primary_key=True, related_name="stored_health"
    )
    status = models.CharField(max_length=12)  # the pair's status when computed
    computed_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)  # none: nothing changes with time alone
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # none for a pair that no longer works
    level = models.CharField(max_length=10, blank=True)
    reasons = models.JSONField(default=list, blank=True)  # [[text, points, topic], ...], the worst first
    meetings_held = models.PositiveIntegerField(default=0)
    last_meeting = models.DateTimeField(null=True, blank=True)
    next_meeting = models.DateTimeField(null=True, blank=True)
    agenda_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    goals_set = models.PositiveIntegerField(default=0)
    goals_achieved = models.PositiveIntegerField(default=0)
    goals_dropped = models.PositiveIntegerField(default=0)
    # The health as it will be from the coming midnight (`next_day_from`), computed by the scan in the hour before, so
    # that no page recomputes every working pair when a day turns: at `next_day_from` these replace score, level,
    # reasons and valid_until (sessions.services.health.promote_day_turn). Only the health changes with the date
    # alone; a row whose other figures change at midnight too gets none. Every event's write clears them.
    next_day_from = models.DateTimeField(null=True, blank=True)
    next_day_valid_until = models.DateTimeField(null=True, blank=True)
    next_day_score = models.PositiveSmallIntegerField(null=True, blank=True)
    next_day_level = models.CharField(max_length=10, blank=True)
    next_day_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["valid_until"], name="pair_health_valid_until"),
            models.Index(fields=["next_day_from"], name="pair_health_next_day"),
        ]

    def __str__(self) -> str:
        return f"health of pair {self.mentorship_id}: {self.score}"
