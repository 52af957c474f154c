"""The cohort health dashboard for coordinators: counts and dates aggregated in the database, in a fixed number of
queries however many people and pairs the cohort has, and never any text a pair wrote (no agenda, note or goal).

`pairs`: every pair with its counts and explainable health (sessions.health), the triage queue and nudges.
`figures`: the funnel, weekly engagement, matching quality, the close-out and the program's cohorts side by side.
"""

from sessions.dashboard.figures import close_out, cohort_history, funnel, matching_quality, weekly
from sessions.dashboard.pairs import NUDGES, filter_and_sort, nudge_pair, pair_rows, triage

__all__ = [
    "NUDGES",
    "close_out",
    "cohort_history",
    "filter_and_sort",
    "funnel",
    "matching_quality",
    "nudge_pair",
    "pair_rows",
    "triage",
    "weekly",
]
