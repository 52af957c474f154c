"""Every scheduling e-mail: each recipient's local time with the zone's name, and an iTIP invitation
(RFC 5546) that calendars add, move or remove the event from."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mentoring.notifications import tasks
from mentoring.notifications.models import Notification
from sessions import services
from sessions.calendar import feed_ics, feed_meetings, meeting_ics

SOON = datetime(2027, 3, 2, 14, 0, tzinfo=ZoneInfo("UTC"))


def _mails(outbox):
    """(recipient, subject, body, parsed invitation) for each captured e-mail that carries one."""
    tasks.send_notification_emails(list(Notification.objects.order_by("pk").values_list("pk", flat=True)))
    found = []
    for message in outbox:
        calendars = [content for content, mimetype in message.alternatives if mimetype == "text/calendar"]
        if calendars:
            found.append((message.to[0], message.subject, message.body, Calendar.from_ical(calendars[0])))
    outbox.clear()
    return found


def _event(calendar):
    return calendar.walk("VEVENT")[0]


@pytest.fixture
def meeting(mentorship, mentee):
    return services.schedule_meeting(
        mentorship=mentorship, by=mentee, starts_at=SOON, duration_minutes=45, location="https://meet.example/ab"
    )


def test_each_recipient_reads_the_time_in_their_own_zone(meeting, mentee, mentor, mailoutbox):
    mails = {to: (subject, body) for to, subject, body, _ in _mails(mailoutbox)}
    assert "Tue 02 Mar 2027, 14:00 GMT (Europe/London)" in mails[mentee.email][0]
    assert "Tue 02 Mar 2027, 09:00 EST (America/New_York)" in mails[mentor.email][1]
    assert all("UTC" not in subject + body for subject, body in mails.values())


def test_scheduling_invites_both_and_rescheduling_updates_the_same_uid(meeting, mentee, mentor, mailoutbox):
    first = _mails(mailoutbox)
    assert {to for to, *_ in first} == {mentee.email, mentor.email}
    for _, _, _, calendar in first:
        event = _event(calendar)
        assert calendar["METHOD"] == "REQUEST"
        assert event["SEQUENCE"] == 0
        assert sorted(str(a) for a in event.get("ATTENDEE")) == sorted(
            [f"mailto:{mentee.email}", f"mailto:{mentor.email}"]
        )
        assert str(event["ORGANIZER"]).startswith("mailto:")
        assert event["LOCATION"] == "https://meet.example/ab" and event["URL"] == "https://meet.example/ab"
    uid = str(_event(first[0][3])["UID"])

    services.reschedule_meeting(
        meeting=meeting, by=mentor, starts_at=SOON + timedelta(days=1), duration_minutes=45, location=""
    )
    moved = _mails(mailoutbox)
    assert {(c["METHOD"], str(_event(c)["UID"]), _event(c)["SEQUENCE"]) for *_, c in moved} == {("REQUEST", uid, 1)}
    assert _event(moved[0][3]).decoded("DTSTART") == SOON + timedelta(days=1)

    services.cancel_meeting(meeting=meeting, by=mentee)
    cancelled = _mails(mailoutbox)
    assert {(c["METHOD"], str(_event(c)["UID"]), _event(c)["SEQUENCE"]) for *_, c in cancelled} == {("CANCEL", uid, 2)}
    meeting.refresh_from_db()
    download = Calendar.from_ical(meeting_ics(meeting, viewer=mentee))
    assert str(_event(download)["UID"]) == uid and _event(download)["SEQUENCE"] == 2


def test_the_e_mail_part_names_its_method(meeting, mailoutbox):
    tasks.send_notification_emails(list(Notification.objects.values_list("pk", flat=True)))
    raw = mailoutbox[0].message().as_string()
    assert 'text/calendar; charset="utf-8"; method="REQUEST"' in raw


def test_the_agreement_s_place_is_where_every_meeting_is_unless_it_names_its_own(mentorship, mentee, mailoutbox):
    agreement = services.agreement_for(mentorship)
    services.save_agreement(agreement=agreement, by=mentee, meeting_place="Room 4, second floor")
    mentorship.refresh_from_db()
    standing = services.schedule_meeting(mentorship=mentorship, by=mentee, starts_at=SOON, duration_minutes=45)
    own = services.schedule_meeting(
        mentorship=mentorship, by=mentee, starts_at=SOON + timedelta(days=7), duration_minutes=45, location="Café"
    )
    assert standing.place == "Room 4, second floor" and own.place == "Café"
    places = {str(_event(c)["LOCATION"]) for *_, c in _mails(mailoutbox)}
    assert places == {"Room 4, second floor", "Café"}


def test_the_feed_shows_a_series_as_its_invitation_does(mentorship, mentee, mailoutbox):
    series = services.schedule_series(
        mentorship=mentorship, by=mentee, first_starts_at=SOON, count=3, duration_minutes=45, interval_days=7
    )
    invited = {str(_event(c)["UID"]) for *_, c in _mails(mailoutbox)}
    events = Calendar.from_ical(feed_ics(mentee, feed_meetings(mentee))).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == list(invited) and events[0]["RRULE"]["COUNT"] == [series.count]
