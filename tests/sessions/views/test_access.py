"""Audited access: off by default (a 404, as before); on, a coordinator reads a pair's shared notes and agendas only
after giving a reason, the look is audited, and the pair sees who looked, when and why."""

import pytest
from django.urls import reverse

from mentoring.audit.models import Action, AuditEntry
from programs.models import Program
from sessions.models import Note
from tests.sessions.factories import AgendaItemFactory, MeetingFactory, MentorshipFactory, NoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(coordinator):
    mentorship = MentorshipFactory()
    mentorship.cohort.program.coordinators.add(coordinator)
    meeting = MeetingFactory(mentorship=mentorship)
    AgendaItemFactory(meeting=meeting, text="Agenda: the budget")
    NoteFactory(mentorship=mentorship, body="Shared: we spoke of budgets")
    NoteFactory(mentorship=mentorship, body="Private: my worries", visibility=Note.Visibility.PRIVATE)
    return mentorship


def allow(pair) -> None:
    Program.objects.filter(pk=pair.cohort.program_id).update(audited_access=True)


def test_it_is_off_by_default_and_answers_404(client, pair, coordinator):
    client.force_login(coordinator)
    url = reverse("sessions:pair_content", args=[pair.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "A safety report came in about this pair."}).status_code == 404
    assert not AuditEntry.objects.exists()
    assert url not in client.get(reverse("sessions:cohort_activity", args=[pair.cohort_id])).content.decode()


def test_without_a_reason_nothing_is_shown_nor_recorded(client, pair, coordinator):
    allow(pair)
    client.force_login(coordinator)
    url = reverse("sessions:pair_content", args=[pair.pk])
    assert url in client.get(reverse("sessions:cohort_activity", args=[pair.cohort_id])).content.decode()
    page = client.post(url, {"reason": "look"}).content.decode()
    assert "Say why you need to look" in page and "Shared: we spoke of budgets" not in page
    assert not AuditEntry.objects.exists()


def test_with_a_reason_the_shared_content_is_shown_audited_and_seen_by_the_pair(client, pair, coordinator):
    allow(pair)
    client.force_login(coordinator)
    reason = "A safety report came in about this pair."
    page = client.post(reverse("sessions:pair_content", args=[pair.pk]), {"reason": reason}).content.decode()
    assert "Shared: we spoke of budgets" in page and "Agenda: the budget" in page
    assert "Private: my worries" not in page
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id, entry.reason) == (
        Action.PAIR_CONTENT_OPENED,
        coordinator,
        pair.pk,
        reason,
    )
    assert "budgets" not in str(entry.changes)
    client.force_login(pair.mentee)
    pair_page = client.get(pair.get_absolute_url()).content.decode()
    assert "Who read your notes and agendas" in pair_page and reason in pair_page
    assert coordinator.display_name in pair_page
