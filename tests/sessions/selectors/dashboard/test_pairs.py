"""The dashboard's pairs: counts, health and the triage queue, against a cohort built to known numbers."""

from sessions.health import Level
from sessions.selectors.dashboard.pairs import pair_rows, triage
from tests.sessions import dashboard_scene
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)


def _by_kind(rows):
    kinds = {}
    for i, pair in enumerate(sorted(rows, key=lambda r: r.pk)):
        kinds.setdefault(dashboard_scene.KINDS[i % 5], []).append(pair)
    return kinds


def test_pairs_carry_their_counts_and_a_health_that_matches_their_signs(scene):
    kinds = _by_kind(pair_rows(scene.cohort))
    on_track, watch, at_risk = kinds["on_track"][0], kinds["watch"][0], kinds["at_risk"][0]
    assert on_track.meetings_held == 3 and on_track.agenda_rate == 100 and on_track.next_meeting is not None
    assert on_track.level == Level.ON_TRACK and on_track.score == 100
    assert watch.level == Level.WATCH
    assert "Last meeting 20 days ago, behind the rhythm (agreed every 14 days)" in watch.health.summary
    assert at_risk.level == Level.AT_RISK and at_risk.agenda_rate == 0
    concerns = [reason.text for reason in at_risk.health.concerns]
    assert "Last meeting 45 days ago (agreed every 14 days)" in concerns
    assert "1 action item overdue" in concerns
    assert "Mentoring agreement not yet confirmed by both" in concerns
    assert kinds["proposed"][0].level == Level.AT_RISK
    assert (at_risk.nudge, kinds["proposed"][0].nudge) == ("meet", "follow_up")  # the message fits the worst sign
    assert kinds["completed"][0].health is None and kinds["completed"][0].meetings_held == 3


def test_the_triage_queue_lists_the_at_risk_pairs_worst_first(scene):
    queue = triage(pair_rows(scene.cohort))
    assert len(queue) == 4
    assert [r.score for r in queue] == sorted(r.score for r in queue)
    assert all(r.level == Level.AT_RISK for r in queue)
