"""Demo data for the end of a program: pairs in the closing cohort, some of whose people have answered the private
question, and an ended cohort already closed, with surveys and thank-you notes."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from matching.models import Mentorship
from programs.models import SurveyAsk
from programs.services.surveys import add_closing_survey, closing_occasion
from sessions.models import ClosingAnswer, Side, ThankYouNote

# The end of a program: (mentee's answer, mentor's answer, mentee's rating, mentor's rating) per pair; None = not yet.
CLOSING_ANSWERS = [
    ("continue", "continue", 5, 4),
    ("continue", "keep_in_touch", 4, None),
    ("close", None, 3, 4),
    (None, "keep_in_touch", None, None),
    (None, None, None, None),
    ("keep_in_touch", "keep_in_touch", 4, 5),
]
ENDED_ANSWERS = [
    ("continue", "continue", 5, 5),
    ("continue", "continue", 4, 5),
    ("continue", "close", 3, 4),
    ("keep_in_touch", "keep_in_touch", 4, 3),
    ("close", "close", 2, 3),
]
THANKS = [
    "Your questions made me see my own plan clearly.",
    "The introduction to the FP&A lead changed my quarter.",
    "Thank you for being straight with me about the presentation.",
]


def end_of_program(context: dict, now, rng) -> list[Mentorship]:
    """Pairs in the closing cohort, some of whose people have answered, and an ended cohort already closed out:
    enough for the coordinators' end-of-program figures to show something. Returns the closing cohort's pairs."""
    cohorts, enrolled = context.get("cohorts") or {}, context.get("enrollments") or {}
    closing = []
    for key, plan, status in (("closing", CLOSING_ANSWERS, None), ("ended", ENDED_ANSWERS, "closed")):
        cohort, people = cohorts.get(key), enrolled.get(key) or {}
        if cohort is None or not people.get("mentors") or not people.get("mentees"):
            continue
        survey = add_closing_survey(cohort=cohort)
        rating, helped = survey.questions.order_by("order", "pk")[:2]
        helped_ids = [choice["id"] for choice in helped.choices]
        pairs = zip(people["mentors"], people["mentees"], plan, strict=False)
        for index, (mentor, mentee, (mentee_says, mentor_says, mentee_rates, mentor_rates)) in enumerate(pairs):
            if status is None:
                became = Mentorship.Status.ACTIVE
            elif mentee_says == mentor_says == "continue":
                became = Mentorship.Status.CONVERTED
            else:
                became = Mentorship.Status.COMPLETED
            mentorship, created = Mentorship.objects.get_or_create(
                cohort=cohort,
                mentee=mentee,
                mentor=mentor,
                defaults={
                    "status": became,
                    "started_at": timezone.make_aware(datetime.combine(cohort.starts_on, time(9))),
                    "ended_at": (
                        timezone.make_aware(datetime.combine(cohort.ends_on + timedelta(days=1), time(0, 5)))
                        if became == Mentorship.Status.COMPLETED
                        else None
                    ),
                },
            )
            if became == Mentorship.Status.ACTIVE:
                closing.append(mentorship)
            if not created:
                continue
            for side, choice, rates in (
                (Side.MENTEE, mentee_says, mentee_rates),
                (Side.MENTOR, mentor_says, mentor_rates),
            ):
                if choice:
                    ClosingAnswer.objects.create(mentorship=mentorship, side=side, choice=choice)
                if rates:
                    SurveyAsk.objects.create(
                        survey=survey,
                        user=mentee if side == Side.MENTEE else mentor,
                        occasion=closing_occasion(mentorship.pk),
                        answered_at=now,
                        answers={str(rating.pk): rates, str(helped.pk): rng.choice(helped_ids)},
                    )
            if status and index % 2 == 0:
                ThankYouNote.objects.create(
                    mentorship=mentorship, side=Side.MENTEE, author=mentee, body=THANKS[index % len(THANKS)]
                )
    return closing
