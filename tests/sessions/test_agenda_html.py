from sessions.agenda_html import agenda_rows
from sessions.selectors import meetings as pages
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory


def _rows(meeting, viewer, **kwargs):
    options = {"is_mentor": viewer.pk == meeting.mentorship.mentor_id, "scheduled": True, "csrf_input": "<csrf>"}
    return agenda_rows(pages.agenda_items(meeting), viewer_id=viewer.pk, **{**options, **kwargs})


def test_everything_people_typed_is_escaped(mentorship, enrollment, mentee):
    mentee.first_name = "<b>Mia</b>"
    mentee.save()
    meeting = MeetingFactory(mentorship=mentorship)
    goal = GoalFactory(enrollment=enrollment, title="<i>goal</i>")
    AgendaItemFactory(meeting=meeting, text="<script>alert(1)</script>", mentor_comment='"><img src=x>', goal=goal)
    html = _rows(meeting, mentorship.mentor)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&quot;&gt;&lt;img src=x&gt;" in html
    assert "<i>goal</i>" not in html and "&lt;i&gt;goal&lt;/i&gt;" in html
    assert "<b>Mia</b>" not in html and "&lt;b&gt;Mia&lt;/b&gt;" in html


def test_rows_offer_what_the_viewer_may_do(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    mine = AgendaItemFactory(meeting=meeting, author=mentee, order=1)
    theirs = AgendaItemFactory(meeting=meeting, author=mentor, order=2)
    html = _rows(meeting, mentee)
    assert f'formaction="/mentorships/agenda/{mine.pk}/remove/"' in html
    assert f'formaction="/mentorships/agenda/{theirs.pk}/remove/"' not in html
    assert 'value="up" disabled' in html and 'value="down" disabled' in html
    assert "comment/" not in html, "only the mentor comments"
    mentor_html = _rows(meeting, mentor)
    assert f'action="/mentorships/agenda/{mine.pk}/comment/"' in mentor_html and "<csrf>" in mentor_html
    held = _rows(meeting, mentee, scheduled=False)
    assert "move/" not in held and "remove/" not in held and "toggle/" in held
