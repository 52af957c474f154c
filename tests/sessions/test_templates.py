"""The sessions templates: an agenda row is the `agenda_item` partial of sessions/_agenda.html, rendered here on
its own and inside a long agenda; and no template compares a status with a string or carries a <style> block."""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from sessions.models import AgendaItem
from sessions.selectors.meetings import AGENDA_FOLDS_PAST, agenda_items
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory

TEMPLATES = settings.BASE_DIR / "templates" / "sessions"


def _row(item, viewer, *, first=True, last=True):
    request = RequestFactory().get("/")
    request.user = viewer
    (item,) = [i for i in agenda_items(item.meeting) if i.pk == item.pk]
    context = {
        "item": item,
        "meeting": item.meeting,
        "is_mentor": item.meeting.mentorship.is_mentor(viewer),
        "user": viewer,
        "forloop": {"counter": 1, "first": first, "last": last},
    }
    return render_to_string("sessions/_agenda.html#agenda_item", context, request=request)


def test_everything_people_typed_is_escaped_in_an_agenda_row(mentorship, enrollment, mentee):
    mentee.first_name = "<b>Mia</b>"
    mentee.save()
    goal = GoalFactory(enrollment=enrollment, title="<i>goal</i>")
    item = AgendaItemFactory(
        meeting=MeetingFactory(mentorship=mentorship),
        text="<script>alert(1)</script>",
        mentor_comment='"><img src=x>',
        goal=goal,
    )
    html = _row(item, mentorship.mentor)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&quot;&gt;&lt;img src=x&gt;" in html
    assert "<i>goal</i>" not in html and "&lt;i&gt;goal&lt;/i&gt;" in html
    assert "<b>Mia</b>" not in html and "&lt;b&gt;Mia&lt;/b&gt;" in html
    assert f'href="{reverse("sessions:goal_detail", args=[goal.pk])}"' in html


def test_an_agenda_row_offers_what_the_viewer_may_do(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    mine = AgendaItemFactory(meeting=meeting, author=mentee, order=1)
    theirs = AgendaItemFactory(meeting=meeting, author=mentor, order=2)
    automatic = AgendaItemFactory(meeting=meeting, author=None, order=3)
    remove = "sessions:agenda_item_remove"
    assert f'formaction="{reverse(remove, args=[mine.pk])}"' in _row(mine, mentee)
    assert f'formaction="{reverse(remove, args=[automatic.pk])}"' in _row(automatic, mentee)
    assert "Remove item" not in _row(theirs, mentee)
    only = _row(mine, mentee)
    assert 'value="up" disabled' in only and 'value="down" disabled' in only
    middle = _row(mine, mentee, first=False, last=False)
    assert "disabled" not in middle
    assert "comment/" not in only, "only the mentor comments"
    as_mentor = _row(mine, mentor)
    assert f'action="{reverse("sessions:agenda_item_comment", args=[mine.pk])}"' in as_mentor
    assert "csrfmiddlewaretoken" in as_mentor
    meeting.status = meeting.Status.HELD
    meeting.save()
    mine.refresh_from_db()
    held = _row(mine, mentee)
    assert "move/" not in held and "remove/" not in held and "toggle/" in held


def _long_agenda(meeting, done: int, open_: int):
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, author=meeting.mentorship.mentee, text=f"Item {n}", order=n, done=n < done)
        for n in range(done + open_)
    )


def test_a_long_agenda_folds_its_done_items_behind_a_link(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    _long_agenda(meeting, done=20, open_=AGENDA_FOLDS_PAST)
    client.force_login(mentee)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count('<li class="list-group-item d-flex gap-2') == AGENDA_FOLDS_PAST
    assert "Show done items (20)" in page and f'href="{meeting.get_absolute_url()}?done=1#agenda"' in page
    everything = client.get(meeting.get_absolute_url(), {"done": "1"}).content.decode()
    assert everything.count('<li class="list-group-item d-flex gap-2') == AGENDA_FOLDS_PAST + 20
    assert "Show done items" not in everything
    swapped = client.get(meeting.get_absolute_url(), {"done": "1"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="agenda")
    html = swapped.content.decode()
    assert html.startswith('<section id="agenda"') and "Notes" not in html
    assert html.count('<li class="list-group-item d-flex gap-2') == AGENDA_FOLDS_PAST + 20


def test_an_agenda_up_to_the_fold_shows_every_item(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    _long_agenda(meeting, done=10, open_=AGENDA_FOLDS_PAST - 10)
    client.force_login(mentee)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count('<li class="list-group-item d-flex gap-2') == AGENDA_FOLDS_PAST
    assert "Show done items" not in page


def test_no_template_compares_a_status_with_a_string():
    comparison = re.compile(r"""(==|!=)\s*["'][a-z_]+["']""")
    offenders = [
        f"{path.name}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in comparison.finditer(path.read_text())
    ]
    assert offenders == []


def test_styles_live_in_static_css_not_in_templates():
    assert [path.name for path in TEMPLATES.rglob("*.html") if "<style" in path.read_text()] == []
