"""What the pair's models share: which pairs still work together, and "this person is half of the pair"."""

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
