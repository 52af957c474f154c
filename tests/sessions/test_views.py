import re
import zoneinfo
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sessions.models import ActionItem, AgendaItem, Goal, Meeting, Note
from tests.sessions.factories import (
    AgendaItemFactory,
    GoalFactory,
    MeetingFactory,
    NoteFactory,
)

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
    assert "nothing on the agenda" in html and 'role="alert"' in html


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


def test_private_notes_stay_with_their_author(client, mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    client.force_login(mentee)
    client.post(
        reverse("sessions:note_add", args=[mentorship.pk]),
        {"body": "I felt nervous", "visibility": "private", "meeting": meeting.pk},
    )
    client.post(
        reverse("sessions:note_add", args=[mentorship.pk]),
        {"body": "Agreed to draft the budget", "visibility": "pair", "meeting": meeting.pk},
    )
    assert Note.objects.filter(meeting=meeting).count() == 2
    assert "I felt nervous" in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(mentor)
    for url in (meeting.get_absolute_url(), mentorship.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Agreed to draft the budget" in page and "I felt nervous" not in page


def test_coordinators_see_counts_and_raised_notes_never_the_rest(
    client, mentorship, enrollment, mentee, mentor, coordinator
):
    meeting = MeetingFactory(
        mentorship=mentorship,
        starts_at=timezone.now() - timedelta(days=1),
        status=Meeting.Status.HELD,
        objective="Secret objective",
        agenda_reviewed_at=timezone.now() - timedelta(days=2),
    )
    AgendaItemFactory(meeting=meeting, text="Secret agenda item")
    NoteFactory(mentorship=mentorship, body="Secret shared note")
    NoteFactory(mentorship=mentorship, body="Please help: we never meet", visibility=Note.Visibility.COORDINATORS)
    GoalFactory(
        enrollment=enrollment, title="Secret goal title", status=Goal.Status.ACHIEVED, confirmed_at=timezone.now()
    )
    client.force_login(coordinator)
    page = client.get(reverse("sessions:cohort_activity", args=[mentorship.cohort_id])).content.decode()
    assert "Please help: we never meet" in page
    for secret in ("Secret objective", "Secret agenda item", "Secret shared note", "Secret goal title"):
        assert secret not in page
    row = re.search(rf"<td>{mentee.display_name}</td>.*?</tr>", page, re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "0", "1", "1", "1"]


def test_a_goal_missing_a_part_is_refused_with_a_message_on_that_part(client, enrollment, mentee):
    client.force_login(mentee)
    response = client.post(
        reverse("sessions:goal_create"),
        {
            "enrollment": enrollment.pk,
            "title": "Speak up",
            "specific": "Present at the all-hands.",
            "measure": "",
            "baseline": "0",
            "target": "2",
            "unit": "talks",
            "ambition": "aggressive",
            "relevance": "Visibility matters for promotion.",
            "target_date": (enrollment.cohort.ends_on - timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Measurable: say how you will measure progress." in response.content.decode()
    assert not Goal.objects.exists()


def test_a_check_in_moves_the_progress_bar(client, enrollment, mentee):
    goal = GoalFactory(enrollment=enrollment, baseline=0, target=4)
    client.force_login(mentee)
    assert 'aria-valuenow="0"' in client.get(goal.get_absolute_url()).content.decode()
    client.post(reverse("sessions:goal_check_in", args=[goal.pk]), {"value": "2", "comment": "Halfway"})
    page = client.get(goal.get_absolute_url()).content.decode()
    assert 'aria-valuenow="50"' in page and "<svg" in page and "<circle" in page and "Halfway" in page


def test_a_mentor_confirms_an_achievement_from_the_goal_page(client, enrollment, mentee, mentor):
    goal = GoalFactory(enrollment=enrollment)
    client.force_login(mentee)
    client.post(reverse("sessions:goal_status", args=[goal.pk]), {"status": "achieved"})
    client.force_login(mentor)
    assert "Confirm the achievement" in client.get(goal.get_absolute_url()).content.decode()
    client.post(reverse("sessions:goal_confirm", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.counts_as_achieved


def test_the_pair_page_says_what_to_do_next(client, mentorship, mentee, mentor):
    client.force_login(mentee)
    assert "Confirm the agreement" in client.get(mentorship.get_absolute_url()).content.decode()
    client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    client.force_login(mentor)
    client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    assert "Schedule the next meeting" in client.get(mentorship.get_absolute_url()).content.decode()
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(days=5))
    client.force_login(mentee)
    assert "Prepare the agenda" in client.get(mentorship.get_absolute_url()).content.decode()
    client.post(reverse("sessions:meeting_objective", args=[meeting.pk]), {"objective": "Budget"})
    client.post(reverse("sessions:agenda_item_add", args=[meeting.pk]), {"category": "question", "text": "Reserves?"})
    client.force_login(mentor)
    assert "Review the agenda" in client.get(mentorship.get_absolute_url()).content.decode()


def test_agreement_change_is_proposed_then_confirmed_through_the_pages(client, mentorship, mentee, mentor):
    for person in (mentee, mentor):
        client.force_login(person)
        client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    data = {
        "cadence_days": 30,
        "length_minutes": 60,
        "channel": "phone",
        "mentee_expects": "Feedback",
        "mentor_expects": "Preparation",
        "confidentiality": "Between us.",
    }
    client.post(reverse("sessions:agreement_edit", args=[mentorship.pk]), data)
    client.force_login(mentee)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert "Proposed change" in page and "Confirm the change" in page
    client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    mentorship.agreement.refresh_from_db()
    assert mentorship.agreement.cadence_days == 30


def test_ending_early_through_the_page(client, mentorship, mentee, mentor):
    client.force_login(mentor)
    response = client.post(
        reverse("sessions:mentorship_end", args=[mentorship.pk]),
        {"reason": "My role changed", "thank_you_note": "Your curiosity"},
    )
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == "ended_early" and mentorship.ended_by == mentor
    client.force_login(mentee)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert "My role changed" in page and "Your curiosity" in page


def test_my_mentorships_is_each_roles_working_home(client, mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship, objective="Budget")
    AgendaItemFactory(meeting=meeting, author=mentee)
    client.force_login(mentee)
    page = client.get(reverse("sessions:mentorship_list")).content.decode()
    assert "My mentors" in page and mentor.display_name in page and "Agendas to review" not in page
    client.force_login(mentor)
    page = client.get(reverse("sessions:mentorship_list")).content.decode()
    assert "My mentees" in page and "Agendas to review" in page and meeting.get_absolute_url() in page


def test_the_navigation_links_to_my_mentorships(client, mentee):
    client.force_login(mentee)
    assert reverse("sessions:mentorship_list") in client.get(reverse("sessions:goal_list")).content.decode()


def test_a_proposed_match_asks_each_side_to_review_it_until_they_have_confirmed(client, mentorship, mentee, mentor):
    mentorship.status = "proposed"
    mentorship.mentor_confirmed_at = timezone.now()
    mentorship.save()
    review = reverse("matching:match_detail", args=[mentorship.pk])

    client.force_login(mentee)
    assert review in client.get(mentorship.get_absolute_url()).content.decode()
    client.force_login(mentor)
    assert review not in client.get(mentorship.get_absolute_url()).content.decode()


def test_an_agreement_or_meeting_of_zero_minutes_is_refused_with_a_message(client, mentorship, mentee):
    client.force_login(mentee)
    agreement = {
        "cadence_days": 0,
        "length_minutes": 0,
        "channel": "video",
        "mentee_expects": "",
        "mentor_expects": "",
        "confidentiality": "Between us.",
    }
    page = client.post(reverse("sessions:agreement_edit", args=[mentorship.pk]), agreement).content.decode()
    assert "greater than or equal to 1" in page and "greater than or equal to 5" in page
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("sessions:meeting_create", args=[mentorship.pk]),
        {"starts_at": f"{day}T10:00", "duration_minutes": 0, "location": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "greater than or equal to 5" in html
    assert "meeting_lasts_five_minutes" not in html and not Meeting.objects.exists()


def test_the_agenda_shows_no_template_comment(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    AgendaItemFactory(meeting=meeting)
    client.force_login(mentee)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "{#" not in html and "formaction: one CSRF token" not in html


def test_an_agenda_prepared_late_is_not_asked_for_again(client, mentorship, mentee, mentor):
    for person in (mentee, mentor):
        client.force_login(person)
        client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    meeting = MeetingFactory(
        mentorship=mentorship,
        starts_at=timezone.now() + timedelta(hours=3),
        objective="Budget",
        agenda_prepared_at=timezone.now(),
    )
    assert not meeting.is_agenda_prepared
    client.force_login(mentee)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert "Prepare the agenda" not in page and "You are ready for your meeting" in page


def test_a_refused_note_or_action_item_goes_back_to_the_meeting_it_came_from(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    client.force_login(mentee)
    note = client.post(reverse("sessions:note_add", args=[mentorship.pk]), {"meeting": meeting.pk, "body": ""})
    assert note.status_code == 302 and note["Location"] == f"{meeting.get_absolute_url()}#notes"
    yesterday = timezone.localdate() - timedelta(days=1)
    item = client.post(
        reverse("sessions:action_item_add", args=[mentorship.pk]),
        {"meeting": meeting.pk, "title": "Draft the plan", "owner": mentee.pk, "due_on": yesterday.isoformat()},
        follow=True,
    )
    assert "Choose a due date from today on." in item.content.decode()
    assert not mentorship.action_items.exists() and not Note.objects.exists()


def test_the_past_meetings_list_says_it_is_cut_short_only_when_it_is(client, mentorship, mentee):
    MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(days=3), status=Meeting.Status.HELD)
    MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(days=3))
    client.force_login(mentee)
    assert "most recent are shown" not in client.get(mentorship.get_absolute_url()).content.decode()


def test_my_open_action_items_say_which_mentorship_they_belong_to(client, mentorship, mentee, mentor):
    ActionItem.objects.create(
        mentorship=mentorship, owner=mentee, title="Draft the plan", due_on=timezone.localdate() + timedelta(days=3)
    )
    client.force_login(mentee)
    page = client.get(reverse("sessions:mentorship_list")).content.decode()
    assert f"· with {mentor.display_name} ·" in page
