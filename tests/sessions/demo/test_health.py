"""The demo organisation gives every part of the coordinators' dashboard something real to show."""

import random

import pytest

from matching import demo as matching_demo
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from sessions import demo as sessions_demo
from sessions.health import Level
from sessions.selectors.dashboard import figures
from sessions.selectors.dashboard.pairs import pair_rows


@pytest.fixture
def demo(db):
    context = {"rng": random.Random(2026), "password": "x"}
    for module in (profiles_demo, programs_demo, matching_demo, sessions_demo):
        module.seed(context)
    return context


def test_the_demo_cohorts_fill_every_chart_and_flag(demo):
    active, closing = demo["cohorts"]["active"], demo["cohorts"]["closing"]
    rows = pair_rows(active)
    levels = {level: sum(1 for r in rows if r.level == level) for level in Level}
    assert levels[Level.AT_RISK] >= 2 and levels[Level.WATCH] >= 1 and levels[Level.ON_TRACK] >= 5
    series = figures.weekly(active)
    for key in ("held", "prepared", "reviewed", "set", "achieved"):
        assert sum(series.values[key]) > 0, key
    stages = figures.funnel(active)
    assert all(stage.mentees > 0 for stage in stages)
    matching = figures.matching_quality(active)
    assert all(matching.unmatched[key] > 0 for key in ("pending", "proposed", "declined", "none"))
    assert all(matching.mentors[key] > 0 for key in ("room", "full", "paused")) and matching.load > 0
    assert matching.scored_pairs > 0 and 0 < matching.average_score < 1
    history = figures.cohort_history(active)
    earlier = history[0]
    assert earlier.cohort == demo["cohorts"]["ended"] and len(history) == 2
    assert earlier.days_to_first_meeting and earlier.goal_attainment and earlier.converted_rate is not None
    assert history[-1].days_to_first_meeting >= 0
    assert sum(series.values["dropped"]) > 0
    summary = figures.closing(closing)
    assert summary["answered"] > 0 and summary["pairs"] > 0


def test_seeding_the_demo_twice_changes_nothing_on_the_dashboard(demo):
    active = demo["cohorts"]["active"]
    before = [(r.pk, r.score, r.meetings_held) for r in pair_rows(active)]
    sessions_demo.seed(demo)
    assert [(r.pk, r.score, r.meetings_held) for r in pair_rows(active)] == before


def test_the_demo_listens_to_pairs(demo):
    from matching.models import MentorOffer
    from programs.selectors.surveys import cohort_survey_results

    active = demo["cohorts"]["active"]
    (result,) = [r for r in cohort_survey_results(active) if r.survey.title == "Mid-program pulse"]
    assert result.enough and result.answered < result.asked
    flagged = [r for r in pair_rows(active) if r.health and "isn't working" in r.health.summary]
    assert len(flagged) == 1 and flagged[0].is_at_risk
    assert MentorOffer.objects.pending().filter(cohort=active).count() == 1
    sessions_demo.seed(demo)
    assert MentorOffer.objects.filter(cohort=active).count() == 1
    again = {r.survey.title: r.answered for r in cohort_survey_results(active)}
    assert again == {"Close-out survey": 0, "Mid-program pulse": result.answered}  # its pairs are not closing yet
