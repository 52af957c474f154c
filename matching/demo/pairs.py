"""Demo pairs and requests: accepted pairs, a mentee with a board of three, pending requests, and requests in each
answered state. Idempotent (get_or_create)."""

from datetime import timedelta

from django.utils import timezone

from matching.models import BoardRole, Mentorship, MentorshipRequest

BOARD = [BoardRole.CAREER_GUIDE, BoardRole.SKILL_COACH, BoardRole.SPONSOR]


def seed_pairs(context: dict) -> None:
    cohorts, enrolled = context.get("cohorts") or {}, context.get("enrollments") or {}
    now = timezone.now()
    active = cohorts.get("active")
    if active is not None and "active" in enrolled:
        mentors, mentees = enrolled["active"]["mentors"], enrolled["active"]["mentees"]
        if len(mentors) >= 3 and mentees:
            for mentor, role in zip(mentors[:3], BOARD, strict=False):
                Mentorship.objects.get_or_create(
                    cohort=active,
                    mentee=mentees[0],
                    mentor=mentor,
                    defaults={"board_role": role, "purpose": f"My {role.label.lower()}", "started_at": now},
                )
        for mentor, mentee in zip(mentors[3:], mentees[1:], strict=False):
            Mentorship.objects.get_or_create(cohort=active, mentee=mentee, mentor=mentor, defaults={"started_at": now})
    enrolling = cohorts.get("enrolling")
    if enrolling is not None and "enrolling" in enrolled:
        mentors, mentees = enrolled["enrolling"]["mentors"], enrolled["enrolling"]["mentees"]
        for mentor, mentee in zip(mentors[:3], mentees[:3], strict=False):
            MentorshipRequest.objects.get_or_create(
                cohort=enrolling,
                mentee=mentee,
                mentor=mentor,
                status=MentorshipRequest.Status.PENDING,
                defaults={
                    "help_wanted": "I want to get better at planning and presenting budgets.",
                    "why_this_mentor": "You lead the finance team and explain numbers clearly.",
                    "expires_at": now + timedelta(days=enrolling.rule("request_expiry_days")),
                },
            )
        _answered_requests(enrolling, mentors[3:6], mentees[3:6], now)


def _answered_requests(cohort, mentors, mentees, now) -> None:
    """Requests in each answered state: accepted (with its mentorship), a mentor thinking, a question answered."""
    plans = zip(mentors, mentees, ("accepted", "thinking", "question"), strict=False)
    for mentor, mentee, state in plans:
        request, created = MentorshipRequest.objects.get_or_create(
            cohort=cohort,
            mentee=mentee,
            mentor=mentor,
            defaults={
                "help_wanted": "Help me prepare for my first tech-lead role: reviews, planning, saying no.",
                "why_this_mentor": "You made the same step two years ago and write about it.",
                "board_role": BoardRole.CAREER_GUIDE,
                "expires_at": now + timedelta(days=cohort.rule("request_expiry_days")),
            },
        )
        if not created:
            continue
        if state == "accepted":
            request.status, request.answered_at = MentorshipRequest.Status.ACCEPTED, now
            request.save(update_fields=["status", "answered_at"])
            Mentorship.objects.create(
                cohort=cohort, mentee=mentee, mentor=mentor, request=request, board_role=request.board_role,
                purpose="Stepping into a tech-lead role", mentee_confirmed_at=now, mentor_confirmed_at=now,
                started_at=now,
            )  # fmt: skip
        elif state == "thinking":
            request.thinking_since = now
            request.save(update_fields=["thinking_since"])
        else:
            request.question = "Which of your projects would you bring to our first meeting?"
            request.answer = "The migration of our billing service: I lead it from next month."
            request.save(update_fields=["question", "answer"])
