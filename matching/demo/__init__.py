"""Matching's part of seed_demo: pairs and requests in the enrolling and active cohorts (demo.pairs), and a
coordinator-matched cohort with a draft run to review (demo.bulk)."""

from matching.demo.bulk import seed_bulk_cohort
from matching.demo.pairs import seed_pairs


def seed(context: dict) -> None:
    seed_pairs(context)
    seed_bulk_cohort(context)
