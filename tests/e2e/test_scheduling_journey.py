"""A pair finds a time, books a weekly series, moves one occurrence and cancels another; the e-mails carry the
invitations calendars act on: REQUEST, a REQUEST with a higher SEQUENCE, and CANCEL."""

from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from mentoring.notifications import tasks
from mentoring.notifications.models import Notification
from sessions import services
from sessions.localtime import zone_of
from sessions.models import Meeting
from tests.e2e.conftest import field, log_in, nav
from tests.factories import PASSWORD
from tests.sessions.booking_race import ALL_WEEK
from tests.sessions.factories import MentorshipFactory, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _invitations(outbox) -> list[tuple[str, str, int]]:
    tasks.send_notification_emails(list(Notification.objects.order_by("pk").values_list("pk", flat=True)))
    found = []
    for message in outbox:
        for content, mimetype in message.alternatives:
            if mimetype == "text/calendar":
                calendar = Calendar.from_ical(content)
                found.append(
                    (calendar["METHOD"], str(calendar.walk("VEVENT")[0]["UID"]), calendar.walk("VEVENT")[0]["SEQUENCE"])
                )
    return found


def _row(meeting, viewer) -> str:
    """The meeting's link on the pair page, in the viewer's time."""
    return f"{meeting.starts_at.astimezone(zone_of(viewer)):%a %-d %b %Y, %H:%M}"


def test_the_mentee_books_a_weekly_series_the_mentor_moves_one_the_mentee_cancels_another(
    page, live_server, mailoutbox
):
    mentee = person(first_name="Mia", last_name="Okafor", email="mia@example.org", time_zone="Europe/London")
    mentor = person(first_name="Max", last_name="Ito", email="max@example.org", time_zone="America/New_York")
    pair = MentorshipFactory(mentee=mentee, mentor=mentor)
    services.save_agreement(agreement=services.agreement_for(pair), by=mentee, cadence_days=7)
    services.save_availability(
        user=mentor,
        time_zone="America/New_York",
        windows=ALL_WEEK,
        dates_off=[],
        min_notice_hours=24,
        buffer_minutes=15,
        max_per_week=None,
    )

    page.set_default_timeout(60_000)  # the free-slot pages answer in milliseconds, but a loaded CI host is slow
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My mentorships")
    page.get_by_role("link", name="Max Ito", exact=True).click()
    page.get_by_role("link", name="Find a time").click()
    page.get_by_role("list", name="Free times").get_by_role("link").first.click()
    field(page, "How many meetings").fill("4")
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_text("Booked.")).to_be_visible()
    occurrences = list(Meeting.objects.order_by("starts_at"))
    assert len(occurrences) == 4 and len({m.series_id for m in occurrences}) == 1

    page.context.clear_cookies()
    log_in(page, live_server, mentor.email, PASSWORD)
    nav(page, "My mentorships")
    page.get_by_role("link", name="Mia Okafor").first.click()
    page.get_by_role("link", name=_row(occurrences[1], mentor)).click()
    page.get_by_role("link", name="Reschedule").click()
    moved_to = occurrences[1].starts_at.astimezone(zone_of(mentor)) + timedelta(hours=1)
    field(page, "Starts at").fill(f"{moved_to:%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_text("Meeting updated")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My mentorships")
    page.get_by_role("link", name="Max Ito", exact=True).click()
    page.get_by_role("link", name=_row(occurrences[2], mentee)).click()
    page.get_by_text("Cancel the meeting").first.click()
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.get_by_text("Meeting cancelled")).to_be_visible()

    invitations = _invitations(mailoutbox)
    uids = {uid for _, uid, _ in invitations}
    assert len(uids) == 1
    methods = [(method, sequence) for method, _, sequence in invitations]
    assert ("REQUEST", 0) in methods and ("REQUEST", 1) in methods and ("CANCEL", 2) in methods
