"""Meetings as iCalendar: one meeting to download, and a person's feed that calendar apps subscribe to.

Both use the same UID per meeting and a growing SEQUENCE, so a meeting imported from the download and
seen again in the feed is updated, not doubled."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from sessions.models import Meeting

# How far back the feed reaches: recent history stays visible, the feed stays small.
FEED_HISTORY = timedelta(days=180)
FEED_LIMIT = 1000


def meeting_ics(meeting: Meeting, *, viewer) -> bytes:
    calendar = _calendar("-//Mentoring//Meetings//EN")
    calendar.add("method", "PUBLISH")
    objective = meeting.objective or "Objective to be set by the mentee."
    calendar.add_component(_event(meeting, viewer=viewer, description=f"{objective}\n\n{_link(meeting)}"))
    return calendar.to_ical()


def feed_meetings(user, *, now: datetime | None = None):
    now = now or timezone.now()
    return (
        Meeting.objects.for_user(user)
        .filter(starts_at__gte=now - FEED_HISTORY)
        .select_related("mentorship__mentee", "mentorship__mentor")
        .order_by("starts_at")[:FEED_LIMIT]
    )


def feed_ics(user, meetings) -> bytes:
    """Only who and when: the feed's URL needs no login, so objectives and agendas stay on the site."""
    calendar = _calendar("-//Mentoring//Meetings feed//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mentoring meetings")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        event = _event(meeting, viewer=user, description=_link(meeting))
        event.add("url", _link(meeting))
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar(prodid: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    return calendar


def _event(meeting: Meeting, *, viewer, description: str) -> Event:
    host = settings.SITE_URL.split("://")[-1].split("/")[0]
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.created_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"Mentoring with {meeting.mentorship.other_side(viewer).display_name}")
    event.add("description", description)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def _link(meeting: Meeting) -> str:
    return f"{settings.SITE_URL}{meeting.get_absolute_url()}"
