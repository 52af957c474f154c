"""A cohort in its closing days and a pair in it, for the tests of the end of a program (services, scans,
selectors and views): import the *_fixture functions into a test module, then ask for `closing_cohort`, `pair` or
`after_the_end` by name. (tests/sessions/conftest.py stays as it is until the fixtures are unified.)"""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from programs.models import Survey, SurveyAsk
from programs.services.surveys import add_closing_survey, closing_occasion
from sessions.models import ClosingAnswer, Side, ThankYouNote
from sessions.services.closing import submit_closing_survey
from tests.programs.factories import CohortFactory
from tests.sessions.factories import MentorshipFactory

CONTINUE = ClosingAnswer.Choice.CONTINUE
KEEP_IN_TOUCH = ClosingAnswer.Choice.KEEP_IN_TOUCH
CLOSE = ClosingAnswer.Choice.CLOSE
# The close-out survey's "what helped most" choices, by their ids.
TIME, ADVICE, FEEDBACK, PERSPECTIVE = 1, 2, 3, 7


@pytest.fixture(name="closing_cohort")
def closing_cohort_fixture(program):
    """Ten days before its end: inside the default 21 days of the closing prompt."""
    today = timezone.localdate()
    cohort = CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=10))
    add_closing_survey(cohort=cohort)  # as a cohort made in the pages starts with
    return cohort


@pytest.fixture(name="pair")
def pair_fixture(closing_cohort, mentee, mentor):
    return MentorshipFactory(cohort=closing_cohort, mentee=mentee, mentor=mentor)


@pytest.fixture(name="after_the_end")
def after_the_end_fixture(closing_cohort):
    return timezone.now() + timedelta(days=11)


def keys(prefix: str) -> list[str]:
    return sorted(Notification.objects.filter(dedupe_key__startswith=prefix).values_list("dedupe_key", flat=True))


def closing_answers(cohort, rating, helped) -> dict:
    """Answers to the cohort's close-out survey: how well the match worked, and the id of what helped most."""
    survey = Survey.objects.closing().get(cohort=cohort)
    rated, helped_most = survey.questions.order_by("order", "pk")
    return {rated: rating, helped_most: helped}


def answer_closing_survey(pair, by, rating, helped=ADVICE, now=None) -> SurveyAsk:
    return submit_closing_survey(mentorship=pair, by=by, answers=closing_answers(pair.cohort, rating, helped), now=now)


def answered_cohort(cohort, pairs: int) -> list[Mentorship]:
    """`pairs` pairs with a mix of answers, surveys and notes."""
    made = [MentorshipFactory(cohort=cohort) for _ in range(pairs)]
    survey = add_closing_survey(cohort=cohort)
    rated, helped = survey.questions.order_by("order", "pk")
    choices = ["continue", "keep_in_touch", "close"]
    for i, pair in enumerate(made):
        ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTEE, choice=choices[i % 3])
        if i % 2 == 0:
            ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTOR, choice="continue")
        answers = {str(rated.pk): 3 + i % 3, str(helped.pk): ADVICE}
        SurveyAsk.objects.create(survey=survey, user=pair.mentee, occasion=closing_occasion(pair.pk),
                                 answered_at=timezone.now(), answers=answers)  # fmt: skip
        ThankYouNote.objects.create(mentorship=pair, side=Side.MENTOR, author=pair.mentor, body=f"Secret thanks {i}")
    return made
