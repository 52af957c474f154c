"""The early relationship check: asked in weeks 3 to 6, answered once and privately; a poor answer lowers the pair's
health with a reason that names neither side nor answer, and puts the pair in the triage queue."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.notifications.models import Notification
from mentoring.notifications.scanning import run_scan
from sessions.health import Level, Signals, pair_health
from sessions.models import RelationshipCheck
from sessions.scans.checks import due_relationship_checks
from sessions.selectors.dashboard.pairs import pair_rows, triage
from sessions.services.checks import answer_relationship_check
from tests.sessions.factories import MentorshipFactory

GOOD = {"working": 4, "meeting_as_agreed": 5, "getting_what_i_came_for": 4}
POOR = {"working": 2, "meeting_as_agreed": 4, "getting_what_i_came_for": 3}


def test_a_poor_answer_puts_a_healthy_pair_at_risk_with_a_reason_naming_no_side():
    signals = Signals(days_active=25, cadence_days=14, meetings_held=2, days_since_last_meeting=5,
                      has_upcoming_meeting=True)  # fmt: skip
    assert pair_health(signals).level == Level.ON_TRACK
    flagged = pair_health(Signals(**{**signals.__dict__, "relationship_concerns": 1}))
    assert flagged.level == Level.AT_RISK
    assert flagged.concerns[0].text == "One side says it isn't working (early relationship check)"
    both = pair_health(Signals(**{**signals.__dict__, "relationship_concerns": 2}))
    assert both.concerns[0].text.startswith("Both sides say")


def _pair(days, **fields):
    return MentorshipFactory(started_at=timezone.now() - timedelta(days=days), **fields)


def test_each_side_is_asked_in_weeks_three_to_six_once_then_reminded_once(db):
    early, due, late = _pair(10), _pair(25), _pair(50)
    drafts = due_relationship_checks(timezone.now())
    assert sorted(d.recipient_id for d in drafts) == sorted([due.mentee_id, due.mentor_id])
    run_scan(timezone.now())
    assert due_relationship_checks(timezone.now()) == []
    answer_relationship_check(mentorship=due, user=due.mentee, **GOOD)
    later = timezone.now() + timedelta(days=5)
    reminders = due_relationship_checks(later)
    assert [d.recipient_id for d in reminders] == [due.mentor_id]
    run_scan(later)
    assert due_relationship_checks(later) == []
    assert not Notification.objects.filter(recipient__in=[early.mentee, late.mentee]).exists()


def test_a_program_can_turn_the_check_off(db):
    pair = _pair(25)
    assert pair.cohort.program.relationship_check  # on by default
    pair.cohort.program.relationship_check = False
    pair.cohort.program.save()
    assert due_relationship_checks(timezone.now()) == []


def test_a_side_answers_once_and_an_outsider_never(db, user):
    pair = _pair(25)
    answer_relationship_check(mentorship=pair, user=pair.mentor, **GOOD)
    with pytest.raises(ValidationError, match="already answered"):
        answer_relationship_check(mentorship=pair, user=pair.mentor, **POOR)
    with pytest.raises(ValidationError):
        answer_relationship_check(mentorship=pair, user=user, **POOR)
    with pytest.raises(ValidationError):
        answer_relationship_check(mentorship=pair, user=pair.mentee, **{**GOOD, "working": 9})
    assert list(RelationshipCheck.objects.values_list("side", "working")) == [("mentor", 4)]


def test_a_poor_answer_lands_the_pair_in_the_triage_queue(db):
    pair = _pair(25)
    answer_relationship_check(mentorship=pair, user=pair.mentee, **POOR)
    rows = pair_rows(pair.cohort)
    assert [r.pk for r in triage(rows)] == [pair.pk]
    assert "One side says it isn't working" in rows[0].health.summary


def test_the_coordinators_dashboard_shows_the_reason_never_the_side_or_answers(client, coordinator):
    pair = _pair(25)
    pair.cohort.program.coordinators.add(coordinator)
    answer_relationship_check(mentorship=pair, user=pair.mentee, **POOR)
    client.force_login(coordinator)
    page = client.get(reverse("sessions:dashboard", args=[pair.cohort.pk])).content.decode()
    assert "One side says it isn&#x27;t working" in page or "One side says it isn't working" in page
    assert "Is this mentoring relationship working" not in page


def test_the_check_page_takes_one_answer_per_side(client, db):
    pair = _pair(25)
    client.force_login(pair.mentee)
    url = reverse("sessions:relationship_check", args=[pair.pk])
    response = client.post(url, {**POOR, "working": "7"})
    assert response.status_code == 200 and not RelationshipCheck.objects.exists()
    assert client.post(url, POOR).status_code == 302
    assert "You have answered" in client.get(url).content.decode()
    client.post(url, GOOD)
    assert RelationshipCheck.objects.get().working == 2
