"""The scan asks a survey on its date or at close-out, to the audience it names, once, with one reminder."""

from datetime import timedelta

from django.utils import timezone

from mentoring.notifications.models import Notification
from mentoring.notifications.scanning import registered, run_scan
from programs.models import REMINDER_DAYS, Audience, Role, SurveyAsk, Trigger
from programs.scans import due_survey_asks, due_survey_reminders
from tests.programs.factories import EnrollmentFactory, SurveyFactory


def test_the_survey_finders_are_registered():
    assert {"survey-asks", "survey-reminders", "meeting-surveys"} <= set(registered())


def test_a_survey_on_a_date_asks_its_audience_once(cohort):
    mentee = EnrollmentFactory(cohort=cohort, role=Role.MENTEE)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR)
    survey = SurveyFactory(cohort=cohort, audience=Audience.MENTEES, send_on=timezone.localdate())
    drafts = due_survey_asks(timezone.now())
    assert [d.recipient_id for d in drafts] == [mentee.user_id]
    assert drafts[0].url.endswith(f"/surveys/answer/{SurveyAsk.objects.get().pk}/")
    assert due_survey_asks(timezone.now()) == []
    assert not SurveyAsk.objects.filter(user=mentor.user).exists()
    assert survey.asks.count() == 1


def test_a_survey_waits_for_its_date(cohort):
    EnrollmentFactory(cohort=cohort)
    SurveyFactory(cohort=cohort, send_on=timezone.localdate() + timedelta(days=1))
    assert due_survey_asks(timezone.now()) == []


def test_a_close_out_survey_asks_when_the_closing_days_begin(cohort):
    EnrollmentFactory(cohort=cohort)
    SurveyFactory(cohort=cohort, trigger=Trigger.CLOSE_OUT)
    assert due_survey_asks(timezone.now()) == []
    assert len(due_survey_asks(timezone.now() + timedelta(days=(cohort.closing_starts - cohort.starts_on).days))) == 1


def test_an_open_ask_gets_one_reminder_and_an_answered_one_none(cohort):
    people = [EnrollmentFactory(cohort=cohort) for _ in range(2)]
    SurveyFactory(cohort=cohort, send_on=timezone.localdate())
    run_scan(timezone.now())
    answered = SurveyAsk.objects.get(user=people[1].user)
    answered.answered_at = timezone.now()
    answered.save()
    later = timezone.now() + timedelta(days=REMINDER_DAYS, minutes=1)
    assert due_survey_reminders(later - timedelta(minutes=2)) == []
    run_scan(later)
    run_scan(later + timedelta(days=REMINDER_DAYS))
    reminders = Notification.objects.filter(dedupe_key__endswith=":reminder", dedupe_key__startswith="survey_ask:")
    assert list(reminders.values_list("recipient_id", flat=True)) == [people[0].user_id]


def test_the_scan_sends_the_ask_as_a_notification(cohort):
    person = EnrollmentFactory(cohort=cohort)
    SurveyFactory(cohort=cohort, send_on=timezone.localdate(), title="Check-in")
    run_scan(timezone.now())
    run_scan(timezone.now())
    assert list(Notification.objects.filter(recipient=person.user).values_list("title", flat=True)) == [
        "A short survey: Check-in"
    ]


def test_the_scan_leaves_the_close_out_survey_to_the_closing_page(cohort):
    from programs.services.surveys import add_closing_survey

    add_closing_survey(cohort=cohort)
    EnrollmentFactory(cohort=cohort)
    day = timezone.now() + timedelta(days=(cohort.closing_starts - cohort.starts_on).days)
    assert due_survey_asks(day) == [] and due_survey_reminders(day + timedelta(days=30)) == []
