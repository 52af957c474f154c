import re
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Meeting
from tests.e2e.conftest import fill_smart_goal, log_in
from tests.factories import PASSWORD
from tests.sessions.factories import MentorshipFactory, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def field(page, label: str):
    """A form field by its label; crispy marks required ones with an asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\W*$"))


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name=name).click()


def test_a_pair_prepares_reviews_holds_and_follows_up_a_meeting_and_the_mentee_tracks_a_goal(page, live_server):
    mentee = person(first_name="Mia", last_name="Okafor", email="mia@example.org", time_zone="Europe/London")
    mentor = person(first_name="Max", last_name="Ito", email="max@example.org", time_zone="America/New_York")
    MentorshipFactory(mentee=mentee, mentor=mentor)
    day = timezone.localdate() + timedelta(days=4)
    starts_at = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time()).replace(hour=15),
        zoneinfo.ZoneInfo("Europe/London"),
    )

    # The mentee schedules a meeting (in her own time) and prepares the agenda without a page reload.
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My mentorships")
    page.get_by_role("link", name="Max Ito").click()
    page.get_by_role("link", name="Schedule a meeting").click()
    field(page, "Starts at").fill(f"{day:%Y-%m-%d}T15:00")
    field(page, "Place or link").fill("https://meet.example.org/mia-max")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_text("Meeting scheduled.")).to_be_visible()
    expect(page.get_by_text(f"{starts_at:%A %-d %B %Y}, 15:00")).to_be_visible()

    page.evaluate("window.__stillHere = true")
    page.get_by_label("Objective of this meeting").fill("Decide how to prepare my first budget review")
    page.get_by_role("button", name="Save objective").click()
    expect(page.locator("#agenda").get_by_text("Objective saved.")).to_be_visible()
    page.get_by_label("Category").select_option(label="Question for the mentor")
    page.get_by_label("New item").fill("How do you plan for reserves?")
    page.get_by_role("button", name="Add to agenda").click()
    agenda = page.locator("#agenda")
    expect(agenda.get_by_text("Item added.")).to_be_visible()
    expect(agenda.get_by_text("How do you plan for reserves?")).to_be_visible()
    expect(agenda.get_by_text("added by Mia Okafor").first).to_be_visible()
    page.get_by_label("Category").select_option(label="Item for discussion")
    page.get_by_label("New item").fill("My stakeholder map")
    page.get_by_role("button", name="Add to agenda").click()
    expect(agenda.get_by_text("My stakeholder map")).to_be_visible()
    expect(agenda.locator("li")).to_have_count(2)
    page.get_by_role("button", name="Move item 2 up").click()
    expect(agenda.get_by_text("Item moved.")).to_be_visible()
    expect(agenda.locator("li").first).to_contain_text("My stakeholder map")
    page.get_by_role("button", name="Tick off item 2").click()
    expect(agenda.get_by_role("button", name="Untick item 2")).to_be_visible()
    expect(agenda.get_by_text("Agenda prepared")).to_be_visible()
    assert page.evaluate("window.__stillHere") is True, "the agenda was edited in place, without a page load"

    # The mentor sees it in his own time zone, marks the agenda reviewed and adds an item of his own.
    page.context.clear_cookies()
    log_in(page, live_server, mentor.email, PASSWORD)
    nav(page, "My mentorships")
    review = page.get_by_role("region", name="Agendas to review")
    review.get_by_role("link").first.click()
    new_york = starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    expect(page.get_by_text(f"{new_york:%A %-d %B %Y}, {new_york:%H:%M}")).to_be_visible()
    expect(page.get_by_text("How do you plan for reserves?")).to_be_visible()
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.locator("#agenda").get_by_text("Reviewed by the mentor")).to_be_visible()
    page.get_by_label("Category").select_option(label="Follow-up on earlier advice")
    page.get_by_label("New item").fill("The one-page status update")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.get_by_text("added by Max Ito")).to_be_visible()

    # Time passes: the meeting has taken place.
    Meeting.objects.update(starts_at=timezone.now() - timedelta(hours=2))

    # After the meeting the mentee marks it held, writes a shared note and an action item.
    page.context.clear_cookies()
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My mentorships")
    page.get_by_role("link", name="Max Ito").click()
    page.get_by_role("link", name="Wrap up the meeting").click()
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("Meeting marked as held.")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("We agreed I draft the review plan first.")
    page.get_by_label("Shared with my mentoring partner").check()
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("We agreed I draft the review plan first.")).to_be_visible()
    page.get_by_label("What is to be done").fill("Draft the review plan")
    page.get_by_label("Due on").fill(f"{timezone.localdate() + timedelta(days=7):%Y-%m-%d}")
    page.get_by_role("button", name="Add action item").click()
    expect(page.get_by_text("Action item added.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"Done\W+Draft the review plan"))).to_be_visible()

    # The mentee sets a SMART goal, records a check-in and sees the progress bar move.
    nav(page, "My mentorships")
    page.get_by_role("link", name="Set a SMART goal").click()
    fill_smart_goal(page)
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", name="Lead budget reviews")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Progress toward Lead budget reviews")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    field(page, "Where are you now?").fill("2")
    page.get_by_role("button", name="Record check-in").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "50")
    expect(page.get_by_role("img", name=re.compile("Lead budget reviews: progress over time"))).to_be_visible()
