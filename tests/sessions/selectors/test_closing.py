"""The coordinators' closing totals: counts and averages, never who answered what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.services import notify_many
from sessions.selectors.closing import closing_summary
from sessions.services.closing import close_ended_cohorts
from tests.programs.factories import CohortFactory
from tests.sessions.closing_scene import (
    answered_cohort,
    closing_cohort_fixture,  # noqa: F401 (fixtures)
)
from tests.sessions.factories import MentorshipFactory


def test_closing_summary_counts_without_naming_anyone(closing_cohort):
    answered_cohort(closing_cohort, 4)
    MentorshipFactory(cohort=closing_cohort, status=Mentorship.Status.ENDED_EARLY)
    summary = closing_summary(closing_cohort)
    assert summary["prompt_open"] and not summary["ended"]
    assert (summary["pairs"], summary["sides"], summary["answered"]) == (4, 8, 6)
    assert summary["converted_rate"] is None
    assert (summary["surveys"], summary["survey_average"]) == (4, 3.8)  # ratings 3, 4, 5, 3
    assert summary["helped_most"] == [("Advice on specific situations", 4)]
    assert (summary["thank_you_notes"], summary["ended_early"], summary["working"]) == (4, 1, 4)


def test_closing_summary_gives_the_converted_rate_after_the_end(closing_cohort):
    answered_cohort(closing_cohort, 4)  # pairs 0 (continue, continue) and 2 (close, continue): one mutual
    notify_many(close_ended_cohorts(now=timezone.now() + timedelta(days=11)))
    closing_cohort.ends_on = timezone.localdate() - timedelta(days=1)
    closing_cohort.save()
    summary = closing_summary(closing_cohort)
    assert summary["ended"]
    assert (summary["converted"], summary["completed"], summary["closed"]) == (1, 3, 4)
    assert summary["converted_rate"] == 25


def test_closing_summary_hides_averages_until_enough_surveys(closing_cohort):
    answered_cohort(closing_cohort, 2)
    summary = closing_summary(closing_cohort)
    assert summary["surveys"] == 2
    assert summary["survey_average"] is None
    assert summary["helped_most"] == []


@pytest.mark.parametrize("pairs", [3, 30])
def test_closing_summary_takes_six_queries_at_any_size(closing_cohort, pairs, django_assert_num_queries):
    """Pairs, answers to the private question, the close-out survey, its questions, its answers, thank-you notes."""
    answered_cohort(closing_cohort, pairs)
    with django_assert_num_queries(6):
        closing_summary(closing_cohort)


def test_closing_summary_links_the_close_out_survey_and_reads_nothing_of_a_cohort_without_one(closing_cohort):
    assert closing_summary(closing_cohort)["closing_survey"].is_closing
    cohort = CohortFactory()
    summary = closing_summary(cohort)
    assert (summary["surveys"], summary["survey_average"], summary["closing_survey"]) == (0, None, None)
