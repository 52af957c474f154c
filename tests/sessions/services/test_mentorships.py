"""Ending a mentorship early."""

import pytest
from django.core.exceptions import ValidationError

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification
from sessions import services
from sessions.models import Meeting
from tests.sessions.factories import MeetingFactory


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def test_ending_early_records_why_cancels_what_is_planned_and_tells_the_other_kindly(mentorship, mentee, mentor):
    upcoming = MeetingFactory(mentorship=mentorship)
    services.end_mentorship_early(
        mentorship=mentorship, by=mentee, reason="New job abroad", thank_you_note="Your budget template"
    )
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED_EARLY
    assert (mentorship.ended_by, mentorship.end_reason, mentorship.thank_you_note) == (
        mentee,
        "New job abroad",
        "Your budget template",
    )
    upcoming.refresh_from_db()
    assert upcoming.status == Meeting.Status.CANCELLED
    told = _notified(mentor, Kind.MENTORSHIP).get()
    assert "Your budget template" in told.body and "Thank you" in told.body
    with pytest.raises(ValidationError, match="already"):
        services.end_mentorship_early(mentorship=mentorship, by=mentor, reason="again")


def test_ending_early_needs_a_reason(mentorship, mentor):
    with pytest.raises(ValidationError):
        services.end_mentorship_early(mentorship=mentorship, by=mentor, reason="  ")
