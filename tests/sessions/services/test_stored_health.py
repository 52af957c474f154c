"""Stored pair health (PairHealth) stays what sessions.health computes: after each kind of event, after the scan,
and on the dashboard when a row is missing or stale."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from matching.models import Mentorship
from sessions import services
from sessions.models import PairHealth
from sessions.scans.health import refresh_health
from sessions.selectors.dashboard.pairs import STORED, computed_rows, pair_rows
from sessions.services.health import refresh_pair_health, refresh_stale_health
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


def _midnight(now):
    return timezone.make_aware(datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min))


def test_midnight_takes_the_health_the_scan_prepared_before_it_and_recomputes_no_row(
    pair, enrollment, django_assert_max_num_queries
):
    GoalFactory(enrollment=enrollment)
    midnight = _midnight(timezone.now())
    evening, after = midnight - timedelta(minutes=40), midnight + timedelta(seconds=30)
    refresh_pair_health(mentorship_ids=[pair.pk], now=evening - timedelta(hours=3))
    assert PairHealth.objects.get(mentorship=pair).valid_until == midnight
    refresh_health(evening)  # the hour before midnight: the next day's health, beside today's
    stored = PairHealth.objects.get(mentorship=pair)
    assert stored.next_day_from == midnight and stored.computed_at == evening - timedelta(hours=3)
    # A page before midnight reads today's health; the first one after it takes the prepared health in one UPDATE.
    assert refresh_stale_health(cohort=pair.cohort, now=midnight - timedelta(seconds=1)) == 0
    with django_assert_max_num_queries(3):
        assert refresh_stale_health(cohort=pair.cohort, now=after) == 0
    stored = PairHealth.objects.get(mentorship=pair)
    (row,) = computed_rows(pair.cohort, now=after, ids=[pair.pk])
    assert (stored.score, stored.level, stored.reasons) == (row.score, row.level, row.reasons)
    assert stored.valid_until == row.valid_until == _midnight(after) and stored.next_day_from is None
    assert _stored(pair) == {"level": row.level, **{name: getattr(row, name) for name in FIGURES}}


def test_the_scan_takes_the_prepared_health_in_after_midnight(pair):
    midnight = _midnight(timezone.now())
    refresh_pair_health(mentorship_ids=[pair.pk], now=midnight - timedelta(hours=2))
    refresh_health(midnight - timedelta(minutes=5))
    refresh_health(midnight + timedelta(minutes=1))
    stored = PairHealth.objects.get(mentorship=pair)
    (row,) = computed_rows(pair.cohort, now=midnight + timedelta(minutes=1), ids=[pair.pk])
    assert (stored.computed_at, stored.next_day_from) == (midnight, None)
    assert (stored.score, stored.reasons, stored.valid_until) == (row.score, row.reasons, row.valid_until)


def test_an_event_after_the_scan_prepared_the_next_day_voids_it(pair, mentee):
    midnight = _midnight(timezone.now())
    refresh_pair_health(mentorship_ids=[pair.pk], now=midnight - timedelta(hours=2))
    refresh_health(midnight - timedelta(minutes=30))
    assert PairHealth.objects.get(mentorship=pair).next_day_from == midnight
    # Started an hour ago, whatever the time of day (a meeting is wrapped up only once it has started).
    meeting = MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(hours=1))
    services.wrap_up_meeting(meeting=meeting, by=mentee)  # computed now, for now: the prepared health is void
    assert PairHealth.objects.get(mentorship=pair).next_day_from is None
    after = max(midnight, timezone.now()) + timedelta(seconds=1)
    refresh_stale_health(cohort=pair.cohort, now=after)
    stored = PairHealth.objects.get(mentorship=pair)
    (row,) = computed_rows(pair.cohort, now=after, ids=[pair.pk])
    assert (stored.meetings_held, stored.reasons, stored.score) == (1, row.reasons, row.score)


def test_a_row_whose_figures_change_at_midnight_is_not_prepared_but_expires(pair):
    midnight = _midnight(timezone.now())
    MeetingFactory(mentorship=pair, starts_at=midnight)  # its time comes at midnight: agendas due change too
    refresh_pair_health(mentorship_ids=[pair.pk], now=midnight - timedelta(hours=2))
    refresh_health(midnight - timedelta(minutes=30))
    stored = PairHealth.objects.get(mentorship=pair)
    assert (stored.valid_until, stored.next_day_from) == (midnight, None)
    assert refresh_stale_health(cohort=pair.cohort, now=midnight + timedelta(seconds=1)) == 1
