"""The scan's due work for pairs at work: meeting reminders, agenda nudges and reviews, overdue action items,
inactivity alerts. Services against the real database; the clock frozen with time-machine where time matters."""

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications import scanning, tasks
from mentoring.notifications.models import Kind, Notification, NotificationSettings
from mentoring.notifications.services import notify_many
from sessions import scans
from sessions.models import Agreement, Meeting
from sessions.scans import pairs as reminders
from tests.sessions.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory, MentorshipFactory, person

# The cohorts of the factories run around today, so the clock is frozen near the real now.
NOW = timezone.now().replace(second=0, microsecond=0)


def owner_today(user) -> date:
    """The day it is at NOW where `user` lives: an action item is overdue the day after its due date there."""
    return timezone.localtime(NOW, zoneinfo.ZoneInfo(user.profile.time_zone)).date()


def scan(now):
    """The scan as beat runs it, with the clock frozen at `now`."""
    with time_machine.travel(now, tick=False):
        scanning.run_scan()


def reminders_of(user, kind=Kind.MEETING_REMINDER):
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("created_at", "pk"))


def meeting_at(mentorship, starts_at, **fields):
    return MeetingFactory(
        mentorship=mentorship, starts_at=starts_at, created_at=starts_at - timedelta(days=7), **fields
    )


def _due_meetings(cohort, count):
    for _ in range(count):
        pair = MentorshipFactory(cohort=cohort)
        meeting = meeting_at(pair, NOW + timedelta(minutes=30), agenda_prepared_at=NOW - timedelta(days=3))
        AgendaItemFactory(meeting=meeting)
        ActionItemFactory(mentorship=pair, due_on=NOW.date() - timedelta(days=2))


def _scan_queries(now) -> int:
    with time_machine.travel(now, tick=False), CaptureQueriesContext(connection) as queries:
        scanning.run_scan()
    return len(queries)


def test_both_sides_are_reminded_a_day_and_an_hour_before_by_default(mentorship, mentee, mentor):
    meeting = meeting_at(mentorship, NOW + timedelta(days=3))
    scan(meeting.starts_at - timedelta(days=1, minutes=1))
    assert reminders_of(mentee) == [] and reminders_of(mentor) == []
    scan(meeting.starts_at - timedelta(days=1))
    assert len(reminders_of(mentee)) == 1 and len(reminders_of(mentor)) == 1
    scan(meeting.starts_at - timedelta(hours=5))  # the day-before reminder is not repeated
    assert len(reminders_of(mentee)) == 1
    scan(meeting.starts_at - timedelta(minutes=59))
    assert len(reminders_of(mentee)) == 2 and len(reminders_of(mentor)) == 2
    scan(meeting.starts_at + timedelta(minutes=1))
    assert len(reminders_of(mentee)) == 2
    first = reminders_of(mentee)[0]
    assert first.url == meeting.get_absolute_url() and first.about == meeting
    assert "Max Mentor" in first.title


def test_each_person_is_reminded_at_their_own_lead_times(mentorship, mentee, mentor):
    NotificationSettings.objects.create(user=mentee, meeting_reminder_minutes=[15])
    NotificationSettings.objects.create(user=mentor, meeting_reminder_minutes=[])
    meeting = meeting_at(mentorship, NOW + timedelta(days=3))
    scan(meeting.starts_at - timedelta(hours=1))
    assert reminders_of(mentee) == []
    scan(meeting.starts_at - timedelta(minutes=15))
    assert len(reminders_of(mentee)) == 1
    assert reminders_of(mentor) == []  # no lead times chosen: no reminders


def test_a_missed_lead_is_not_sent_late_next_to_a_nearer_one(mentorship, mentee):
    """Scans stopped for a day, or the meeting was booked 30 minutes ahead: one reminder, not two."""
    meeting_at(mentorship, NOW + timedelta(minutes=30))
    scan(NOW)
    (only,) = reminders_of(mentee)
    assert ":reminder:60:" in only.dedupe_key


def test_a_moved_meeting_is_reminded_again_at_its_new_time(mentorship, mentee):
    meeting = meeting_at(mentorship, NOW + timedelta(minutes=50))
    scan(NOW)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=NOW + timedelta(days=2))
    scan(NOW + timedelta(days=1, minutes=1))
    assert len(reminders_of(mentee)) == 2


