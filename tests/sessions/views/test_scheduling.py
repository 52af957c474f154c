"""The scheduling pages: availability with clear messages, booking in two clicks, topics for next time."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from sessions import services
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


def _weekly_series(mentorship, mentee):
    services.save_agreement(agreement=services.agreement_for(mentorship), by=mentee, cadence_days=7)
    first = datetime(2027, 3, 9, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    series = services.schedule_series(
        mentorship=mentorship, by=mentee, first_starts_at=first, count=4, duration_minutes=45
    )
    return list(series.occurrences.order_by("recurrence_id"))


def test_either_side_moves_this_and_later_meetings_from_the_meeting_page(client, mentorship, mentee, mentor):
    occurrences = _weekly_series(mentorship, mentee)
    url = reverse("sessions:meeting_move_future", args=[occurrences[1].pk])
    client.force_login(mentor)
    page = client.get(occurrences[1].get_absolute_url()).content.decode()
    assert "Move this and later meetings" in page and url in page
    response = client.post(url, {"starts_at": "2027-03-17T09:00"}, follow=True)
    assert "have moved" in response.content.decode()
    moved = Meeting.objects.filter(series=occurrences[0].series).order_by("recurrence_id")
    assert [m.starts_at.isoformat() for m in moved] == [
        occurrences[0].starts_at.isoformat(),
        "2027-03-17T13:00:00+00:00",  # the mentor's 09:00 in New York (already on summer time) is 13:00 in London
        "2027-03-24T13:00:00+00:00",
        "2027-03-31T12:00:00+00:00",  # the series keeps London's 13:00, now British Summer Time
    ]


def test_a_bad_move_gets_a_clear_message_and_moves_nothing(client, mentorship, mentee):
    occurrences = _weekly_series(mentorship, mentee)
    url = reverse("sessions:meeting_move_future", args=[occurrences[1].pk])
    client.force_login(mentee)
    for data, message in [
        ({"starts_at": ""}, "Choose the new date and time."),
        ({"starts_at": "soon"}, "Choose the new date and time."),
        ({"starts_at": "2020-03-17T09:00"}, "Choose a time in the future."),
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and message in response.content.decode()
    moved = Meeting.objects.filter(series=occurrences[0].series).order_by("recurrence_id")
    assert [m.starts_at for m in moved] == [m.starts_at for m in occurrences]


def test_another_pair_s_series_is_a_404_for_the_move(client, mentorship, mentee, other_mentor):
    occurrences = _weekly_series(mentorship, mentee)
    client.force_login(other_mentor)
    url = reverse("sessions:meeting_move_future", args=[occurrences[1].pk])
    assert client.post(url, {"starts_at": "2027-03-17T09:00"}).status_code == 404
    assert Meeting.objects.get(pk=occurrences[1].pk).starts_at == occurrences[1].starts_at
