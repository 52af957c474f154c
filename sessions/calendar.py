"""Meetings as iCalendar: invitations e-mailed to the pair (iTIP, RFC 5546), one meeting to download, and a
person's feed that calendar apps subscribe to.

All three use the same UID per meeting (a series: one UID, each occurrence told apart by its RECURRENCE-ID)
and the same growing SEQUENCE, so a meeting seen in an invitation, a download and the feed is one event that
moves and disappears, never a double."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vRecur

from sessions.models import Meeting, MeetingSeries

# How far back the feed reaches: recent history stays visible, the feed stays small.
FEED_HISTORY = timedelta(days=180)
FEED_LIMIT = 1000


def _host() -> str:
    return settings.SITE_URL.split("://")[-1].split("/")[0]


def uid(meeting: Meeting) -> str:
    if meeting.series_id:
        return series_uid(meeting.series)
    return f"meeting-{meeting.pk}@{_host()}"


def series_uid(series: MeetingSeries) -> str:
    return f"series-{series.pk}@{_host()}"


def invitation(meeting: Meeting, *, method: str, viewer) -> str:
    """The iTIP message about one meeting (an occurrence of a series carries its RECURRENCE-ID)."""
    calendar = _calendar("-//Mentoring//Invitations//EN", method)
    event = _event(meeting, viewer=viewer, description=_description(meeting))
    _add_people(event, meeting.mentorship)
    if method == "CANCEL":
        event["status"] = "CANCELLED"
    calendar.add_component(event)
    return _ical(calendar)


def series_invitation(series: MeetingSeries, *, viewer, method: str = "REQUEST") -> str:
    """The whole series as one event: its RRULE, the EXDATEs of occurrences cancelled or skipped, and one
    RECURRENCE-ID override for each occurrence moved."""
    calendar = _calendar("-//Mentoring//Invitations//EN", method)
    for event in series_events(series, viewer=viewer):
        _add_people(event, series.mentorship)
        calendar.add_component(event)
    return _ical(calendar)


def series_events(series: MeetingSeries, *, viewer, occurrences=None) -> list[Event]:
    occurrences = list(series.occurrences.order_by("recurrence_id") if occurrences is None else occurrences)
    zone = series.zone
    master = Event()
    master.add("uid", series_uid(series))
    master.add("sequence", series.sequence)
    master.add("dtstamp", timezone.now())
    master.add("dtstart", series.first_starts_at.astimezone(zone))
    master.add("dtend", (series.first_starts_at + timedelta(minutes=series.duration_minutes)).astimezone(zone))
    master.add("rrule", vRecur(series.rrule_parts))
    master.add("summary", f"Mentoring with {series.mentorship.other_side(viewer).display_name}")
    place = occurrences[0].place if occurrences else series.location
    _add_place(master, place, link=f"{settings.SITE_URL}{series.mentorship.get_absolute_url()}")
    master.add("status", "CONFIRMED" if series.until is None or series.until >= series.first_starts_at else "CANCELLED")
    dropped = [m.recurrence_id.astimezone(zone) for m in occurrences if m.is_cancelled]
    if dropped:
        master.add("exdate", dropped)
    events = [master]
    for meeting in occurrences:
        if meeting.is_cancelled or meeting.starts_at == meeting.recurrence_id and not meeting.location:
            continue
        events.append(_event(meeting, viewer=viewer, description=_link(meeting)))
    return events


def meeting_ics(meeting: Meeting, *, viewer) -> bytes:
    calendar = _calendar("-//Mentoring//Meetings//EN", "PUBLISH")
    calendar.add_component(_event(meeting, viewer=viewer, description=_description(meeting)))
    return _ical(calendar).encode()


def feed_meetings(user, *, now: datetime | None = None):
    now = now or timezone.now()
    return (
        Meeting.objects.for_user(user)
        .filter(starts_at__gte=now - FEED_HISTORY)
        .select_related("mentorship__mentee", "mentorship__mentor", "mentorship__agreement", "series")
        .order_by("starts_at")[:FEED_LIMIT]
    )


def feed_ics(user, meetings) -> bytes:
    """Only who and when: the feed's URL needs no login, so objectives and agendas stay on the site. A series
    appears as its master event with overrides, as in its invitation."""
    calendar = _calendar("-//Mentoring//Meetings feed//EN", None)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mentoring meetings")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    by_series: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.series_id:
            by_series.setdefault(meeting.series_id, []).append(meeting)
            continue
        calendar.add_component(_event(meeting, viewer=user, description=_link(meeting)))
    for occurrences in by_series.values():
        for event in series_events(occurrences[0].series, viewer=user, occurrences=occurrences):
            calendar.add_component(event)
    return _ical(calendar).encode()


def _calendar(prodid: str, method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _ical(calendar: Calendar) -> str:
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def _event(meeting: Meeting, *, viewer, description: str) -> Event:
    event = Event()
    event.add("uid", uid(meeting))
    if meeting.series_id:
        event.add("recurrence-id", meeting.recurrence_id.astimezone(meeting.series.zone))
    event.add("sequence", meeting.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"Mentoring with {meeting.mentorship.other_side(viewer).display_name}")
    event.add("description", description)
    _add_place(event, meeting.place, link=_link(meeting))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def _add_place(event: Event, place: str, *, link: str) -> None:
    """LOCATION says where (a room, a phone number, a video link); URL is the video link when there is one,
    else the meeting's page."""
    if place:
        event.add("location", place)
    event.add("url", place if place.startswith(("https://", "http://")) else link)


def _add_people(event: Event, mentorship) -> None:
    """The site organises (neither side is the organiser, so both calendars treat it as an invitation, and an
    update from either side's action comes from the same organiser); both are required attendees."""
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = "Mentoring"
    event.add("organizer", organizer)
    for person in (mentorship.mentee, mentorship.mentor):
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params.update({"cn": person.display_name, "role": "REQ-PARTICIPANT", "rsvp": "FALSE"})
        event.add("attendee", attendee)


def _description(meeting: Meeting) -> str:
    objective = meeting.objective or "Objective to be set by the mentee."
    return f"{objective}\n\n{_link(meeting)}"


def _link(meeting: Meeting) -> str:
    return f"{settings.SITE_URL}{meeting.get_absolute_url()}"
