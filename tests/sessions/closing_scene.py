"""A cohort in its closing days and a pair in it, for the tests of the end of a program (services, scans,
selectors and views): import the *_fixture functions into a test module, then ask for `closing_cohort`, `pair` or
`after_the_end` by name. (tests/sessions/conftest.py stays as it is until the fixtures are unified.)"""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from sessions.models import ClosingAnswer, ClosingSurvey, Side, ThankYouNote
from tests.programs.factories import CohortFactory
from tests.sessions.factories import MentorshipFactory

CONTINUE = ClosingAnswer.Choice.CONTINUE
KEEP_IN_TOUCH = ClosingAnswer.Choice.KEEP_IN_TOUCH
CLOSE = ClosingAnswer.Choice.CLOSE


@pytest.fixture(name="closing_cohort")
def closing_cohort_fixture(program):
    """Ten days before its end: inside the default 21 days of the closing prompt."""
    today = timezone.localdate()
    return CohortFactory(program=program, starts_on=today - timedelta(days=170), ends_on=today + timedelta(days=10))


@pytest.fixture(name="pair")
def pair_fixture(closing_cohort, mentee, mentor):
    return MentorshipFactory(cohort=closing_cohort, mentee=mentee, mentor=mentor)


@pytest.fixture(name="after_the_end")
def after_the_end_fixture(closing_cohort):
    return timezone.now() + timedelta(days=11)


def keys(prefix: str) -> list[str]:
    return sorted(Notification.objects.filter(dedupe_key__startswith=prefix).values_list("dedupe_key", flat=True))


def answered_cohort(cohort, pairs: int) -> list[Mentorship]:
    """`pairs` pairs with a mix of answers, surveys and notes."""
    made = [MentorshipFactory(cohort=cohort) for _ in range(pairs)]
    choices = ["continue", "keep_in_touch", "close"]
    for i, pair in enumerate(made):
        ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTEE, choice=choices[i % 3])
        if i % 2 == 0:
            ClosingAnswer.objects.create(mentorship=pair, side=Side.MENTOR, choice="continue")
        ClosingSurvey.objects.create(mentorship=pair, side=Side.MENTEE, match_rating=3 + i % 3, helped_most="advice")
        ThankYouNote.objects.create(mentorship=pair, side=Side.MENTOR, author=pair.mentor, body=f"Secret thanks {i}")
    return made