def test_cancelled_meetings_and_finished_pairs_are_not_reminded_but_converted_pairs_are(cohort):
    cancelled = MentorshipFactory(cohort=cohort)
    meeting_at(cancelled, NOW + timedelta(minutes=30), status=Meeting.Status.CANCELLED)
    completed = MentorshipFactory(cohort=cohort, status=Mentorship.Status.COMPLETED)
    meeting_at(completed, NOW + timedelta(minutes=30))
    converted = MentorshipFactory(cohort=cohort, status=Mentorship.Status.CONVERTED)
    meeting_at(converted, NOW + timedelta(minutes=30))
    scan(NOW)
    reminded = set(Notification.objects.filter(kind=Kind.MEETING_REMINDER).values_list("recipient_id", flat=True))
    assert reminded == {converted.mentee_id, converted.mentor_id}


def test_reminders_are_emailed_once_each(mentorship, mentee, mentor, mailoutbox, django_capture_on_commit_callbacks):
    meeting_at(mentorship, NOW + timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_many(reminders.due_meeting_reminders(NOW))
        notify_many(reminders.due_meeting_reminders(NOW))
    ids = list(Notification.objects.values_list("pk", flat=True))
    tasks.send_notification_emails(ids)
    tasks.send_notification_emails(ids)
    assert len([c for c in callbacks if c.__qualname__.startswith("queue_after_commit")]) == 1  # one e-mail batch
    assert sorted(m.to[0] for m in mailoutbox) == sorted([mentee.email, mentor.email])


@pytest.mark.parametrize(
    ("starts_at", "london", "new_york"),
    [
        (datetime(2026, 10, 24, 8, 0, tzinfo=UTC), "Sat 24 Oct at 09:00 BST", "Sat 24 Oct at 04:00 EDT"),
        (datetime(2026, 10, 26, 9, 0, tzinfo=UTC), "Mon 26 Oct at 09:00 GMT", "Mon 26 Oct at 05:00 EDT"),
    ],
    ids=["before-the-change", "after-the-change"],
)
def test_the_hour_before_reminder_fires_at_the_instant_and_shows_each_local_time(
    mentorship, mentee, mentor, starts_at, london, new_york
):
    meeting_at(mentorship, starts_at)
    scan(starts_at - timedelta(hours=1, seconds=1))
    day_before = len(reminders_of(mentee))
    scan(starts_at - timedelta(hours=1))
    assert len(reminders_of(mentee)) == day_before + 1
    assert reminders_of(mentee)[-1].title.endswith(london)  # the mentee lives in London
    assert reminders_of(mentor)[-1].title.endswith(new_york)  # the mentor in New York


def test_a_day_before_reminder_across_the_change_is_24_real_hours_before(mentorship, mentee):
    starts_at = datetime(2026, 10, 25, 9, 0, tzinfo=UTC)  # Sunday 09:00 GMT, after the clocks went back
    meeting_at(mentorship, starts_at)
    scan(datetime(2026, 10, 24, 8, 59, tzinfo=UTC))  # Saturday 09:59 BST: 24 h 1 min before
    assert reminders_of(mentee) == []
    scan(datetime(2026, 10, 24, 9, 0, tzinfo=UTC))  # Saturday 10:00 BST
    (reminder,) = reminders_of(mentee)
    assert reminder.title.endswith("Sun 25 Oct at 09:00 GMT")
    assert reminder.body.startswith("Sunday 25 October 2026, 09:00 GMT")


def test_the_mentee_is_nudged_a_day_before_the_agenda_deadline_when_the_agenda_is_empty(mentorship, mentee):
    empty = meeting_at(mentorship, NOW + timedelta(hours=71))  # deadline (48 h before) is 23 h away
    meeting_at(mentorship, NOW + timedelta(hours=73))  # deadline 25 h away: not yet
    written = meeting_at(mentorship, NOW + timedelta(hours=70))
    AgendaItemFactory(meeting=written)
    automatic = meeting_at(mentorship, NOW + timedelta(hours=69))
    AgendaItemFactory(meeting=automatic, author=None)  # put there by the app: the agenda is still empty
    scan(NOW)
    scan(NOW + timedelta(minutes=1))
    nudges = reminders_of(mentee, Kind.AGENDA)
    assert sorted(n.object_id for n in nudges) == sorted([empty.pk, automatic.pk])
    assert all("no agenda yet" in n.title for n in nudges)


def test_the_mentor_is_reminded_to_review_with_the_agenda_in_the_message(mentorship, mentor):
    ready = meeting_at(mentorship, NOW + timedelta(hours=47), objective="Plan the review", agenda_prepared_at=NOW)
    AgendaItemFactory(meeting=ready, text="How do I say no to my director?")
    reviewed = meeting_at(mentorship, NOW + timedelta(hours=47), agenda_prepared_at=NOW, agenda_reviewed_at=NOW)
    AgendaItemFactory(meeting=reviewed)
    meeting_at(mentorship, NOW + timedelta(hours=50), agenda_prepared_at=NOW)  # deadline not reached
    meeting_at(mentorship, NOW + timedelta(hours=40))  # nothing on the agenda: the mentee is nudged instead
    half_ready = meeting_at(mentorship, NOW + timedelta(hours=30))  # items but no objective yet
    AgendaItemFactory(meeting=half_ready, text="Salary talk")
    scan(NOW)
    scan(NOW + timedelta(minutes=1))
    review, half = sorted(reminders_of(mentor, Kind.AGENDA), key=lambda n: n.object_id != ready.pk)
    assert (review.object_id, half.object_id) == (ready.pk, half_ready.pk)
    assert "No objective set yet." in half.body and "Salary talk" in half.body
    assert "Objective: Plan the review" in review.body
    assert "Item for discussion: " in review.body
    assert "How do I say no to my director?" in review.body


def test_what_was_already_notified_is_not_drafted_again(mentorship, mentee, mentor):
    """The finders skip what was notified with one index probe per row, keyed by the meeting's own pk."""
    for n in range(5):  # notification ids run ahead of meeting ids, as in any live database
        Notification.objects.create(recipient=mentee, kind=Kind.PROGRAM, title="x", dedupe_key=f"other:{n}")
    empty = meeting_at(mentorship, NOW + timedelta(hours=71))
    ready = meeting_at(mentorship, NOW + timedelta(hours=47), objective="Plan", agenda_prepared_at=NOW)
    AgendaItemFactory(meeting=ready)
    overdue = ActionItemFactory(mentorship=mentorship, owner=mentor, due_on=owner_today(mentor) - timedelta(days=1))
    assert [d.object_id for d in reminders.due_agenda_nudges(NOW)] == [empty.pk]
    assert [d.object_id for d in reminders.due_agenda_reviews(NOW)] == [ready.pk]
    assert [d.object_id for d in reminders.due_overdue_action_items(NOW)] == [overdue.pk]
    scan(NOW)
    assert reminders.due_agenda_nudges(NOW) == reminders.due_agenda_reviews(NOW) == []
    assert reminders.due_overdue_action_items(NOW) == []


def test_an_overdue_action_item_is_notified_to_its_owner_once(mentorship, mentee, mentor):
    today = owner_today(mentor)
    overdue = ActionItemFactory(mentorship=mentorship, owner=mentor, due_on=today - timedelta(days=1))
    ActionItemFactory(mentorship=mentorship, owner=mentor, due_on=today)  # due today: not overdue yet
    ActionItemFactory(mentorship=mentorship, owner=mentee, due_on=today - timedelta(days=3), done_at=NOW)
    scan(NOW)
    # Scanned again later the same day where the owner lives (an hour later would be the next day there when the
    # owner's midnight falls within it, and the item due "today" would be overdue by then).
    scan(NOW + timedelta(seconds=30))
    (notification,) = Notification.objects.filter(kind=Kind.ACTION_ITEM)
    assert notification.recipient == mentor and notification.object_id == overdue.pk
    assert notification.title == f"Overdue: {overdue.title}"


def test_an_action_item_is_overdue_when_the_owners_local_day_has_moved_on(mentorship):
    owner = person(time_zone="Pacific/Auckland")
    Mentorship.objects.filter(pk=mentorship.pk).update(mentee=owner)
    ActionItemFactory(mentorship=mentorship, owner=owner, due_on=date(2026, 3, 10))
    scan(datetime(2026, 3, 10, 10, 59, tzinfo=UTC))  # 23:59 on the 10th in Auckland
    assert not Notification.objects.filter(kind=Kind.ACTION_ITEM).exists()
    scan(datetime(2026, 3, 10, 11, 0, tzinfo=UTC))  # midnight: the 11th in Auckland, still the 10th in UTC
    assert Notification.objects.filter(kind=Kind.ACTION_ITEM, recipient=owner).count() == 1


def test_coordinators_hear_once_of_a_pair_that_has_not_met_for_twice_its_cadence(
    cohort, coordinator, mentorship, mentee
):
    meeting_at(mentorship, NOW - timedelta(days=27), status=Meeting.Status.HELD)  # cadence: 14 days
    scan(NOW)
    assert not Notification.objects.filter(kind=Kind.COORDINATOR).exists()
    scan(NOW + timedelta(days=1, minutes=1))
    scan(NOW + timedelta(days=2))
    (alert,) = Notification.objects.filter(kind=Kind.COORDINATOR)
    assert alert.recipient == coordinator
    assert alert.title == "Max Mentor and Mia Mentee have not met for 28 days"
    assert mentee.email not in alert.body  # that they meet, never what they said


def test_an_agreed_cadence_and_a_planned_meeting_keep_a_pair_off_the_inactivity_list(cohort, coordinator):
    monthly = MentorshipFactory(cohort=cohort, started_at=NOW - timedelta(days=40))
    Agreement.objects.create(mentorship=monthly, cadence_days=30)
    planned = MentorshipFactory(cohort=cohort, started_at=NOW - timedelta(days=40))
    meeting_at(planned, NOW + timedelta(days=5))
    quiet = MentorshipFactory(cohort=cohort, started_at=NOW - timedelta(days=40))
    MentorshipFactory(cohort=cohort, started_at=NOW - timedelta(days=40), status=Mentorship.Status.CONVERTED)
    scan(NOW)
    assert list(Notification.objects.filter(kind=Kind.COORDINATOR).values_list("object_id", flat=True)) == [quiet.pk]


def test_a_pair_that_meets_again_and_goes_quiet_again_raises_a_new_alert(cohort, coordinator):
    pair = MentorshipFactory(cohort=cohort, started_at=NOW - timedelta(days=40))
    scan(NOW)
    meeting_at(pair, NOW + timedelta(days=1), status=Meeting.Status.HELD)
    scan(NOW + timedelta(days=2))
    scan(NOW + timedelta(days=31))
    assert Notification.objects.filter(kind=Kind.COORDINATOR).count() == 2


@pytest.mark.postgres  # SQLite splits a large INSERT by its parameter limit
def test_the_scan_query_count_does_not_grow_with_what_is_due(cohort, monkeypatch):
    finders = {name: finder for name, finder in scans.FINDERS.items() if finder.__module__ == reminders.__name__}
    monkeypatch.setattr(scanning, "_finders", finders)
    _scan_queries(NOW - timedelta(days=30))  # nothing due yet; fills the content-type cache
    _due_meetings(cohort, 2)
    few = _scan_queries(NOW)
    _due_meetings(cohort, 12)
    many = _scan_queries(NOW + timedelta(seconds=1))
    assert Notification.objects.filter(kind=Kind.MEETING_REMINDER).count() == 2 * 14
    assert Notification.objects.filter(kind=Kind.ACTION_ITEM).count() == 14
    assert few == many


def test_a_steady_scan_with_nothing_new_inserts_nothing(mentorship):
    meeting_at(mentorship, timezone.now() + timedelta(minutes=30))
    scanning.run_scan()
    with CaptureQueriesContext(connection) as queries:
        scanning.run_scan()
    assert not [q for q in queries if q["sql"].startswith("INSERT")]


def test_the_demo_meeting_soon_is_reminded_by_the_first_scan_after_seeding(mentorship, mentee, mentor):
    from sessions.demo.pairs import meeting_soon

    seeded_at = timezone.now()
    meeting_soon([mentorship], seeded_at)
    meeting_soon([mentorship], seeded_at)  # seeding twice adds no second meeting
    (meeting,) = Meeting.objects.filter(mentorship=mentorship)
    scan(seeded_at + timedelta(minutes=1))  # beat's first tick after `make run`
    assert [n.object_id for n in reminders_of(mentee)] == [meeting.pk]
    assert [n.object_id for n in reminders_of(mentor)] == [meeting.pk]
    (review,) = reminders_of(mentor, Kind.AGENDA)
    assert "How do I open the presentation?" in review.body


def test_a_pair_whose_stored_health_still_shows_a_meeting_that_came_is_probed_and_alerted(
    cohort, coordinator, mentorship
):
    """The inactivity finder skips only pairs whose stored health shows a meeting still to come: one whose stored
    next meeting has passed (the scan has not refreshed it yet), or that has no stored row, is looked at."""
    from sessions.services.health import refresh_pair_health

    meeting_at(mentorship, NOW - timedelta(days=40), status=Meeting.Status.HELD)
    missed = meeting_at(mentorship, NOW - timedelta(days=30) + timedelta(hours=1))
    refresh_pair_health(mentorship_ids=[mentorship.pk], now=NOW - timedelta(days=30))
    assert mentorship.stored_health.next_meeting == missed.starts_at
    Meeting.objects.filter(pk=missed.pk).update(status=Meeting.Status.CANCELLED)  # as if health were not refreshed
    assert reminders.due_inactivity_alerts(NOW)
    mentorship.stored_health.delete()
    assert reminders.due_inactivity_alerts(NOW)
