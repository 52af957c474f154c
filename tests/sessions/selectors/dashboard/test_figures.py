"""The dashboard's figures: funnel, weekly series, matching quality, cohort over cohort."""

from datetime import timedelta

from django.utils import timezone

from matching.models import Mentorship
from programs.models import Role
from sessions.selectors.dashboard import figures
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import MentorshipFactory, person


def test_the_funnel_counts_each_step_from_invitation_to_goal(scene):
    stages = {s.label: s for s in figures.funnel(scene.cohort)}
    assert stages["Invited"].mentees == 16 + 1  # sixteen enrolled and one open invitation
    assert stages["Enrolled"].mentees == 16 and stages["Enrolled"].mentors == 10
    assert stages["Profile complete"].mentees == 8
    assert stages["Orientation done"].mentees == 12
    assert stages["Matched"].mentees == 8  # the proposed pairs are not matched yet
    assert stages["First meeting held"].mentees == 8
    assert stages["Goal set"].mentees == 8 and stages["Goal set"].mentors is None


def test_the_weekly_series_count_meetings_agendas_and_goals(scene):
    series = figures.weekly(scene.cohort)
    assert sum(series.values["held"]) == 24
    assert sum(series.values["prepared"]) == 18  # every held meeting but the at-risk pairs'
    assert sum(series.values["reviewed"]) == 6 + 2
    assert sum(series.values["set"]) == 16
    assert (sum(series.values["achieved"]), sum(series.values["dropped"])) == (4, 3)
    assert len(series.weeks) >= 10 and series.weeks[0] <= scene.cohort.starts_on


def test_matching_quality_explains_the_unmatched_and_the_mentor_load(scene):
    matching = figures.matching_quality(scene.cohort)
    # Unmatched: the six without pairs (pending, declined, none, twice each) and the two with proposed pairs.
    assert matching.unmatched == {"pending": 2, "proposed": 2, "ended": 0, "declined": 2, "none": 2}
    assert matching.unmatched_total == 8 and len(matching.unmatched_people) == 8
    assert matching.scored_pairs == 10 and 0.6 <= matching.average_score <= 0.95
    assert matching.load == 8  # active and proposed pairs take a place
    assert matching.mentors["room"] == 8 and matching.mentors["idle"] == 2


def test_the_history_puts_earlier_cohorts_beside_this_one(scene, program):
    today = timezone.localdate()
    earlier = CohortFactory(program=program, starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=200))
    MentorshipFactory(cohort=earlier, status=Mentorship.Status.CONVERTED)
    MentorshipFactory(cohort=earlier, status=Mentorship.Status.COMPLETED)
    EnrollmentFactory(cohort=earlier, role=Role.MENTEE, user=person())
    history = figures.cohort_history(scene.cohort)
    assert [f.cohort for f in history] == [earlier, scene.cohort]
    before, now = history
    assert (before.mentees, before.matched, before.match_rate) == (3, 2, 67)
    assert before.converted_rate == 50
    assert now.match_rate == 50 and now.goal_attainment == 25  # 4 achieved of the 16 goals set
    assert now.days_to_first_meeting is not None and now.days_to_first_meeting > 0


def test_an_ended_cohort_still_counts_the_mentees_who_never_got_a_mentor(program):
    today = timezone.localdate()
    ended = CohortFactory(program=program, starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=200))
    completed = EnrollmentFactory.create_batch(3, cohort=ended, role=Role.MENTEE, status="completed")
    EnrollmentFactory(cohort=ended, role=Role.MENTEE, status="withdrawn")
    MentorshipFactory(cohort=ended, mentee=completed[0].user, status=Mentorship.Status.COMPLETED)
    matching = figures.matching_quality(ended)
    assert matching.unmatched_total == 2 and matching.unmatched["none"] == 2
