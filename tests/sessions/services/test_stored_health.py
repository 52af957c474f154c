"""Stored pair health (PairHealth) stays what sessions.health computes: after each kind of event, after the scan,
and on the dashboard when a row is missing or stale."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from matching.models import Mentorship
from sessions import services
from sessions.models import PairHealth
from sessions.scans.health import refresh_health
from sessions.selectors.dashboard.pairs import STORED, computed_rows, pair_rows
from sessions.services.health import refresh_pair_health
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory

FIGURES = [name for name in STORED if name not in ("status", "computed_at", "level")]


def _stored(mentorship) -> dict:
    row = PairHealth.objects.get(mentorship=mentorship)
    return {"level": row.level or None, **{name: getattr(row, name) for name in FIGURES}}


def _recomputed(mentorship) -> dict:
    (row,) = computed_rows(mentorship.cohort, ids=[mentorship.pk])
    return {"level": row.level, **{name: getattr(row, name) for name in FIGURES}}


def _assert_in_step(mentorship) -> dict:
    stored = _stored(mentorship)
    assert stored == _recomputed(mentorship)
    return stored


@pytest.fixture
def pair(mentorship):
    Mentorship.objects.filter(pk=mentorship.pk).update(started_at=timezone.now() - timedelta(days=40))
    mentorship.refresh_from_db()
    refresh_pair_health(mentorship_ids=[mentorship.pk])
    return mentorship


def test_a_meeting_held_updates_the_stored_health(pair, mentee):
    before = _assert_in_step(pair)
    meeting = MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(hours=1))
    services.wrap_up_meeting(meeting=meeting, by=mentee)
    after = _assert_in_step(pair)
    assert (before["meetings_held"], after["meetings_held"]) == (0, 1)
    assert before["reasons"] != after["reasons"]


def test_an_agenda_prepared_updates_the_stored_health(pair, mentee):
    meeting = MeetingFactory(mentorship=pair, starts_at=timezone.now() + timedelta(days=5))
    services.set_objective(meeting=meeting, by=mentee, objective="Plan the budget")
    before = _assert_in_step(pair)
    services.add_agenda_item(meeting=meeting, by=mentee, category="question", text="Reserves?")
    meeting.refresh_from_db()
    assert meeting.is_agenda_prepared
    _assert_in_step(pair)
    # Once its time has passed, the prepared agenda counts: the scan recomputes the row that expired with it.
    later = meeting.starts_at + timedelta(minutes=1)
    assert PairHealth.objects.get(mentorship=pair).valid_until <= later
    assert refresh_health(later) == []
    (row,) = computed_rows(pair.cohort, now=later, ids=[pair.pk])
    stored = PairHealth.objects.get(mentorship=pair)
    assert (stored.agenda_rate, row.agenda_rate, stored.reasons) == (100, 100, row.reasons)
    assert before["next_meeting"] == meeting.starts_at and stored.next_meeting is None


def test_a_check_in_updates_the_stored_health(pair, enrollment, mentee):
    goal = GoalFactory(enrollment=enrollment)
    refresh_pair_health(mentorship_ids=[pair.pk])  # the factory's goal came without an event
    before = _assert_in_step(pair)
    services.record_check_in(goal=goal, by=mentee, value=Decimal(1), comment="Started")
    after = _assert_in_step(pair)
    assert any("check-in" in text for text, _, _ in before["reasons"])
    assert before["reasons"] != after["reasons"]


def test_the_scan_stores_missing_and_expired_rows(pair, mentee):
    PairHealth.objects.all().delete()
    refresh_health(timezone.now())
    _assert_in_step(pair)
    AgendaItemFactory(meeting=MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(days=3)))
    tomorrow = timezone.now() + timedelta(days=1, hours=1)
    refresh_health(tomorrow)
    stored = PairHealth.objects.get(mentorship=pair)
    (row,) = computed_rows(pair.cohort, now=tomorrow, ids=[pair.pk])
    assert stored.computed_at == tomorrow and stored.reasons == row.reasons
    assert any("not yet marked held" in text for text, _, _ in stored.reasons)


def test_the_dashboard_recomputes_rows_that_are_missing_stale_or_of_another_status(pair, mentee):
    def dashboard_reasons():
        (row,) = pair_rows(pair.cohort)
        return row.reasons, row.score

    PairHealth.objects.all().delete()
    assert dashboard_reasons() == ((r := computed_rows(pair.cohort)[0]).reasons, r.score)
    refresh_pair_health(mentorship_ids=[pair.pk])
    MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(hours=1), status="held")  # no event
    PairHealth.objects.update(valid_until=timezone.now() - timedelta(seconds=1))
    assert dashboard_reasons() == ((r := computed_rows(pair.cohort)[0]).reasons, r.score)
    refresh_pair_health(mentorship_ids=[pair.pk])
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.ENDED_EARLY)
    assert dashboard_reasons() == ([], None)
