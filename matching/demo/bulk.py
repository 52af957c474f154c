"""A coordinator-matched demo cohort ("Summer 2026" of Leadership Circle) with unmatched mentees, mentors with seats
and a draft bulk-matching run to review, scored with the program's own rules (programs.demo.questions: their bars and
reasons show on the proposal, and the must-rule keeps pairs apart). Idempotent (the run is made once)."""

from datetime import timedelta

from django.utils import timezone

from matching import services
from matching.models import MatchRun
from programs.models import Cohort, Enrollment, MatchingMode, Role
from programs.services.surveys import add_closing_survey

# The bulk-matching cohort: mentor and mentee numbers of the demo people; 8 mentors x 3 seats for 26 mentees,
# so the proposal shows unmatched mentees with their reason.
BULK_COHORT = ("Summer 2026", range(21, 29), range(51, 77))


def seed_bulk_cohort(context: dict) -> None:
    program = (context.get("programs") or {}).get("leadership")
    coordinator = context.get("coordinator")
    if program is None or coordinator is None:
        return
    name, mentor_numbers, mentee_numbers = BULK_COHORT
    today = timezone.localdate()
    cohort, _ = Cohort.objects.get_or_create(
        program=program,
        name=name,
        defaults={
            "starts_on": today - timedelta(days=10),
            "ends_on": today + timedelta(days=172),
            "matching_mode": MatchingMode.COORDINATOR,
        },
    )
    add_closing_survey(cohort=cohort)  # as every cohort made in the pages starts with
    people = [(context["mentors"][n - 1], Role.MENTOR) for n in mentor_numbers]
    people += [(context["mentees"][n - 1], Role.MENTEE) for n in mentee_numbers]
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, cohort=cohort, role=role, enrolled_at=timezone.now()) for user, role in people],
        ignore_conflicts=True,
    )
    context.setdefault("cohorts", {})["bulk"] = cohort
    if not MatchRun.objects.filter(cohort=cohort).exists():
        run = services.run_matching(cohort=cohort, by=coordinator, min_score=0.2)
        best = run.pairs.order_by("-score").first()
        if best is not None:
            services.lock_pair(pair=best, by=coordinator)
