"""This app's part of seed_demo: pairs at work (pairs.py), the end of a program (closing.py) and, on top, the
drifting and waiting pairs the coordinators' dashboard shows (health.py). Idempotent: a pair that already has
meetings, or a mentee who already has goals, is left as it is."""

from django.utils import timezone

from matching.models import Mentorship
from programs.models import Enrollment, Role
from sessions.demo import health, home_states, listening, scheduling
from sessions.demo.closing import end_of_program
from sessions.demo.pairs import DEMO_DOMAIN, agreement, goals, meeting_soon, meetings, working_pairs
from sessions.models import Goal, Meeting


def seed(context: dict) -> None:
    rng = context["rng"]
    now = timezone.now()
    made_by_matching = Mentorship.objects.filter(mentee__email__endswith=DEMO_DOMAIN).exists()
    pairs = working_pairs(context)
    # Closing-cohort pairs live like the others: an agreement, meetings and goals.
    pairs += [m for m in end_of_program(context, now, rng) if m not in pairs]
    for index, mentorship in enumerate(pairs):
        agreement(mentorship, index, now)
        if not Meeting.objects.filter(mentorship=mentorship).exists():
            meetings(mentorship, index, now, rng)
    meeting_soon(pairs, now)
    scheduling.seed(pairs, now)
    for mentee_id, cohort_id in {(m.mentee_id, m.cohort_id) for m in pairs}:
        enrollment = Enrollment.objects.filter(user_id=mentee_id, cohort_id=cohort_id, role=Role.MENTEE).first()
        if enrollment is not None and not Goal.objects.filter(enrollment=enrollment).exists():
            goals(enrollment, [m for m in pairs if m.mentee_id == mentee_id], now, rng)
    if made_by_matching:
        # For the coordinators' dashboard: drifting pairs, mentees still waiting, the ended cohort's history.
        health.seed(context, now=now)
        # Surveys, a pair flagged by its relationship check, an open offer.
        listening.seed(context, now=now)
    home_states.seed(context)


accounts = home_states.accounts
