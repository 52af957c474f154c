"""The scheduling pages: availability with clear messages, booking in two clicks, topics for next time."""

import re

from django.urls import reverse

from sessions.models import Availability, Meeting, NextTopic
from tests.sessions.booking_race import ALL_WEEK


def _availability(client, **data):
    fields = {"time_zone": "Europe/London", "windows": ALL_WEEK, "dates_off": "", "min_notice_hours": 2}
    return client.post(reverse("sessions:availability"), {**fields, "buffer_minutes": 10, **data})


def test_bad_availability_gets_a_clear_message_and_saves_nothing(client, mentor):
    client.force_login(mentor)
    for data, message in [
        ({"windows": "Mon 12:00-09:00"}, "ends before it starts"),
        ({"windows": "Mon 09:00-12:00\nMon 11:00-13:00"}, "overlap"),
        ({"time_zone": "Mars/Olympus"}, "not a time zone we know"),
        ({"dates_off": "tomorrow"}, "is not a date"),
    ]:
        response = _availability(client, **data)
        assert response.status_code == 200 and message in response.content.decode()
    assert not Availability.objects.exists()
    assert _availability(client).status_code == 302
    assert Availability.objects.get(user=mentor).windows[0] == [0, "08:00", "18:00"]


def test_the_mentee_books_a_free_slot_in_two_clicks(client, mentorship, mentee, mentor):
    client.force_login(mentor)
    _availability(client)
    client.force_login(mentee)
    page = client.get(mentorship.get_absolute_url()).content.decode()
    assert reverse("sessions:booking", args=[mentorship.pk]) in page
    listing = client.get(reverse("sessions:booking", args=[mentorship.pk])).content.decode()
    first = re.search(r'href="(\?starts_at=[^"]+)"', listing).group(1).replace("&amp;", "&")
    confirm = client.get(reverse("sessions:booking", args=[mentorship.pk]) + first)
    assert b"Book" in confirm.content
    starts_at = re.search(r'name="starts_at" value="([^"]+)"', confirm.content.decode()).group(1)
    response = client.post(reverse("sessions:booking", args=[mentorship.pk]), {"starts_at": starts_at, "repeat": 1})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    again = client.post(reverse("sessions:booking", args=[mentorship.pk]), {"starts_at": starts_at, "repeat": 1})
    assert again.status_code == 200 and Meeting.objects.count() == 1
    assert "not free" in again.content.decode()


def test_a_topic_saved_between_meetings_waits_for_the_next_one(client, mentorship, mentor):
    client.force_login(mentor)
    url = reverse("sessions:next_topic_add", args=[mentorship.pk])
    assert client.post(url, {"text": ""}).status_code == 200 and not NextTopic.objects.exists()
    response = client.post(url, {"text": "Ask about the reorg", "is_question": "on"})
    assert response.status_code == 302
    assert "Ask about the reorg" in client.get(url).content.decode()
