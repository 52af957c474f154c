"""What the pair's models share: which pairs still work together, and "this person is half of the pair"."""

from django.db.models import Q

from matching.models import Mentorship

# Pairs whose people still work together: the mentor of one of these sees the mentee's goals.
WORKING_STATUSES = [Mentorship.Status.ACTIVE, Mentorship.Status.CONVERTED]


def pair_filter(user, prefix: str = "mentorship__") -> Q:
    return Q(**{f"{prefix}mentee": user}) | Q(**{f"{prefix}mentor": user})
