"""Meeting reminders through the scan's marks (a windowed finder): whatever happens between runs (runs missed, a
run failing, a meeting booked or moved after its lead came), each reminder goes once and none is lost."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from mentoring.notifications import scanning
from mentoring.notifications.models import Kind, Notification, ScanMark
from sessions.models import Meeting
from sessions.scans import pairs as reminders
from sessions.services.meetings import reschedule_meeting
from tests.sessions.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)


def scan(now):
    with time_machine.travel(now, tick=False):
        scanning.run_scan()


def keys(user):
    return sorted(
        Notification.objects.filter(recipient=user, kind=Kind.MEETING_REMINDER).values_list("dedupe_key", flat=True)
    )


def meeting_at(mentorship, starts_at, **fields):
    booked = fields.pop("booked", starts_at - timedelta(days=7))
    return MeetingFactory(mentorship=mentorship, starts_at=starts_at, created_at=booked, timed_at=booked, **fields)


def test_meeting_reminders_are_a_windowed_finder():
    assert scanning.is_windowed("meeting-reminders")


def test_runs_missed_for_hours_are_caught_up_by_the_next_one(mentorship, mentee):
    meeting = meeting_at(mentorship, NOW + timedelta(hours=6))
    scan(NOW)  # the day-before reminder, and the mark
    assert [key.split(":")[3] for key in keys(mentee)] == ["1440"]
    scan(meeting.starts_at - timedelta(minutes=20))  # no run for 5 h 40: the 1-hour lead came meanwhile
    assert [key.split(":")[3] for key in keys(mentee)] == ["1440", "60"]


def test_a_run_that_crashes_is_redone_by_the_next_and_nothing_is_sent_twice(mentorship, mentee, mentor, monkeypatch):
    meeting = meeting_at(mentorship, NOW + timedelta(hours=3))
    scan(NOW)
    Notification.objects.all().delete()
    before = ScanMark.objects.get(finder="meeting-reminders").scanned_until
    real = reminders.due_meeting_reminders

    def crashing(now, since=None):
        real(now, since)
        raise RuntimeError("worker killed mid-run")

    monkeypatch.setitem(scanning._finders, "meeting-reminders", crashing)
    scan(meeting.starts_at - timedelta(minutes=59))
    assert keys(mentee) == [] and ScanMark.objects.get(finder="meeting-reminders").scanned_until == before
    monkeypatch.setitem(scanning._finders, "meeting-reminders", real)
    scan(meeting.starts_at - timedelta(minutes=58))
    assert len(keys(mentee)) == 1 and len(keys(mentor)) == 1
    scan(meeting.starts_at - timedelta(minutes=57))  # the overlap finds the same lead again
    scan(meeting.starts_at - timedelta(minutes=30))
    assert len(keys(mentee)) == 1 and len(keys(mentor)) == 1


def test_a_meeting_booked_after_its_lead_came_is_reminded_by_the_next_run(mentorship, mentee):
    scan(NOW)
    meeting_at(mentorship, NOW + timedelta(minutes=40), booked=NOW + timedelta(seconds=20))
    scan(NOW + timedelta(minutes=1))
    assert [key.split(":")[3] for key in keys(mentee)] == ["60"]


def test_a_meeting_moved_nearer_after_the_last_run_is_reminded_at_its_new_time(mentorship, mentee):
    meeting = meeting_at(mentorship, NOW + timedelta(days=5))
    scan(NOW)
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False):
        reschedule_meeting(meeting=meeting, by=mentee, starts_at=NOW + timedelta(minutes=45), duration_minutes=45)
    scan(NOW + timedelta(minutes=1))
    assert [key.split(":")[3] for key in keys(mentee)] == ["60"]
    assert Meeting.objects.get(pk=meeting.pk).timed_at == NOW + timedelta(seconds=30)


def test_a_run_looks_only_at_meetings_whose_lead_came_or_that_were_booked_since(mentorship):
    due = meeting_at(mentorship, NOW + timedelta(hours=1))  # the 1-hour lead comes now
    meeting_at(mentorship, NOW + timedelta(hours=2))  # no lead in the last minutes
    meeting_at(mentorship, NOW + timedelta(hours=2, minutes=5), booked=NOW - timedelta(minutes=2))  # booked since
    since = NOW - timedelta(minutes=5)
    found = {draft.object_id for draft in reminders.due_meeting_reminders(NOW, since)}
    assert due.pk in found and len(found) == 2
    assert len({d.object_id for d in reminders.due_meeting_reminders(NOW)}) == 3  # no mark: every meeting in reach
