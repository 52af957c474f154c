"""A meeting as an iCalendar event, so each person can put it in their own calendar."""

from django.conf import settings
from icalendar import Calendar, Event

from sessions.models import Meeting


def meeting_ics(meeting: Meeting, *, viewer) -> bytes:
    mentorship = meeting.mentorship
    partner = mentorship.other_side(viewer)
    calendar = Calendar()
    calendar.add("prodid", "-//Mentoring//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    # One UID per meeting and a growing SEQUENCE: a re-imported file updates the event instead of adding one.
    event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.created_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"Mentoring with {partner.display_name}")
    description = [
        meeting.objective or "Objective to be set by the mentee.",
        f"{settings.SITE_URL}{meeting.get_absolute_url()}",
    ]
    event.add("description", "\n\n".join(description))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
