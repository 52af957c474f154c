import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.notifications.models import Notification
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory, ProgramFactory
from tests.sessions import dashboard_scene

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_triages_at_risk_pairs_nudges_one_and_exports_them(page, live_server):
    coordinator = ProfileFactory(
        user=UserFactory(email="cora@example.org", first_name="Cora", last_name="Lind", is_coordinator=True)
    ).user
    program = ProgramFactory(name="Leadership Circle", coordinators=[coordinator])
    today = timezone.localdate()
    cohort = CohortFactory(
        program=program, name="Spring", starts_on=today - timedelta(days=90), ends_on=today + timedelta(days=92)
    )
    # Like the demo cohort: pairs on track, drifting, at risk, proposed and completed; mentees still waiting.
    dashboard_scene.build(cohort, pairs=15, unmatched=6)

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}{cohort.get_absolute_url()}")
    page.get_by_role("link", name="Cohort health").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Cohort health: Spring")).to_be_visible()
    expect(page.get_by_role("img", name="Meetings held per week")).to_be_visible()
    expect(page.get_by_role("heading", name="At-risk pairs (6)")).to_be_visible()

    # Only the at-risk pairs, swapped in place by htmx.
    page.evaluate("window.__stillHere = true")
    page.get_by_label("Show").select_option("at_risk")
    page.get_by_role("button", name="Filter pairs").click()
    expect(page.locator("#pairs").get_by_text("6 pairs shown.")).to_be_visible()
    table = page.locator("#pairs-table tbody tr")
    expect(table).to_have_count(6)
    expect(page.locator("#pairs-table").get_by_text("On track")).to_have_count(0)
    assert page.evaluate("window.__stillHere") is True, "the table was filtered in place"
    assert "health=at_risk" in page.url

    # The same pairs, as a spreadsheet.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export these pairs to CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 6 and {row["health"] for row in rows} == {"At risk"}
    assert dashboard_scene.SECRET not in exported

    # A nudge from the triage queue reaches both sides, once.
    triage = page.get_by_role("region", name="At-risk pairs (6)")
    triage.get_by_role("button", name="Nudge both").first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Nudge sent to")).to_be_visible()
    expect(page.get_by_text("Nudged today")).to_be_visible()
    assert Notification.objects.filter(kind="program").count() == 2

    # The printable report: totals only.
    page.get_by_role("link", name="Printable report").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Closing report: Leadership Circle, Spring")).to_be_visible()
    expect(page.get_by_role("button", name="Print this report")).to_be_visible()
