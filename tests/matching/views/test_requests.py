from django.urls import reverse

from matching.models import Mentorship, MentorshipRequest
from programs.models import Role
from tests.factories import ProfileFactory
from tests.matching.factories import MentorshipRequestFactory


def test_mentee_requests_and_mentor_accepts_through_the_pages(client, cohort, mentee, mentor):
    client.force_login(mentee)
    url = reverse("matching:request_mentor", args=[cohort.pk, mentor.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "help_wanted": "Budgeting",
            "why_this_mentor": "You run finance",
            "board_role": "skill_coach",
            "proposed_cadence_days": 14,
            "proposed_length_minutes": 45,
        },
    )
    request = MentorshipRequest.objects.get(mentee=mentee, mentor=mentor)
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    client.force_login(mentor)
    inbox = client.get(reverse("matching:inbox"))
    assert request.get_absolute_url() in inbox.content.decode()
    client.post(reverse("matching:request_accept", args=[request.pk]))
    assert Mentorship.objects.active().filter(mentee=mentee, mentor=mentor, board_role="skill_coach").exists()


def test_another_mentees_request_is_a_404(client, cohort, mentee, mentor, other_user):
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(other_user)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert client.post(reverse("matching:request_accept", args=[request.pk])).status_code == 404


def test_mentee_cannot_accept_their_own_request(client, cohort, mentee, mentor):
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentee)
    response = client.post(reverse("matching:request_accept", args=[request.pk]), follow=True)
    assert "Only the mentor" in response.content.decode()
    request.refresh_from_db()
    assert request.status == MentorshipRequest.Status.PENDING


def test_requesting_a_mentor_outside_my_cohort_is_a_404(client, cohort, enrol, mentee):
    stranger_cohort_mentor = enrol(Role.MENTEE).user
    client.force_login(mentee)
    url = reverse("matching:request_mentor", args=[cohort.pk, stranger_cohort_mentor.pk])
    assert client.get(url).status_code == 404


def test_refused_request_shows_the_reason(client, cohort, mentee, mentor):
    MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentee)
    response = client.post(
        reverse("matching:request_mentor", args=[cohort.pk, mentor.pk]),
        {"help_wanted": "a", "why_this_mentor": "b", "proposed_cadence_days": 14, "proposed_length_minutes": 45},
    )
    assert response.status_code == 200
    assert "already have an open request" in response.content.decode()


def test_inbox_query_count_does_not_grow(client, cohort, enrol, mentor, django_assert_max_num_queries):
    client.force_login(mentor)
    for size in (2, 20):
        for _ in range(size):
            MentorshipRequestFactory(cohort=cohort, mentee=enrol(Role.MENTEE).user, mentor=mentor)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("matching:inbox")).status_code == 200


def test_a_plan_with_an_impossible_rhythm_is_refused(client, cohort, mentee, mentor):
    client.force_login(mentee)
    response = client.post(
        reverse("matching:request_mentor", args=[cohort.pk, mentor.pk]),
        {"help_wanted": "a", "why_this_mentor": "b", "proposed_cadence_days": 0, "proposed_length_minutes": 100000},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "greater than or equal to 1" in html and "less than or equal to 480" in html
    assert not MentorshipRequest.objects.exists()


def test_the_inbox_title_is_plain_text_and_a_mentee_sees_only_their_side(client, cohort, mentee):
    client.force_login(mentee)
    html = client.get(reverse("matching:inbox")).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and title.startswith("Requests")
    assert "Requests you sent" in html and "Waiting for your answer" not in html


def test_the_mentor_profile_names_languages_and_offers_no_second_request(client, cohort, mentee, mentor):
    profile = ProfileFactory(user=mentor)
    profile.languages = ["en", "pt"]
    profile.save()
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentee)
    html = client.get(reverse("matching:mentor_profile", args=[cohort.pk, mentor.pk])).content.decode()
    assert "English, Portuguese" in html
    assert request.get_absolute_url() in html
    assert reverse("matching:request_mentor", args=[cohort.pk, mentor.pk]) not in html


def test_the_mentor_sees_who_asks_and_the_mentee_sees_their_own_request(client, cohort, mentee, mentor):
    ProfileFactory(user=mentee, headline="Analyst learning to lead")
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentor)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "asks you to be their mentor" in html and "Analyst learning to lead" in html
    client.force_login(mentee)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "Your request to" in html and "Analyst learning to lead" not in html


def test_requesting_my_line_manager_through_the_url_is_refused_with_the_reason(client, cohort, mentee, mentor):
    ProfileFactory(user=mentee, manager_email=mentor.email)
    client.force_login(mentee)
    url = reverse("matching:request_mentor", args=[cohort.pk, mentor.pk])
    response = client.post(url, {"help_wanted": "Budgets", "why_this_mentor": "You know me", "board_role": "",
                                 "proposed_cadence_days": 14, "proposed_length_minutes": 45})  # fmt: skip
    assert response.status_code == 200
    assert "You cannot ask your own line manager to be your mentor." in response.content.decode()
    assert not MentorshipRequest.objects.exists()


def test_a_decline_whose_message_the_form_refuses_is_not_a_decline(client, cohort, mentee, mentor):
    """Found by the fuzz test: the message was dropped and the request declined anyway."""
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentor)
    response = client.post(
        reverse("matching:request_decline", args=[request.pk]), {"message": "Sorry\x00"}, follow=True
    )
    request.refresh_from_db()
    assert request.status == MentorshipRequest.Status.PENDING
    assert "Null characters are not allowed." in response.content.decode()


def test_an_empty_question_still_gets_the_services_message(client, cohort, mentee, mentor):
    request = MentorshipRequestFactory(cohort=cohort, mentee=mentee, mentor=mentor)
    client.force_login(mentor)
    response = client.post(reverse("matching:request_question", args=[request.pk]), {"question": ""}, follow=True)
    request.refresh_from_db()
    assert request.question == ""
    assert "Write the question you want answered." in response.content.decode()


def test_a_request_sent_from_the_guided_setup_returns_to_it(client, cohort, mentee, mentor):
    """The setup's "Find a mentor" carries ?next= through the list and the request form, back to the setup."""
    from programs.models import Enrollment

    enrollment = Enrollment.objects.get(user=mentee, cohort=cohort, role=Role.MENTEE)
    setup = reverse("sessions:onboarding", args=[enrollment.pk])
    client.force_login(mentee)
    listing = client.get(reverse("matching:find_mentor", args=[cohort.pk]), {"next": setup}).content.decode()
    url = reverse("matching:request_mentor", args=[cohort.pk, mentor.pk])
    assert f'href="{url}?next={setup}"' in listing
    data = {"help_wanted": "Budgeting", "why_this_mentor": "You run finance", "board_role": "skill_coach",
            "proposed_cadence_days": 14, "proposed_length_minutes": 45}  # fmt: skip
    response = client.post(f"{url}?next={setup}", data)
    assert response.status_code == 302 and response["Location"] == setup
    assert MentorshipRequest.objects.filter(mentee=mentee, mentor=mentor).exists()
    # Elsewhere is never a destination.
    MentorshipRequest.objects.all().delete()
    response = client.post(f"{url}?next=https://evil.example.org/", data)
    assert response["Location"] == MentorshipRequest.objects.get().get_absolute_url()
