import pytest

from tests.matching.factories import MentorshipRequestFactory
from tests.sessions.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_the_landing_page(client):
    page = client.get("/").content.decode()
    assert "Create an account" in page


def test_signed_in_people_see_their_dashboard(client, user):
    client.force_login(user)
    page = client.get("/").content.decode()
    assert f"Welcome, {user.first_name}" in page


def test_the_dashboard_shows_the_next_meeting_and_requests_to_answer(client):
    meeting = MeetingFactory()
    mentee, mentor = meeting.mentorship.mentee, meeting.mentorship.mentor
    MentorshipRequestFactory(mentor=mentor, cohort=meeting.mentorship.cohort)
    client.force_login(mentee)
    page = client.get("/").content.decode()
    assert meeting.get_absolute_url() in page and mentor.display_name in page
    assert "waiting for your answer" not in page
    client.force_login(mentor)
    page = client.get("/").content.decode()
    assert meeting.get_absolute_url() in page and "1</span> mentor request waiting for your answer" in page
