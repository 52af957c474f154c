"""A person's data download, and the deletion of their account: private words go, shared ones stay for the partner
under "a former participant", and the cohort's figures do not move."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.accounts.models import FORMER_PARTICIPANT
from mentoring.audit.models import Action, AuditEntry
from mentoring.privacy import services
from programs.models import Answer
from sessions.models import Note
from sessions.selectors.dashboard.figures import funnel
from tests.factories import NotificationFactory
from tests.programs.factories import AnswerFactory
from tests.sessions.factories import GoalFactory, MeetingFactory, MentorshipFactory, NoteFactory, mentee_enrollment

pytestmark = pytest.mark.django_db
SECRET_BIO = "zqsecret7 grew up in Leeds"


@pytest.fixture
def pair():
    mentorship = MentorshipFactory()
    meeting = MeetingFactory(mentorship=mentorship)
    NoteFactory(mentorship=mentorship, meeting=meeting, body="Shared: budget plan", visibility=Note.Visibility.PAIR)
    NoteFactory(mentorship=mentorship, body="Private: I am nervous", visibility=Note.Visibility.PRIVATE)
    NoteFactory(mentorship=mentorship, author=mentorship.mentor, body="Mentor's private", visibility="private")
    GoalFactory(enrollment=mentee_enrollment(mentorship))
    NotificationFactory(recipient=mentorship.mentee, title="Your meeting is tomorrow")
    return mentorship


def unzip(content: bytes) -> tuple[dict, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["personal-data.html", "personal-data.json"]
        return json.loads(archive.read("personal-data.json")), archive.read("personal-data.html").decode()


def test_the_download_holds_everything_about_the_person_in_json_and_html(pair):
    mentee = pair.mentee
    data, page = unzip(services.personal_data_zip(user=mentee, by=mentee))
    assert data["account"]["Account"][0]["email"] == mentee.email
    assert data["profile"]["Profile"][0]["user_id"] == mentee.pk
    assert [row["id"] for row in data["programs"]["Enrollments"]] == [mentee_enrollment(pair).pk]
    assert [row["id"] for row in data["matching"]["Mentorships"]] == [pair.pk]
    assert len(data["sessions"]["Meetings"]) == 1 and len(data["sessions"]["Goals"]) == 1
    assert sorted(row["body"] for row in data["sessions"]["My notes"]) == [
        "Private: I am nervous",
        "Shared: budget plan",
    ]
    assert data["notifications"]["Notifications"][0]["title"] == "Your meeting is tomorrow"
    assert "Mentor's private" not in json.dumps(data)
    assert "Private: I am nervous" in page and "Your meeting is tomorrow" in page
    assert not AuditEntry.objects.exists()  # one's own download is not a coordinator's action


def test_a_coordinators_download_on_request_is_audited(pair, coordinator):
    services.personal_data_zip(user=pair.mentee, by=coordinator, program_id=pair.cohort.program_id, reason="Asked")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id, entry.reason) == (Action.PERSONAL_DATA_EXPORTED, pair.mentee.pk, "Asked")


def test_deleting_an_account_keeps_what_was_shared_and_the_cohorts_figures(pair):
    mentee = pair.mentee
    AnswerFactory(user=mentee)
    mentee.profile.bio, mentee.profile.manager_email = SECRET_BIO, "boss@example.org"
    mentee.profile.save()
    before = funnel(pair.cohort)
    services.erase_account(user=mentee, by=mentee)
    mentee.refresh_from_db()
    assert mentee.display_name == FORMER_PARTICIPANT and not mentee.is_active and mentee.erased_at
    assert not mentee.has_usable_password() and mentee.email.endswith("@erased.invalid")
    assert list(Note.objects.filter(author=mentee).values_list("body", flat=True)) == ["Shared: budget plan"]
    assert Note.objects.filter(author=pair.mentor, body="Mentor's private").exists()
    assert not Answer.objects.filter(user=mentee).exists() and not mentee.notifications.exists()
    assert SECRET_BIO not in str(vars(mentee.profile)) and mentee.profile.manager_email == ""
    assert funnel(pair.cohort) == before


def test_the_partners_pair_page_still_works_and_names_a_former_participant(client, pair):
    services.erase_account(user=pair.mentee, by=pair.mentee)
    client.force_login(pair.mentor)
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "Shared: budget plan" in page and FORMER_PARTICIPANT in page and "Private: I am nervous" not in page


def test_a_coordinator_deletes_on_request_with_an_audit_row_and_never_a_staff_account(pair, coordinator, admin_user):
    services.erase_account(user=pair.mentee, by=coordinator, program_id=pair.cohort.program_id, reason="E-mail")
    entry = AuditEntry.objects.get(action=Action.ACCOUNT_ERASED)
    assert (entry.actor, entry.target_label, entry.reason) == (coordinator, FORMER_PARTICIPANT, "E-mail")
    with pytest.raises(ValidationError, match="already"):
        services.erase_account(user=pair.mentee, by=coordinator)
    with pytest.raises(ValidationError, match="staff"):
        services.erase_account(user=admin_user, by=coordinator)


def test_a_person_deletes_their_account_by_typing_their_address(client, pair):
    mentee = pair.mentee
    client.force_login(mentee)
    url = reverse("privacy:delete")
    assert "not the e-mail address" in client.post(url, {"email": "someone@else.org"}).content.decode()
    mentee.refresh_from_db()
    assert mentee.erased_at is None
    response = client.post(url, {"email": mentee.email.upper()})
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert mentee.erased_at is not None
    assert client.get(reverse("privacy:my_data")).status_code == 302  # signed out


def test_the_download_page_serves_a_zip(client, pair):
    client.force_login(pair.mentee)
    response = client.get(reverse("privacy:download"))
    assert response["Content-Type"] == "application/zip"
    data, _ = unzip(response.content)
    assert data["account"]["Account"][0]["email"] == pair.mentee.email


def test_the_download_holds_the_persons_survey_answers_the_close_out_survey_among_them(pair):
    from programs.services.surveys import add_closing_survey, closing_occasion
    from tests.programs.factories import SurveyFactory

    closing = add_closing_survey(cohort=pair.cohort)
    rated = closing.questions.order_by("order").first()
    SurveyAsk = closing.asks.model
    SurveyAsk.objects.create(survey=closing, user=pair.mentee, occasion=closing_occasion(pair.pk),
                             answers={str(rated.pk): 4})  # fmt: skip
    SurveyAsk.objects.create(survey=SurveyFactory(cohort=pair.cohort), user=pair.mentor)
    data, _ = unzip(services.personal_data_zip(user=pair.mentee, by=pair.mentee))
    (row,) = data["programs"]["Surveys asked and my answers"]
    expected = (closing.pk, f"mentorship:{pair.pk}", {str(rated.pk): 4})
    assert (row["survey_id"], row["occasion"], row["answers"]) == expected
