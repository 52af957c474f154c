"""Telling the pair about a meeting: each side a message in their own local time, with the calendar invitation
(iTIP) their calendar app adds, moves or removes the event from. The other side is notified; the one who acted
gets the invitation too (kind CALENDAR, which they can turn off), so both calendars hold the event."""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from sessions.calendar import invitation, series_invitation
from sessions.localtime import when_for
from sessions.models import Meeting, MeetingSeries


def tell_pair(
    meeting: Meeting,
    by: AbstractBaseUser,
    *,
    key: str,
    title: Callable[[str], str],
    body: Callable[[AbstractBaseUser], str] | None = None,
    method: str = "REQUEST",
    series: MeetingSeries | None = None,
    moment: datetime | None = None,
) -> None:
    """`title(when)` gets the meeting's time as the recipient reads it; `series` sends the whole series as one
    invitation instead of the single meeting."""
    mentorship = meeting.mentorship
    jot = settings.SITE_URL + reverse("sessions:next_topic_add", args=[mentorship.pk])
    for recipient in (mentorship.mentee, mentorship.mentor):
        when = when_for(moment or meeting.starts_at, recipient)
        if series is not None:
            ics = series_invitation(series, viewer=recipient, method=method)
        else:
            ics = invitation(meeting, method=method, viewer=recipient)
        acted = recipient.pk == by.pk
        notify(
            recipient=recipient,
            kind=Kind.CALENDAR if acted else Kind.MEETING,
            title=f"For your calendar: mentoring with {mentorship.other_side(recipient).display_name}, {when}"
            if acted
            else title(when),
            body=f"{body(recipient) if body else ''}\n\nSomething to raise next time? {jot}".strip(),
            dedupe_key=f"{key}:copy" if acted else key,
            about=meeting,
            url=meeting.get_absolute_url() if series is None else mentorship.get_absolute_url(),
            calendar=ics,
        )


def details(meeting: Meeting, recipient: AbstractBaseUser, *, prefix: str = "") -> str:
    """'Tue 01 Dec 2026, 14:00 GMT (Europe/London), 45 minutes. https://meet.example/abc'"""
    text = f"{prefix}{when_for(meeting.starts_at, recipient)}, {meeting.duration_minutes} minutes. {meeting.place}"
    return text.strip()
