"""A mentee downloads everything the product holds about her, then deletes her account; her mentor's pair page still
shows what she shared, signed "a former participant", and nothing she kept private."""

import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from mentoring.accounts.models import FORMER_PARTICIPANT
from sessions.models import Note
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD
from tests.sessions.factories import MentorshipFactory, NoteFactory, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_mentee_downloads_her_data_deletes_her_account_and_her_mentors_page_still_works(page, live_server):
    mentee = person(first_name="Mia", last_name="Okafor", email="mia@example.org")
    mentor = person(first_name="Max", last_name="Ito", email="max@example.org")
    pair = MentorshipFactory(mentee=mentee, mentor=mentor)
    NoteFactory(mentorship=pair, author=mentee, body="Shared: the review plan comes first.")
    NoteFactory(mentorship=pair, author=mentee, body="Private: I am nervous.", visibility=Note.Visibility.PRIVATE)

    page.goto(live_server.url, timeout=60_000)  # the live server's first answer is slow on a loaded machine
    log_in(page, live_server, mentee.email, PASSWORD)
    page.get_by_role("button", name="Mia Okafor").click()
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        data = json.loads(archive.read("personal-data.json"))
        html = archive.read("personal-data.html").decode()
    assert data["account"]["Account"][0]["email"] == "mia@example.org"
    assert "Private: I am nervous." in html

    page.get_by_label(re.compile(r"^\s*Type your e-mail address to confirm\W*$")).fill("mia@example.org")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account is deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    log_in(page, live_server, mentor.email, PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="My mentorships").click()
    page.get_by_role("link", name=re.compile(FORMER_PARTICIPANT, re.IGNORECASE)).first.click()
    expect(page.get_by_text("Shared: the review plan comes first.")).to_be_visible()
    expect(page.get_by_text("Private: I am nervous.")).to_have_count(0)
