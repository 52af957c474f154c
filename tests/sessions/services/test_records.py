"""Notes and action items."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mentoring.notifications.models import Kind, Notification
from sessions import services
from sessions.models import Note
from tests.sessions.factories import MeetingFactory, person


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def test_a_note_raised_with_coordinators_tells_them_and_nobody_else(mentorship, mentee, mentor, coordinator):
    note = services.add_note(mentorship=mentorship, by=mentee, body="We never meet", visibility="coordinators")
    assert note.visibility == Note.Visibility.COORDINATORS
    assert _notified(coordinator, Kind.COORDINATOR).get().url.endswith("#raised")
    assert not _notified(mentor).exists()


def test_a_shared_note_tells_the_partner_and_a_private_one_nobody(mentorship, mentee, mentor):
    services.add_note(mentorship=mentorship, by=mentee, body="Thanks!", visibility="pair")
    services.add_note(mentorship=mentorship, by=mentee, body="Nervous", visibility="private")
    assert _notified(mentor).count() == 1


def test_a_note_on_another_pairs_meeting_is_refused(mentorship, mentee):
    with pytest.raises(ValidationError, match="another pair"):
        services.add_note(mentorship=mentorship, by=mentee, body="x", visibility="pair", meeting=MeetingFactory())


def test_action_items_belong_to_one_of_the_pair(mentorship, mentee, mentor):
    item = services.add_action_item(
        mentorship=mentorship, by=mentor, owner=mentee, title="Draft the budget", due_on=date.today()
    )
    assert _notified(mentee, Kind.ACTION_ITEM).get().dedupe_key == f"action:{item.pk}:assigned"
    with pytest.raises(ValidationError, match="one of the two"):
        services.add_action_item(mentorship=mentorship, by=mentor, owner=person(), title="x", due_on=date.today())
    services.toggle_action_item(item=item, by=mentee)
    assert item.is_done
    services.toggle_action_item(item=item, by=mentor)
    assert not item.is_done
