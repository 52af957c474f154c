"""Programs' part of seed_demo: two programs with cohorts in every phase, enrollments, orientation checklists and
pending invitations. Later apps find them in the context:

    context["programs"] = {"leadership", "engineering"} -> Program
    context["cohorts"] = {"ended", "closing", "active", "enrolling", "upcoming"} -> Cohort
    context["enrollments"] = {cohort key: {"mentors": [User], "mentees": [User]}}

Dates are set relative to the day the demo is first built (cohorts are looked up by name after that).
"""

from . import cohorts, invitations, orientation


def seed(context: dict) -> None:
    new = cohorts.seed(context)
    for key, cohort in context["cohorts"].items():
        if key in new:  # in the cohorts' order: the demo's random choices come out the same every time
            orientation.seed(cohort, context["rng"])
    invitations.seed(context["cohorts"], context["coordinator"])
