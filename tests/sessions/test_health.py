"""The pair health score: plain arithmetic over leading signs, each lost point with its reason in plain words."""

from pathlib import Path

from sessions import health as health_module
from sessions.health import Level, Signals, Topic, pair_health

STEADY = Signals(
    days_active=60,
    cadence_days=14,
    meetings_held=4,
    days_since_last_meeting=10,
    has_upcoming_meeting=True,
    agendas_due=4,
    agendas_prepared_in_time=4,
    agendas_reviewed_in_time=4,
    mentee_items=8,
    mentor_items=3,
    goals_set=2,
    goals_active=2,
    days_since_check_in=12,
)


def _with(**changes) -> Signals:
    return Signals(**{**STEADY.__dict__, **changes})


def test_a_pair_keeping_every_habit_is_on_track_with_its_strengths_named():
    health = pair_health(STEADY)
    assert (health.score, health.level) == (100, Level.ON_TRACK)
    assert health.concerns == []
    assert [r.text for r in health.strengths] == [
        "Meeting on rhythm (agreed every 14 days)",
        "Agenda prepared in time for 4 of 4 meetings",
        "Both sides add to the agenda",
        "Goal check-in 12 days ago",
    ]
    assert health.main_topic is None and health.summary.startswith("Meeting on rhythm")


def test_missing_the_rhythm_costs_more_the_longer_it_lasts():
    behind = pair_health(_with(days_since_last_meeting=20))
    lapsed = pair_health(_with(days_since_last_meeting=40, has_upcoming_meeting=False))
    assert behind.score == 85 and behind.level == Level.ON_TRACK
    assert lapsed.score == 55 and lapsed.level == Level.WATCH
    assert [r.text for r in lapsed.concerns] == [
        "Last meeting 40 days ago (agreed every 14 days)",
        "No next meeting scheduled",
    ]
    assert lapsed.main_topic == Topic.CADENCE


def test_a_pair_that_never_met_is_at_risk_once_past_its_first_rhythm():
    health = pair_health(_with(meetings_held=0, days_since_last_meeting=None, agendas_due=0, days_active=30))
    assert (health.score, health.level) == (60, Level.WATCH)
    assert health.concerns[0].text == "No meeting held in 30 days together (agreed every 14 days)"
    new = pair_health(_with(meetings_held=0, days_since_last_meeting=None, agendas_due=0, days_active=5))
    assert new.score == 100


def test_agendas_not_prepared_or_reviewed_in_time_are_reasons():
    health = pair_health(_with(agendas_prepared_in_time=1, agendas_reviewed_in_time=2))
    assert {r.text: r.points for r in health.concerns} == {
        "Agenda prepared in time for 1 of 4 meetings": 15,
        "Mentor reviewed the agenda beforehand for 2 of 4 meetings": 5,
    }


def test_one_side_doing_all_the_adding_is_a_reason():
    assert pair_health(_with(mentee_items=1, mentor_items=9)).concerns[0].topic == Topic.BALANCE
    assert pair_health(_with(mentee_items=9, mentor_items=0)).concerns[0].text == "Only the mentee adds agenda items"


def test_goals_without_check_ins_and_no_goal_at_all_are_reasons():
    assert pair_health(_with(days_since_check_in=60)).concerns[0].text == "Last goal check-in 60 days ago"
    assert pair_health(_with(goals_set=0, goals_active=0)).concerns[0].text == "No goal set yet"
    assert pair_health(_with(goals_set=0, goals_active=0, days_active=20)).score == 100


def test_things_left_unanswered_add_up_and_the_worst_comes_first():
    health = pair_health(
        _with(
            overdue_action_items=4,
            meetings_awaiting_wrap_up=1,
            agreement_confirmed=False,
            days_proposal_waiting=9,
            notes_raised=1,
            days_since_last_meeting=40,
            has_upcoming_meeting=False,
        )
    )
    assert health.level == Level.AT_RISK and health.score == 0
    points = [r.points for r in health.concerns]
    assert points == sorted(points, reverse=True)
    assert "4 action items overdue" in [r.text for r in health.concerns]
    assert "1 note raised with you" in [r.text for r in health.concerns]


def test_a_proposed_pair_waits_a_week_before_it_is_a_concern():
    assert pair_health(Signals(days_active=3, cadence_days=14, proposed=True)).score == 100
    late = pair_health(Signals(days_active=12, cadence_days=14, proposed=True))
    assert late.level == Level.AT_RISK and late.summary == "Proposed 12 days ago, not yet confirmed by both"


def test_the_score_is_plain_python():
    imports = [line for line in Path(health_module.__file__).read_text().splitlines() if "import" in line]
    assert imports and not any("django" in line for line in imports)
