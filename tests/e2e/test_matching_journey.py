import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from matching.models import Mentorship
from mentoring.profiles.models import Skill
from programs.models import Role
from tests.e2e.conftest import log_in, nav, request_mentor
from tests.factories import PASSWORD, ProfileFactory, SkillFactory, UserFactory
from tests.matching.factories_bulk import bulk_cohort, participant
from tests.programs.factories import CohortFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_mentee_finds_and_requests_a_mentor_who_accepts_and_both_see_the_mentorship(page, live_server):
    budgeting = Skill.objects.filter(name="Budgeting").first() or SkillFactory(name="Budgeting", slug="budgeting-e2e")
    cohort = CohortFactory(program=ProgramFactory(name="Finance Futures", matching_mode="mentee_choice"), name="Spring")
    mentee = participant(
        cohort, Role.MENTEE, seeks=[budgeting], user__first_name="Mia", user__last_name="Okafor",
        user__email="mia@example.org",
    )  # fmt: skip
    participant(
        cohort, Role.MENTOR, offers=[budgeting], user__first_name="Max", user__last_name="Ito",
        user__email="max@example.org", years_experience=18, job_level=6,
    )  # fmt: skip

    # The mentee opens "Find a mentor" from her board and sees the mentor ranked with a reason.
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My board")
    page.get_by_role("link", name=re.compile("Find a mentor")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Find a mentor")).to_be_visible()
    expect(page.get_by_text(re.compile("offers Budgeting", re.IGNORECASE)).first).to_be_visible()

    # She asks him, with a plan.
    request_mentor(page, "Max Ito")

    # The mentor finds it in his requests inbox and accepts.
    page.context.clear_cookies()
    log_in(page, live_server, "max@example.org", PASSWORD)
    nav(page, "Requests")
    page.get_by_role("link", name=re.compile("Mia Okafor")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Learn to build and defend my first departmental budget.")).to_be_visible()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Accepted: your mentorship has started.")).to_be_visible()
    assert Mentorship.objects.active().filter(mentee=mentee, mentor__email="max@example.org").exists()

    # Both see the mentorship.
    nav(page, "My mentorships")
    expect(page.get_by_role("link", name="Mia Okafor").first).to_be_visible()
    page.context.clear_cookies()
    log_in(page, live_server, mentee.email, PASSWORD)
    nav(page, "My board")
    expect(page.get_by_text("Max Ito").first).to_be_visible()
    expect(page.get_by_text(re.compile("Skill coach")).first).to_be_visible()
    nav(page, "My mentorships")
    expect(page.get_by_role("link", name="Max Ito").first).to_be_visible()


def test_a_coordinator_matches_a_cohort_in_bulk_adjusts_publishes_and_both_sides_confirm(page, live_server):
    coordinator = ProfileFactory(
        user=UserFactory(is_coordinator=True, first_name="Cora", last_name="Lead", email="cora@example.org")
    ).user
    budgeting = Skill.objects.filter(name="Budgeting").first() or SkillFactory(name="Budgeting", slug="budgeting-e2e")
    cohort = bulk_cohort(coordinator, name="Leaders Program")
    mentors = [
        participant(cohort, Role.MENTOR, offers=offers, capacity=1, user__first_name=first, user__last_name="Mentor",
                    user__email=f"{first.lower()}@example.org")
        for first, offers in (("Fiona", [budgeting]), ("Gus", []))
    ]  # fmt: skip
    mia = participant(cohort, Role.MENTEE, seeks=[budgeting], user__first_name="Mia", user__last_name="Okafor",
                      user__email="mia@example.org")  # fmt: skip
    participant(cohort, Role.MENTEE, user__first_name="Noah", user__last_name="Berg", user__email="noah@example.org")
    participant(cohort, Role.MENTEE, user__first_name="Olga", user__last_name="Left", user__email="olga@example.org")

    # The coordinator runs matching from the cohort page and reads the proposal.
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}{cohort.get_absolute_url()}")
    page.get_by_role("link", name="Bulk matching").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Run matching").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Matching is done")).to_be_visible()
    pairs = page.get_by_role("region", name="Proposed pairs")
    expect(pairs.get_by_role("row")).to_have_count(3)
    expect(
        pairs.get_by_role("row", name=re.compile("Mia Okafor")).get_by_role("cell", name=re.compile("^Fiona Mentor"))
    ).to_be_visible()
    # The table stays compact: how a score adds up is one "Why" away.
    page.locator("summary", has_text="Why").first.click()
    expect(page.get_by_role("progressbar", name=re.compile("Sought skills the mentor offers")).first).to_be_visible()
    expect(page.get_by_text(re.compile("No compatible mentor has capacity left"))).to_be_visible()

    # What-if: swap the two pairs, then publish.
    pairs.get_by_role("checkbox").nth(0).check()
    pairs.get_by_role("checkbox").nth(1).check()
    page.get_by_role("button", name="Swap the mentors of the two ticked pairs").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Swapped and locked.")).to_be_visible()
    expect(pairs.get_by_text("Locked", exact=True)).to_have_count(2)
    expect(
        pairs.get_by_role("row", name=re.compile("Mia Okafor")).get_by_role("cell", name=re.compile("^Gus Mentor"))
    ).to_be_visible()
    page.get_by_role("button", name=re.compile("Publish 2 pairs")).click()
    page.wait_for_load_state()
    expect(page.get_by_text(re.compile("2 pairs published"))).to_be_visible()
    mentorship = Mentorship.objects.get(mentee=mia)
    assert mentorship.status == Mentorship.Status.PROPOSED and mentorship.mentor == mentors[1]

    # Each side opens the notification's page and confirms.
    for email in ("mia@example.org", "gus@example.org"):
        page.context.clear_cookies()
        log_in(page, live_server, email, PASSWORD)
        page.goto(f"{live_server.url}{reverse('matching:match_detail', args=[mentorship.pk])}")
        page.get_by_role("button", name="Confirm the match").click()
        page.wait_for_load_state()
    expect(page.get_by_text(re.compile("You have both confirmed"))).to_be_visible()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE
