"""Demo of listening to pairs, in the active cohort: a mid-program survey several people answered, a pair flagged
by its early relationship check, and a mentor's open offer to a mentee still without a mentor. Idempotent."""

from collections import Counter
from datetime import timedelta

from matching.models import MentorOffer, Mentorship
from programs.kinds import SCORE
from programs.models import RECOMMENDATION_TEXT, Enrollment, Role, Survey, SurveyAsk, SurveyQuestion, Trigger
from sessions.models import RelationshipCheck, Side

SURVEY_TITLE = "Mid-program pulse"


def seed(context: dict, *, now) -> None:
    active = (context.get("cohorts") or {}).get("active")
    if active is None:
        return
    _survey(active, now, context["rng"])
    _flagged_pair(active)
    _open_offer(active, now)


def _survey(cohort, now, rng) -> None:
    send_on = max(cohort.starts_on, min(now.date() - timedelta(days=5), cohort.ends_on))
    survey, created = Survey.objects.get_or_create(
        cohort=cohort, title=SURVEY_TITLE, defaults={"trigger": Trigger.TIMELINE, "send_on": send_on}
    )
    if not created:
        return
    useful = SurveyQuestion.objects.create(survey=survey, kind="scale", text="How useful is mentoring so far?", order=1)
    focus = SurveyQuestion.objects.create(
        survey=survey, kind="single", text="What do you spend most time on?", order=2,
        choices=[{"id": 1, "label": "Career"}, {"id": 2, "label": "Skills"}, {"id": 3, "label": "Confidence"}],
    )  # fmt: skip
    score = SurveyQuestion.objects.create(survey=survey, kind=SCORE, text=RECOMMENDATION_TEXT, order=3)
    people = list(Enrollment.objects.active().filter(cohort=cohort).values_list("user_id", flat=True)[:12])
    asked_at = now - timedelta(days=5)
    SurveyAsk.objects.bulk_create(
        SurveyAsk(
            survey=survey,
            user_id=user_id,
            asked_at=asked_at,
            answered_at=asked_at + timedelta(hours=rng.randint(2, 90)) if i % 3 else None,
            answers={
                str(useful.pk): rng.randint(3, 5),
                str(focus.pk): rng.randint(1, 3),
                str(score.pk): rng.randint(6, 10),
            }
            if i % 3
            else {},
        )  # fmt: skip
        for i, user_id in enumerate(people)
    )


def _flagged_pair(cohort) -> None:
    if RelationshipCheck.objects.filter(mentorship__cohort=cohort).exists():
        return
    pair = Mentorship.objects.filter(cohort=cohort, status=Mentorship.Status.ACTIVE).order_by("pk").first()
    if pair is not None:
        RelationshipCheck.objects.create(mentorship=pair, side=Side.MENTEE, working=2, meeting_as_agreed=3,
                                         getting_what_i_came_for=2)  # fmt: skip
        RelationshipCheck.objects.create(mentorship=pair, side=Side.MENTOR, working=4, meeting_as_agreed=4,
                                         getting_what_i_came_for=4)  # fmt: skip


def _open_offer(cohort, now) -> None:
    if MentorOffer.objects.filter(cohort=cohort).exists():
        return
    paired = Mentorship.objects.filter(cohort=cohort).values("mentee_id")
    mentee = Enrollment.objects.active().filter(cohort=cohort, role=Role.MENTEE).exclude(user_id__in=paired).first()
    taken = Counter(Mentorship.objects.current().filter(cohort=cohort).values_list("mentor_id", flat=True))
    mentors = Enrollment.objects.active().filter(cohort=cohort, role=Role.MENTOR, paused_at=None).order_by("pk")
    mentor = next((e for e in mentors if taken[e.user_id] < e.capacity), None)
    if mentee and mentor:
        MentorOffer.objects.create(
            cohort=cohort, mentor_id=mentor.user_id, mentee_id=mentee.user_id, created_at=now - timedelta(days=1),
            message="I moved from engineering into management two years ago and would be glad to share how.",
            expires_at=now + timedelta(days=cohort.rule("request_expiry_days") - 1),
        )  # fmt: skip
