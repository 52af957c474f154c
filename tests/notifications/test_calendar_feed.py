"""The personal calendar feed: a secret, revocable URL serving the person's meetings as iCalendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentoring.notifications.models import NotificationSettings
from mentoring.notifications.services import reset_calendar_token, revoke_calendar_token
from sessions.models import Meeting
from tests.sessions.factories import MeetingFactory, MentorshipFactory, person

pytestmark = pytest.mark.django_db


def feed(client, token):
    return client.get(reverse("sessions:calendar_feed", args=[token]))


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_my_meetings_as_mentee_and_as_mentor_and_nobody_elses(client):
    me = person(first_name="Ada", last_name="Lovelace")
    as_mentee = MeetingFactory(
        mentorship=MentorshipFactory(mentee=me, mentor=person(first_name="Grace", last_name="Hopper"))
    )
    as_mentor = MeetingFactory(mentorship=MentorshipFactory(mentor=me), objective="Secret objective")
    cancelled = MeetingFactory(mentorship=as_mentor.mentorship, status=Meeting.Status.CANCELLED)
    MeetingFactory(starts_at=timezone.now() + timedelta(days=1))  # someone else's
    MeetingFactory(mentorship=as_mentee.mentorship, starts_at=timezone.now() - timedelta(days=400))  # long past
    response = feed(client, reset_calendar_token(user=me))  # no login: calendar apps cannot log in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response)
    assert {uid.split("@")[0] for uid in found} == {f"meeting-{m.pk}" for m in (as_mentee, as_mentor, cancelled)}
    mine = found[next(uid for uid in found if uid.startswith(f"meeting-{as_mentee.pk}@"))]
    assert str(mine["summary"]) == "Mentoring with Grace Hopper"
    assert mine.decoded("dtstart") == as_mentee.starts_at.replace(microsecond=0)
    assert mine.decoded("dtend") == as_mentee.ends_at.replace(microsecond=0)
    assert str(found[next(uid for uid in found if uid.startswith(f"meeting-{cancelled.pk}@"))]["status"]) == "CANCELLED"
    assert b"Secret objective" not in response.content  # who and when only: the URL needs no login


def test_a_wrong_or_empty_token_is_a_404(client):
    me = person()
    reset_calendar_token(user=me)
    assert feed(client, "not-the-token").status_code == 404
    NotificationSettings.objects.create(user=person())  # a person without a feed: token NULL
    assert client.get(f"{reverse('sessions:calendar_feed', args=['x'])}".replace("/x/", "//")).status_code == 404


def test_tokens_are_long_random_and_regenerating_kills_the_old_url(client):
    me = person()
    first = reset_calendar_token(user=me)
    second = reset_calendar_token(user=me)
    assert first != second and len(second) >= 40
    assert feed(client, first).status_code == 404
    assert feed(client, second).status_code == 200
    revoke_calendar_token(user=me)
    assert feed(client, second).status_code == 404


def test_the_feed_of_a_deactivated_account_is_gone(client):
    me = person()
    token = reset_calendar_token(user=me)
    me.is_active = False
    me.save(update_fields=["is_active"])
    assert feed(client, token).status_code == 404


def test_the_preferences_page_creates_shows_renews_and_switches_off_the_feed(client):
    me = person()
    client.force_login(me)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Create my calendar feed" in page
    client.post(reverse("notifications:calendar_feed_reset"))
    token = NotificationSettings.objects.get(user=me).calendar_token
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert f"http://testserver{reverse('sessions:calendar_feed', args=[token])}" in page
    client.post(reverse("notifications:calendar_feed_reset"))
    assert NotificationSettings.objects.get(user=me).calendar_token != token
    response = client.post(reverse("notifications:calendar_feed_revoke"))
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=me).calendar_token is None


@pytest.mark.parametrize("size", [2, 40])
def test_the_feed_query_count_does_not_grow_with_meetings(client, size, django_assert_max_num_queries):
    me = person()
    for _ in range(size):
        MeetingFactory(mentorship=MentorshipFactory(mentee=me))
    token = reset_calendar_token(user=me)
    with django_assert_max_num_queries(2):
        assert feed(client, token).status_code == 200
