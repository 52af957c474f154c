"""SMART goals: set, checked in, confirmed, dropped, commented."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mentoring.notifications.models import Kind, Notification
from sessions import services
from sessions.models import Goal
from tests.sessions.factories import GoalFactory, MentorshipFactory


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def _parts(enrollment, **overrides):
    parts = {
        "title": "Run budget reviews",
        "specific": "Lead the quarterly budget review on my own.",
        "measure": "Reviews led",
        "baseline": Decimal(0),
        "target": Decimal(4),
        "unit": "reviews",
        "ambition": "aggressive",
        "relevance": "It is the path to finance lead.",
        "target_date": enrollment.cohort.ends_on - timedelta(days=1),
    }
    return {**parts, **overrides}


def test_a_smart_goal_is_saved_and_shared_with_the_mentors(enrollment, mentee, mentor):
    goal = services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment))
    assert goal.status == Goal.Status.ACTIVE
    assert _notified(mentor, Kind.GOAL).get().dedupe_key == f"goal:{goal.pk}:shared:{mentor.pk}"


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("specific", "", "Specific"),
        ("measure", " ", "Measurable"),
        ("unit", "", "Measurable"),
        ("ambition", "", "aggressive or attainable"),
        ("relevance", "", "Relevant"),
        ("target_date", None, "Time-bound"),
        ("target", Decimal(0), "must differ"),
    ],
)
def test_a_goal_missing_a_smart_part_is_refused_on_that_part(enrollment, mentee, part, value, message):
    with pytest.raises(ValidationError) as refused:
        services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment, **{part: value}))
    errors = refused.value.message_dict
    assert list(errors) == [part] and message in errors[part][0]
    assert not Goal.objects.exists()


def test_a_goal_must_end_inside_the_cohort(enrollment, mentee):
    late = enrollment.cohort.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment, target_date=late))
    assert "inside your cohort" in refused.value.message_dict["target_date"][0]


def test_mentors_cannot_set_goals_for_their_mentee(enrollment, mentor):
    with pytest.raises(ValidationError, match="set by the mentee"):
        services.create_goal(enrollment=enrollment, by=mentor, **_parts(enrollment))


def test_an_achievement_counts_once_a_mentor_confirms_it(enrollment, mentee, mentor, other_mentor):
    goal = GoalFactory(enrollment=enrollment)
    services.record_check_in(goal=goal, by=mentee, value=Decimal(4), comment="Done")
    services.mark_goal_achieved(goal=goal, by=mentee)
    assert goal.status == Goal.Status.ACHIEVED and not goal.counts_as_achieved
    with pytest.raises(ValidationError, match="mentors"):
        services.confirm_goal_achieved(goal=goal, by=other_mentor)
    services.confirm_goal_achieved(goal=goal, by=mentor)
    assert goal.counts_as_achieved and goal.confirmed_by == mentor
    assert _notified(mentee, Kind.GOAL).filter(dedupe_key=f"goal:{goal.pk}:confirmed").exists()
    with pytest.raises(ValidationError, match="closed"):
        services.record_check_in(goal=goal, by=mentee, value=Decimal(5))


def test_goals_can_be_dropped_and_reopened(enrollment, mentee, mentor):
    goal = GoalFactory(enrollment=enrollment)
    with pytest.raises(ValidationError, match="Only the mentee"):
        services.drop_goal(goal=goal, by=mentor)
    services.drop_goal(goal=goal, by=mentee)
    assert goal.status == Goal.Status.DROPPED
    services.reopen_goal(goal=goal, by=mentee)
    assert goal.status == Goal.Status.ACTIVE and goal.dropped_at is None


def test_mentors_comment_on_goals_and_the_mentee_is_told(enrollment, mentee, mentor, other_mentor):
    goal = GoalFactory(enrollment=enrollment)
    services.comment_on_goal(goal=goal, by=mentor, body="Try a smaller first step")
    assert _notified(mentee, Kind.GOAL).count() == 1
    services.comment_on_goal(goal=goal, by=mentee, body="Will do")
    assert _notified(mentor, Kind.GOAL).count() == 1
    with pytest.raises(ValidationError):
        services.comment_on_goal(goal=goal, by=other_mentor, body="Nosy")


def test_a_second_mentor_of_the_mentee_shares_the_goals(cohort, enrollment, mentee):
    second = MentorshipFactory(cohort=cohort, mentee=mentee)
    goal = GoalFactory(enrollment=enrollment)
    services.comment_on_goal(goal=goal, by=second.mentor, body="I can help too")
    assert second.mentor in services.mentors_of(goal)
    assert len(services.mentors_of(goal)) == 2
