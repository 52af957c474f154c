"""A pair starts a meeting's agenda from one of its program's templates: the items land after what is there, in
one transaction, with the agenda's usual rules."""

import pytest
from django.core.exceptions import ValidationError

from sessions.models import AgendaItem, Meeting
from sessions.services import start_agenda_from_template
from tests.programs.factories import AgendaTemplateFactory
from tests.sessions.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def meeting(mentorship):
    return MeetingFactory(mentorship=mentorship)


def test_the_templates_items_follow_the_agenda_in_order(meeting, mentee):
    AgendaItemFactory(meeting=meeting, text="Already there", order=4)
    template = AgendaTemplateFactory(program=meeting.mentorship.cohort.program)
    start_agenda_from_template(meeting=meeting, by=mentee, template=template)
    rows = list(meeting.agenda_items.order_by("order").values_list("text", "category", "order", "author"))
    assert rows == [
        ("Already there", "discussion", 4, rows[0][3]),
        ("What went well?", "question", 5, mentee.pk),
        ("Next", "discussion", 6, mentee.pk),
    ]


def test_another_programs_template_is_refused(meeting, mentee):
    with pytest.raises(ValidationError, match="your program"):
        start_agenda_from_template(meeting=meeting, by=mentee, template=AgendaTemplateFactory())
    assert not AgendaItem.objects.exists()


def test_someone_outside_the_pair_may_not(meeting, coordinator):
    template = AgendaTemplateFactory(program=meeting.mentorship.cohort.program)
    with pytest.raises(ValidationError):
        start_agenda_from_template(meeting=meeting, by=coordinator, template=template)
    assert not AgendaItem.objects.exists()


def test_a_cancelled_meeting_takes_no_template(meeting, mentor):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        start_agenda_from_template(
            meeting=meeting, by=mentor, template=AgendaTemplateFactory(program=meeting.mentorship.cohort.program)
        )
    assert not AgendaItem.objects.exists()
