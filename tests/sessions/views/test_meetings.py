"""The meeting pages: times in local time, the calendar file, the agenda through htmx and plain posts, the wrap-up."""

import zoneinfo
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sessions.models import AgendaItem, Meeting
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_meeting_is_entered_in_local_time_and_each_side_sees_their_own(client, mentorship, mentee, mentor):
    london, new_york = zoneinfo.ZoneInfo("Europe/London"), zoneinfo.ZoneInfo("America/New_York")
    day = timezone.localdate() + timedelta(days=10)
    client.force_login(mentee)
    response = client.post(
        reverse("sessions:meeting_create", args=[mentorship.pk]),
        {"starts_at": f"{day}T15:00", "duration_minutes": 45, "location": "Room 4"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at.astimezone(london).hour == 15
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"{meeting.starts_at.astimezone(london):%H:%M}" in page and "Europe/London" in page
    client.force_login(mentor)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"{meeting.starts_at.astimezone(new_york):%H:%M}" in page and "America/New_York" in page
    assert f"{meeting.starts_at.astimezone(london):%H:%M}" not in page


def test_the_calendar_file_describes_the_meeting(client, mentorship, mentee):
    starts_at = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    meeting = MeetingFactory(mentorship=mentorship, objective="Plan the budget", location="Room 4", starts_at=starts_at)
    client.force_login(mentee)
    response = client.get(reverse("sessions:meeting_calendar", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event["DTSTART"].dt == meeting.starts_at
    assert event["DTEND"].dt == meeting.ends_at
    assert str(event["SUMMARY"]) == f"Mentoring with {mentorship.mentor.display_name}"
    assert str(event["LOCATION"]) == "Room 4" and "Plan the budget" in str(event["DESCRIPTION"])
    assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")


def test_agenda_edits_answer_htmx_with_the_fragment_and_plain_posts_with_a_redirect(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    client.force_login(mentee)
    url = reverse("sessions:agenda_item_add", args=[meeting.pk])
    fragment = client.post(url, {"category": "question", "text": "How do you plan reserves?"}, **HTMX)
    html = fragment.content.decode()
    assert fragment.status_code == 200 and html.lstrip().startswith('<section id="agenda"')
    assert "How do you plan reserves?" in html and f"added by {mentee.display_name}" in html
    plain = client.post(url, {"category": "discussion", "text": "My stakeholder map"})
    assert plain.status_code == 302 and plain["Location"].endswith("#agenda")
    second = AgendaItem.objects.get(text="My stakeholder map")
    client.post(reverse("sessions:agenda_item_move", args=[second.pk]), {"direction": "up"}, **HTMX)
    assert list(meeting.agenda_items.values_list("text", flat=True)) == [
        "My stakeholder map",
        "How do you plan reserves?",
    ]
    ticked = client.post(reverse("sessions:agenda_item_toggle", args=[second.pk]), **HTMX).content.decode()
    assert "Untick" in ticked
    assert AgendaItem.objects.get(pk=second.pk).done


def test_a_refused_agenda_edit_shows_why_inside_the_fragment(client, mentorship, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    client.force_login(mentor)
    html = client.post(reverse("sessions:agenda_review", args=[meeting.pk]), **HTMX).content.decode()
    assert "nothing on the agenda" in html
    assert html.count("nothing on the agenda") == 2, "shown in the agenda and announced by the page's live region"


def test_the_mentor_reviews_and_both_see_it(client, mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship, objective="Budget", starts_at=timezone.now() + timedelta(days=5))
    AgendaItemFactory(meeting=meeting, author=mentee)
    client.force_login(mentor)
    client.post(reverse("sessions:agenda_review", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_reviewed_at is not None
    client.force_login(mentee)
    assert "Reviewed by the mentor" in client.get(meeting.get_absolute_url()).content.decode()


def test_wrap_up_records_a_check_in_per_goal_from_the_same_form(client, mentorship, enrollment, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(hours=2))
    goal = GoalFactory(enrollment=enrollment, baseline=0, target=4)
    AgendaItemFactory(meeting=meeting, goal=goal, author=None, category=AgendaItem.Category.GOAL_CHECK_IN)
    client.force_login(mentee)
    form = client.get(reverse("sessions:meeting_wrap_up", args=[meeting.pk])).content.decode()
    assert f'name="value_{goal.pk}"' in form
    client.post(
        reverse("sessions:meeting_wrap_up", args=[meeting.pk]), {f"value_{goal.pk}": "3", f"comment_{goal.pk}": "Led 3"}
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert goal.check_ins.get().value == 3


def test_the_agenda_shows_no_template_comment(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    AgendaItemFactory(meeting=meeting)
    client.force_login(mentee)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "{#" not in html and "formaction: one CSRF token" not in html


def test_a_meeting_without_goals_on_its_agenda_is_marked_held_in_place(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(hours=2))
    client.force_login(mentee)
    page = client.get(meeting.get_absolute_url()).content.decode()
    wrap_up = reverse("sessions:meeting_wrap_up", args=[meeting.pk])
    assert f'<form method="post" action="{wrap_up}">' in page and f'href="{wrap_up}"' not in page
    response = client.post(wrap_up)
    assert response.status_code == 302 and response["Location"].startswith(meeting.get_absolute_url())
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_a_meeting_with_goals_on_its_agenda_links_to_the_wrap_up_page(client, mentorship, enrollment, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(hours=2))
    goal = GoalFactory(enrollment=enrollment)
    AgendaItemFactory(meeting=meeting, goal=goal, author=None, category=AgendaItem.Category.GOAL_CHECK_IN)
    client.force_login(mentee)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{reverse("sessions:meeting_wrap_up", args=[meeting.pk])}"' in page
    assert "record goal progress" in page
