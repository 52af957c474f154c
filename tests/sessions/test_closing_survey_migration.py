"""The fixed close-out survey's answers (ClosingSurvey, sessions/0011) move into each cohort's close-out survey, and
back: migrated down to before it, rows of the old model are made, then migrated up (and down, and up again)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from programs.models import Survey, SurveyAsk
from tests.programs.factories import CohortFactory
from tests.sessions.factories import MentorshipFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("programs", "0009_resources"), ("mentoring_sessions", "0010_scan_watermarks")]
ADVICE, PERSPECTIVE = 2, 7  # ids of choices in the close-out survey's "what helped most"


def migrate(targets=None):
    """Migrate to `targets` (every app's latest when None); the models as they were there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate()


def test_the_close_out_answers_move_into_the_cohorts_survey_and_back(old_apps):
    ClosingSurvey = old_apps.get_model("mentoring_sessions", "ClosingSurvey")
    cohort, empty = CohortFactory(), CohortFactory()
    pair, other = MentorshipFactory(cohort=cohort), MentorshipFactory(cohort=cohort)
    at = timezone.now().replace(microsecond=0)
    given = [
        (pair, "mentee", 5, "advice"),
        (pair, "mentor", 3, "perspective"),
        (other, "mentee", 1, "advice"),
    ]
    for mentorship, side, rating, helped in given:
        ClosingSurvey.objects.create(mentorship_id=mentorship.pk, side=side, match_rating=rating, helped_most=helped,
                                     submitted_at=at)  # fmt: skip

    migrate()
    surveys = {s.cohort_id: s for s in Survey.objects.closing()}
    assert set(surveys) == {cohort.pk, empty.pk}  # every cohort has one, answered or not
    survey = surveys[cohort.pk]
    assert (survey.trigger, survey.audience, survey.title) == ("close_out", "both", "Close-out survey")
    rated, helped = survey.questions.order_by("order", "pk")
    assert (rated.kind, rated.text, helped.kind, helped.text) == (
        "scale", "How well did the match work?", "single", "What helped most?"
    )  # fmt: skip
    assert len(helped.choices) == 7 and helped.choices[ADVICE - 1]["label"] == "Advice on specific situations"
    asks = {
        (ask.user_id, ask.occasion): (ask.answers, ask.answered_at) for ask in SurveyAsk.objects.filter(survey=survey)
    }
    assert asks == {
        (pair.mentee_id, f"mentorship:{pair.pk}"): ({str(rated.pk): 5, str(helped.pk): ADVICE}, at),
        (pair.mentor_id, f"mentorship:{pair.pk}"): ({str(rated.pk): 3, str(helped.pk): PERSPECTIVE}, at),
        (other.mentee_id, f"mentorship:{other.pk}"): ({str(rated.pk): 1, str(helped.pk): ADVICE}, at),
    }
    assert not surveys[empty.pk].asks.exists()

    apps = migrate(BEFORE)
    back = apps.get_model("mentoring_sessions", "ClosingSurvey").objects.values_list(
        "mentorship_id", "side", "match_rating", "helped_most", "submitted_at"
    )
    assert sorted(back) == sorted((m.pk, side, rating, helped, at) for m, side, rating, helped in given)
    assert not apps.get_model("programs", "SurveyAsk").objects.exists()
    assert not apps.get_model("programs", "Survey").objects.exists()
