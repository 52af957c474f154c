"""Demo data: accepted pairs, a mentee with a board of three, pending requests; the 'enrolling'
cohort's remaining mentees are left unmatched for bulk matching. Idempotent (get_or_create)."""

from datetime import timedelta

from django.utils import timezone

from matching.models import BoardRole, Mentorship, MentorshipRequest

BOARD = [BoardRole.CAREER_GUIDE, BoardRole.SKILL_COACH, BoardRole.SPONSOR]


def seed(context: dict) -> None:
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
