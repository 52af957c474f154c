"""The pair's pages: my mentorships, the pair's home and next step, agreement, notes, action items, ending early."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sessions.models import ActionItem, Agreement, Meeting, Note
from tests.sessions.factories import AgendaItemFactory, MeetingFactory


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


def test_reading_the_pair_pages_drafts_the_agreement_without_saving_it(client, mentorship, mentee):
    client.force_login(mentee)
    for url in (
        mentorship.get_absolute_url(),
        reverse("sessions:agreement_edit", args=[mentorship.pk]),
        reverse("sessions:meeting_create", args=[mentorship.pk]),
    ):
        assert client.get(url).status_code == 200
    assert not Agreement.objects.exists()
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert f"Every {mentorship.cohort.rule('meeting_cadence_days')} days" in page and "Confirm the agreement" in page
    client.post(reverse("sessions:agreement_confirm", args=[mentorship.pk]))
    assert Agreement.objects.get(mentorship=mentorship).mentee_confirmed_at is not None


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
