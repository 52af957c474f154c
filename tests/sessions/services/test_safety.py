"""Safety reports: private to the coordinators, acted on in neutral words; the reported person never learns who
reported, nor that anyone did."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.models import Mentorship
from mentoring.audit.models import Action, AuditEntry
from mentoring.notifications.models import Notification
from programs.models import Enrollment, Role
from sessions import services
from sessions.models import Meeting, SafetyReport
from tests.factories import UserFactory
from tests.sessions.factories import MeetingFactory, MentorshipFactory

pytestmark = pytest.mark.django_db
SECRET = "zqsecret7"


@pytest.fixture
def pair(coordinator):
    mentorship = MentorshipFactory()
    mentorship.cohort.program.coordinators.add(coordinator)
    return mentorship


def report(pair, **extra) -> SafetyReport:
    fields = {"reason": SafetyReport.Reason.INAPPROPRIATE, "details": f"He said {SECRET}.", **extra}
    return services.report_concern(mentorship=pair, by=pair.mentee, **fields)


def told(person) -> str:
    """Everything the person received: their notifications, the mails sent to them."""
    notes = Notification.objects.filter(recipient=person).values_list("title", "body")
    mails = [f"{m.subject} {m.body}" for m in mail.outbox if person.email in m.to]
    return " ".join([*(f"{title} {body}" for title, body in notes), *mails])


def test_a_report_reaches_the_coordinators_and_not_the_reported_person(
    pair, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = report(pair)
    assert (made.reporter, made.about, made.is_open) == (pair.mentee, pair.mentor, True)
    assert Notification.objects.filter(recipient=coordinator, object_id=made.pk).exists()
    assert SECRET not in told(coordinator)  # the text is read on the report's page only
    assert told(pair.mentor) == ""
    assert Mentorship.objects.get(pk=pair.pk).is_active


def test_a_coordinator_who_is_the_reported_person_is_not_told(pair):
    pair.cohort.program.coordinators.add(pair.mentor)
    report(pair)
    assert told(pair.mentor) == ""


def test_ending_with_the_report_ends_the_pair_in_the_words_of_any_early_ending(pair):
    MeetingFactory(mentorship=pair)
    report(pair, end_now=True)
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ENDED_EARLY
    assert not Meeting.objects.filter(mentorship=pair, status=Meeting.Status.SCHEDULED).exists()
    words = told(pair.mentor)
    assert "ended" in words and "report" not in words.lower() and "concern" not in words.lower()
    assert SECRET not in words


def test_a_report_needs_a_reason_from_the_list_and_a_text(pair):
    with pytest.raises(ValidationError):
        services.report_concern(mentorship=pair, by=pair.mentee, reason="bored", details="x")
    with pytest.raises(ValidationError):
        services.report_concern(mentorship=pair, by=pair.mentee, reason="other", details="  ")
    with pytest.raises(ValidationError):
        services.report_concern(mentorship=pair, by=UserFactory(), reason="other", details="x")
    assert not SafetyReport.objects.exists()


def test_pausing_the_reported_mentor_tells_them_neutrally_and_is_audited(pair, coordinator):
    made = report(pair)
    services.pause_reported_mentor(report=made, by=coordinator)
    enrollment = Enrollment.objects.get(user=pair.mentor, cohort=pair.cohort, role=Role.MENTOR)
    assert enrollment.paused_at is not None
    made.refresh_from_db()
    assert (made.is_open, made.outcome) == (False, SafetyReport.Outcome.MENTOR_PAUSED)
    words = told(pair.mentor).lower()
    assert "paused" in words and "report" not in words and pair.mentee.display_name.lower() not in words
    entry = AuditEntry.objects.get(action=Action.MENTOR_PAUSED)
    assert entry.program_id == pair.cohort.program_id and SECRET not in str(entry.changes)


def test_a_reported_mentee_cannot_be_paused(pair, coordinator):
    made = services.report_concern(mentorship=pair, by=pair.mentor, reason="other", details="x")
    with pytest.raises(ValidationError, match="mentor"):
        services.pause_reported_mentor(report=made, by=coordinator)


def test_ending_the_pair_tells_both_sides_the_same_neutral_words(pair, coordinator):
    made = report(pair)
    services.end_reported_pair(report=made, by=coordinator)
    pair.refresh_from_db()
    assert (pair.status, pair.ended_by) == (Mentorship.Status.ENDED_EARLY, coordinator)
    mentee_words, mentor_words = told(pair.mentee), told(pair.mentor)
    assert mentee_words == mentor_words and "coordinators" in mentor_words and "report" not in mentor_words.lower()
    assert AuditEntry.objects.filter(action=Action.PAIR_ENDED, target_id=pair.pk).exists()


def test_only_the_programs_coordinators_act_and_only_on_open_reports(pair, coordinator):
    made = report(pair)
    with pytest.raises(ValidationError):
        services.close_report(report=made, by=UserFactory(is_coordinator=True))
    services.close_report(report=made, by=coordinator)
    with pytest.raises(ValidationError, match="closed"):
        services.end_reported_pair(report=made, by=coordinator)
    assert AuditEntry.objects.filter(action=Action.REPORT_CLOSED).count() == 1


def test_no_page_of_the_reported_person_reveals_the_report(client, pair):
    made = report(pair)
    client.force_login(pair.mentor)
    for url in (reverse("home:index"), pair.get_absolute_url(), reverse("notifications:list")):
        page = client.get(url).content.decode()
        assert SECRET not in page and "safety report" not in page.lower()
    assert client.get(made.get_absolute_url()).status_code == 404


def test_coordinators_see_open_reports_on_their_home_and_the_cohort_dashboard(client, pair, coordinator):
    made = report(pair)
    client.force_login(coordinator)
    for url in (reverse("home:index"), reverse("sessions:dashboard", args=[pair.cohort_id])):
        assert made.get_absolute_url() in client.get(url).content.decode()
    page = client.get(made.get_absolute_url()).content.decode()
    assert SECRET in page
    client.post(reverse("sessions:safety_report_act", args=[made.pk]), {"action": "close"})
    assert made.get_absolute_url() not in client.get(reverse("home:index")).content.decode()


def test_a_side_reports_through_the_page(client, pair, coordinator):
    client.force_login(pair.mentee)
    url = reverse("sessions:report_concern", args=[pair.pk])
    assert client.post(url, {"reason": "nonsense", "details": ""}).status_code == 200
    assert not SafetyReport.objects.exists()
    response = client.post(url, {"reason": "safety", "details": "I felt unsafe.", "end_now": "on"})
    assert response.status_code == 302 and SafetyReport.objects.get().ended_pair
