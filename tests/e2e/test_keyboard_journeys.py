"""One keyboard-only journey per role: Tab, Shift+Tab, Enter, Space, arrows and typing, never a click. After each
in-place (htmx) update, focus is still on the control used or on its natural successor, never on <body>."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, ProgramFactory
from tests.sessions import dashboard_scene
from tests.sessions.factories import AgendaItemFactory, MeetingFactory, MentorshipFactory, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ACTIVE_ID = "document.activeElement === document.body ? 'BODY' : document.activeElement.id"


def tab_to(page, target, *, limit: int = 250) -> None:
    """Press Tab until the element with this id (or this locator's element) has focus."""
    for _ in range(limit):
        if isinstance(target, str):
            if page.evaluate(ACTIVE_ID) == target:
                return
        elif target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} never got focus by Tab")


def focus_after_update(page, expected: str | set[str], timeout: float = 15.0) -> None:
    """Wait for the in-place update to settle (polled from here: the page's CSP refuses wait_for_function's
    `new Function`), then check that focus is on the expected control (or one of them)."""
    expected = {expected} if isinstance(expected, str) else expected
    deadline = time.monotonic() + timeout
    while True:
        settled = page.evaluate("!document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
        focus = page.evaluate(ACTIVE_ID)
        if settled and focus in expected:
            return
        assert time.monotonic() < deadline, f"focus is on {focus!r}, not on {sorted(expected)}"
        page.wait_for_timeout(50)


def _meeting():
    mentee = person(first_name="Mia", last_name="Okafor", email="mia@example.org")
    mentor = person(first_name="Max", last_name="Ito", email="max@example.org")
    meeting = MeetingFactory(
        mentorship=MentorshipFactory(mentee=mentee, mentor=mentor),
        starts_at=timezone.now() + timedelta(days=5),
        objective="Plan the budget review",
    )
    first = AgendaItemFactory(meeting=meeting, author=mentee, text="Reserves")
    second = AgendaItemFactory(meeting=meeting, author=mentee, text="Stakeholder map")
    return meeting, first, second


def test_a_mentee_edits_the_agenda_by_keyboard_and_keeps_focus(page, live_server):
    meeting, first, second = _meeting()
    log_in(page, live_server, "mia@example.org", PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    live = page.locator("#agenda-live")

    # Add an item: type, Enter; focus stays in the field, which is empty for the next one.
    tab_to(page, "id_agenda_text")
    page.keyboard.type("Salary bands")
    page.keyboard.press("Enter")
    focus_after_update(page, "id_agenda_text")
    expect(live).to_have_text("Item added.")
    expect(page.locator("#meeting-badges")).to_contain_text("Agenda prepared")
    third = meeting.agenda_items.get(text="Salary bands")

    # Move the second item up to the top: its up arrow is then disabled, so focus moves to its down arrow.
    tab_to(page, f"item-{second.pk}-up")
    page.keyboard.press("Enter")
    focus_after_update(page, f"item-{second.pk}-down")
    expect(live).to_have_text("Item moved.")
    expect(page.locator("#agenda li").first).to_contain_text("Stakeholder map")

    # The new item is last (its down arrow disabled): up with Space, and focus stays on that arrow.
    tab_to(page, f"item-{third.pk}-up")
    page.keyboard.press("Space")
    focus_after_update(page, f"item-{third.pk}-up")

    # Tick an item off with Space: focus stays on the same (relabelled) button.
    tab_to(page, f"item-{first.pk}-toggle")
    page.keyboard.press("Space")
    focus_after_update(page, f"item-{first.pk}-toggle")
    expect(page.locator(f"#item-{first.pk}-toggle")).to_contain_text("Untick")
    expect(live).to_have_text("Item updated.")

    # Remove an item: focus goes to the same control on the next row.
    tab_to(page, f"item-{second.pk}-remove")
    page.keyboard.press("Enter")
    expect(page.locator(f"#item-{second.pk}")).to_have_count(0)
    # The row goes before the focus restorer runs (after the swap settles): wait for it, as after every update.
    focus_after_update(page, {f"item-{third.pk}-remove", f"item-{first.pk}-remove"})


def test_a_mentor_comments_and_marks_the_agenda_reviewed_by_keyboard(page, live_server):
    meeting, first, _ = _meeting()
    log_in(page, live_server, "max@example.org", PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.locator("#meeting-badges")).to_contain_text("Not reviewed yet")

    # The in-page shortcut takes the mentor straight to "Mark as reviewed".
    tab_to(page, page.get_by_role("navigation", name="On this page").get_by_role("link", name="Mark as reviewed"))
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE_ID) == "agenda-review"
    page.keyboard.press("Space")
    focus_after_update(page, "agenda-review")
    expect(page.locator("#agenda-live")).to_have_text("Agenda marked as reviewed.")
    expect(page.locator("#meeting-badges")).to_contain_text("Reviewed by the mentor")
    expect(page.locator("#meeting-badges")).not_to_contain_text("Not reviewed yet")

    # A comment: open the disclosure with Enter, type, Enter; focus returns to the disclosure.
    page.keyboard.press("Shift+Tab")
    tab_to(page, f"comment-toggle-{first.pk}")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_ID) == f"comment-{first.pk}"
    page.keyboard.type("Bring last year's figures")
    page.keyboard.press("Enter")
    focus_after_update(page, f"comment-toggle-{first.pk}")
    expect(page.locator("#agenda-live")).to_have_text("Comment saved.")


def test_a_coordinator_filters_and_sorts_the_dashboard_by_keyboard(page, live_server):
    coordinator = ProfileFactory(
        user=UserFactory(email="cora@example.org", first_name="Cora", last_name="Lind", is_coordinator=True)
    ).user
    program = ProgramFactory(name="Leadership Circle", coordinators=[coordinator])
    today = timezone.localdate()
    cohort = CohortFactory(
        program=program, name="Spring", starts_on=today - timedelta(days=90), ends_on=today + timedelta(days=92)
    )
    dashboard_scene.build(cohort, pairs=8, unmatched=2)
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}{cohort.get_absolute_url()}")
    tab_to(page, page.get_by_role("link", name="Cohort health"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    live = page.locator("#pairs-live")

    # Choose "At risk" with the arrow keys, then Enter on "Filter pairs": focus stays on the button.
    tab_to(page, "pairs-health")
    page.keyboard.press("ArrowDown")
    tab_to(page, "pairs-filter")
    page.keyboard.press("Enter")
    focus_after_update(page, "pairs-filter")
    expect(live).to_contain_text("pairs shown")

    # Sort by mentee with Enter on the column heading: focus stays on it, and it says how it sorts.
    tab_to(page, "sort-mentee")
    page.keyboard.press("Enter")
    focus_after_update(page, "sort-mentee")
    expect(page.locator("th[aria-sort]")).to_contain_text("Mentee")
