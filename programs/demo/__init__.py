"""Programs' part of seed_demo: two programs with cohorts in every phase, enrollments, orientation checklists and
pending invitations; Leadership Circle's own questions with matching rules and answers, its imported reporting lines,
its join page with a pending application and a waiting list, and its resources (a guide, a PDF, an agenda
template). Later apps find them in the context:

    context["programs"] = {"leadership", "engineering"} -> Program
    context["cohorts"] = {"ended", "closing", "active", "enrolling", "upcoming"} -> Cohort
    context["enrollments"] = {cohort key: {"mentors": [User], "mentees": [User]}}

Dates are set relative to the day the demo is first built (cohorts are looked up by name after that).
"""

from . import applications, cohorts, invitations, orientation, questions, resources


def seed(context: dict) -> None:
    new = cohorts.seed(context)
    for key, cohort in context["cohorts"].items():
        if key in new:  # in the cohorts' order: the demo's random choices come out the same every time
            orientation.seed(cohort, context["rng"])
    invitations.seed(context["cohorts"], context["coordinator"])
    leadership, mentors, mentees = context["programs"]["leadership"], context["mentors"], context["mentees"]
    # Everyone who takes part in Leadership Circle now or soon (the bulk-matching cohort's people too) answers.
    questions.seed(leadership, {"mentors": mentors[:28], "mentees": mentees[:76]}, context["rng"])
    questions.seed_reporting_lines(leadership, mentors, mentees)
    applications.seed(leadership, context["cohorts"]["upcoming"], mentees[90:96], context["coordinator"])
    resources.seed(leadership)
