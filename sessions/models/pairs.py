"""What the pair's models share: which pairs still work together, and "this person is half of the pair"."""

from dataclasses import dataclass
from datetime import timedelta

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
