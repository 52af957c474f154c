"""A coordinator's surveys through the browser client: building one, reading its aggregates and their CSV; a person
answering their own ask."""

import csv
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from programs.kinds import SCORE
from programs.models import Survey, SurveyAsk
from tests.factories import UserFactory
from tests.programs.factories import SurveyFactory, SurveyQuestionFactory


def form_data(cohort, **fields):
    data = {"title": "Mid-program", "intro": "", "audience": "both", "trigger": "timeline",
            "send_on": (cohort.starts_on + timedelta(days=30)).isoformat(),
            "questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "0",
            "questions-0-text": "How is it going?", "questions-0-kind": "scale",
            "questions-1-text": "", "questions-1-kind": "scale"}  # fmt: skip
    return {**data, **fields}


def test_a_coordinator_builds_a_survey(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(reverse("programs:survey_create", args=[cohort.pk]), form_data(cohort, with_score="on"))
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert list(survey.questions.values_list("kind", flat=True)) == ["scale", SCORE]


def test_a_survey_without_a_question_gets_a_message_and_nothing_saved(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:survey_create", args=[cohort.pk]), form_data(cohort, **{"questions-0-text": ""})
    )
    assert response.status_code == 200
    assert "at least one question" in response.content.decode()
    assert not Survey.objects.exists()


def test_a_date_outside_the_cohort_gets_a_message_and_nothing_saved(client, coordinator, cohort):
    client.force_login(coordinator)
    late = (cohort.ends_on + timedelta(days=3)).isoformat()
    response = client.post(reverse("programs:survey_create", args=[cohort.pk]), form_data(cohort, send_on=late))
    assert response.status_code == 200
    assert "inside the cohort" in response.content.decode()
    assert not Survey.objects.exists()


def _answered(survey, question, values):
    for value in values:
        SurveyAsk.objects.create(
            survey=survey, user=UserFactory(), answered_at=timezone.now(), answers={str(question.pk): value}
        )


def test_results_wait_for_three_answers(client, coordinator, cohort):
    survey = SurveyFactory(cohort=cohort)
    question = SurveyQuestionFactory(survey=survey, kind=SCORE, text="Recommend?")
    _answered(survey, question, [10, 2])
    client.force_login(coordinator)
    page = client.get(reverse("programs:survey_results", args=[survey.pk])).content.decode()
    assert "Not enough answers yet" in page and "average" not in page
    rows = list(
        csv.reader(client.get(reverse("programs:survey_export", args=[survey.pk])).content.decode().splitlines())
    )
    assert [row[2] for row in rows[1:]] == ["Asked", "Answered"]


def test_results_show_aggregates_never_people(client, coordinator, cohort):
    survey = SurveyFactory(cohort=cohort, title="=HYPERLINK()")
    question = SurveyQuestionFactory(survey=survey, kind=SCORE, text="Recommend?")
    _answered(survey, question, [10, 9, 3])
    client.force_login(coordinator)
    page = client.get(reverse("programs:survey_results", args=[survey.pk])).content.decode()
    assert "average 7.3" in page and "net recommendation score 33" in page
    for ask in SurveyAsk.objects.select_related("user"):
        assert ask.user.email not in page and ask.user.last_name not in page
    rows = list(
        csv.reader(client.get(reverse("programs:survey_export", args=[survey.pk])).content.decode().splitlines())
    )
    assert ["'=HYPERLINK()", "Recommend?", "Average", "7.3"] in rows
    assert ["'=HYPERLINK()", "Recommend?", "Net recommendation score", "33"] in rows


def test_the_cohort_dashboard_shows_survey_results(client, coordinator, cohort):
    survey = SurveyFactory(cohort=cohort, title="Pulse")
    SurveyQuestionFactory(survey=survey)
    client.force_login(coordinator)
    page = client.get(reverse("sessions:dashboard", args=[cohort.pk])).content.decode()
    assert "Pulse" in page and "Not enough answers yet" in page


def test_a_person_answers_their_ask_once(client, user):
    question = SurveyQuestionFactory(kind=SCORE)
    ask = SurveyAsk.objects.create(survey=question.survey, user=user)
    client.force_login(user)
    url = reverse("programs:survey_answer", args=[ask.pk])
    response = client.post(url, {f"q{question.pk}": "11"})
    assert response.status_code == 200 and "Choose a score from 0 to 10" in response.content.decode()
    ask.refresh_from_db()
    assert not ask.is_answered
    assert client.post(url, {f"q{question.pk}": "8"}).status_code == 302
    ask.refresh_from_db()
    assert ask.answers == {str(question.pk): 8}
    client.post(url, {f"q{question.pk}": "1"})
    ask.refresh_from_db()
    assert ask.answers == {str(question.pk): 8}


def test_nobody_reaches_another_persons_answers(client, user, other_user):
    question = SurveyQuestionFactory()
    ask = SurveyAsk.objects.create(survey=question.survey, user=other_user, answered_at=timezone.now(),
                                   answers={str(question.pk): 4})  # fmt: skip
    client.force_login(user)
    assert client.get(reverse("programs:survey_answer", args=[ask.pk])).status_code == 404
    assert client.post(reverse("programs:survey_answer", args=[ask.pk]), {f"q{question.pk}": "1"}).status_code == 404
