import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Enrollment, Invitation
from programs.tasks import send_invitation_emails
from tests.e2e.conftest import field, log_in, mail_link, nav, path_of
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_sets_up_a_cohort_invites_by_csv_and_an_invitee_joins(page, live_server, tmp_path):
    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True, first_name="Casey")).user
    log_in(page, live_server, coordinator.email, PASSWORD)

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Coordinate").click()
    page.get_by_role("link", name="New program").click()
    field(page, "Name").fill("Leadership Circle")
    field(page, "Description").fill("Six months with a senior mentor.")
    field(page, "Mentor capacity").fill("3")
    page.get_by_role("button", name="Save program").click()
    expect(page.get_by_role("heading", name="Leadership Circle")).to_be_visible()

    page.get_by_role("link", name="New cohort").click()
    today = timezone.localdate()
    field(page, "Name").fill("Spring cohort")
    field(page, "Starts on").fill(f"{today:%Y-%m-%d}")
    field(page, "Ends on").fill(f"{today + timedelta(days=182):%Y-%m-%d}")
    page.get_by_role("button", name="Save cohort").click()
    expect(page.get_by_role("heading", name=re.compile("Spring cohort"))).to_be_visible()
    expect(page.get_by_text("the cohort is enrolling")).to_be_visible()

    people = tmp_path / "people.csv"
    people.write_text(
        "email,role,first name,last name\n"
        "ada@example.org,mentee,Ada,Okafor\n"
        "ben@example.org,mentor,Ben,Ito\n"
        "cleo@example.org,mentee,Cleo,Ramos\n"
    )
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Or a CSV file").set_input_files(str(people))
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("3 invitations sent.")).to_be_visible()
    expect(page.get_by_role("heading", name="Open invitations (3)")).to_be_visible()

    # What a worker does with the queued task.
    send_invitation_emails(list(Invitation.objects.values_list("pk", flat=True)))
    assert sorted(m.to[0] for m in mail.outbox if "invited" in m.subject) == [
        "ada@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]
    invitation_mail = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    link = mail_link(invitation_mail, "/programs/invitations/")

    page.context.clear_cookies()
    page.goto(live_server.url + path_of(link))
    expect(page.get_by_text("You are invited to join Spring cohort as a mentee")).to_be_visible()
    page.locator("#main").get_by_role("link", name="Create account").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    expect(page.get_by_label("Email")).to_have_value("ada@example.org")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill("a-long-pass-phrase-42")
    page.get_by_label("Password (again)").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Create account").click()

    page.get_by_role("button", name="Join as mentee").click()
    expect(page.get_by_role("heading", name="Get set up in Spring cohort")).to_be_visible()
    page.get_by_role("button", name="Skip for now").click()
    expect(page.get_by_text("Setup skipped.")).to_be_visible()
    nav(page, "My programs")
    expect(page.get_by_role("heading", name="My programs")).to_be_visible()
    expect(page.get_by_role("heading", name="Leadership Circle: Spring cohort")).to_be_visible()
    expect(page.get_by_text("You take part as mentee")).to_be_visible()

    enrollment = Enrollment.objects.get(user__email="ada@example.org")
    assert enrollment.status == Enrollment.Status.ACTIVE and enrollment.role == "mentee"
    assert Invitation.objects.get(email="ada@example.org").accepted_at is not None

    page.goto(live_server.url + path_of(link))
    expect(page.get_by_text("This invitation has already been used")).to_be_visible()


def test_a_participant_finishes_orientation_and_the_coordinator_sees_it(page, live_server):
    from programs.models import OrientationItem, Role
    from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory

    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True)).user
    cohort = CohortFactory(program=ProgramFactory(coordinators=[coordinator], name="Growth"), name="Autumn")
    mentee = EnrollmentFactory(cohort=cohort, role=Role.MENTEE, user=ProfileFactory().user)
    EnrollmentFactory(cohort=cohort, role=Role.MENTOR, user=ProfileFactory().user)
    OrientationItem.objects.create(cohort=cohort, role=Role.MENTEE, title="Read the mentee guide")

    log_in(page, live_server, mentee.user.email, PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="My programs").click()
    page.get_by_role("link", name="Finish your orientation").click()
    page.get_by_role("button", name=re.compile(r"Mark done\W+Read the mentee guide")).click()
    expect(page.get_by_text("All done")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/programs/cohorts/{cohort.pk}/")
    expect(page.get_by_text("Finished: 0 mentors, 1 mentee.")).to_be_visible()
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Orientation done").select_option("yes")
    page.get_by_role("button", name="Filter").click()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text(mentee.user.email)
