"""The meeting page's "Start from a template": the program's templates listed, their items added through htmx
with the agenda fragment, another program's template refused."""

import pytest
from django.urls import reverse

from tests.programs.factories import AgendaTemplateFactory
from tests.sessions.factories import MeetingFactory


@pytest.fixture
def meeting(mentorship):
    return MeetingFactory(mentorship=mentorship)


def test_the_meeting_page_lists_only_the_programs_templates(client, meeting, mentee):
    mine = AgendaTemplateFactory(program=meeting.mentorship.cohort.program, name="First meeting")
    AgendaTemplateFactory(name="Someone else's")
    client.force_login(mentee)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Start from a template" in page and mine.name in page and "Someone else" not in page


def test_the_page_offers_no_template_form_without_templates(client, meeting, mentee):
    client.force_login(mentee)
    assert "Start from a template" not in client.get(meeting.get_absolute_url()).content.decode()


def test_starting_from_a_template_answers_htmx_with_the_agenda(client, meeting, mentor):
    template = AgendaTemplateFactory(program=meeting.mentorship.cohort.program)
    client.force_login(mentor)
    url = reverse("sessions:agenda_from_template", args=[meeting.pk])
    response = client.post(url, {"template": template.pk}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and 'id="agenda"' in body
    assert "What went well?" in body and "Template items added." in body
    assert meeting.agenda_items.count() == 2


def test_another_programs_template_is_refused_with_a_message(client, meeting, mentee):
    other = AgendaTemplateFactory()
    client.force_login(mentee)
    url = reverse("sessions:agenda_from_template", args=[meeting.pk])
    response = client.post(url, {"template": other.pk}, HTTP_HX_REQUEST="true")
    assert "Choose one of the program" in response.content.decode()
    assert not meeting.agenda_items.exists()
