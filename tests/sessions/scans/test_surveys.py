"""Surveys asked after a pair's first held meeting, or after each one."""

from datetime import timedelta

from django.utils import timezone

from programs.models import Audience, SurveyAsk, Trigger
from sessions.models import Meeting
from sessions.scans.surveys import due_meeting_survey_asks
from tests.programs.factories import SurveyFactory
from tests.sessions.factories import MeetingFactory


def held(mentorship, days_ago):
    return MeetingFactory(
        mentorship=mentorship, starts_at=timezone.now() - timedelta(days=days_ago), status=Meeting.Status.HELD
    )


def test_after_the_first_meeting_both_sides_are_asked_once_per_pair(mentorship):
    SurveyFactory(cohort=mentorship.cohort, trigger=Trigger.FIRST_MEETING)
    assert due_meeting_survey_asks(timezone.now()) == []
    held(mentorship, 1)
    drafts = due_meeting_survey_asks(timezone.now())
    assert sorted(d.recipient_id for d in drafts) == sorted([mentorship.mentee_id, mentorship.mentor_id])
    held(mentorship, 0)
    assert due_meeting_survey_asks(timezone.now()) == []
    assert set(SurveyAsk.objects.values_list("occasion", flat=True)) == {f"mentorship:{mentorship.pk}"}


def test_after_each_meeting_the_audience_is_asked_about_each(mentorship):
    SurveyFactory(cohort=mentorship.cohort, trigger=Trigger.EACH_MEETING, audience=Audience.MENTEES)
    first, second = held(mentorship, 3), held(mentorship, 1)
    drafts = due_meeting_survey_asks(timezone.now())
    assert [d.recipient_id for d in drafts] == [mentorship.mentee_id] * 2
    assert set(SurveyAsk.objects.values_list("occasion", flat=True)) == {f"meeting:{first.pk}", f"meeting:{second.pk}"}


def test_a_meeting_of_another_cohort_does_not_ask(mentorship):
    SurveyFactory(trigger=Trigger.FIRST_MEETING)
    held(mentorship, 1)
    assert due_meeting_survey_asks(timezone.now()) == []
