"""Building a survey, asking people once, and answering once: each refusal saves nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs.kinds import SCORE
from programs.models import Survey, SurveyAsk, SurveyQuestion, Trigger
from programs.services.surveys import SurveyQuestionFields, answer_survey, ask_people, create_survey
from tests.factories import UserFactory
from tests.programs.factories import SurveyFactory, SurveyQuestionFactory


def build(cohort, by, **fields):
    defaults = {"title": "Mid-program", "audience": "both", "trigger": Trigger.TIMELINE,
                "send_on": cohort.starts_on + timedelta(days=60),
                "questions": [SurveyQuestionFields(kind="scale", text="How is it going?")]}  # fmt: skip
    return create_survey(cohort=cohort, by=by, **{**defaults, **fields})


def test_a_survey_keeps_its_questions_in_order_and_the_score_last(cohort, coordinator):
    survey = build(
        cohort,
        coordinator,
        questions=[
            SurveyQuestionFields(kind="single", text="Where?", choices=("Remote", "Office")),
            SurveyQuestionFields(kind="text", text="Anything else?"),
        ],
        with_score=True,
    )
    kinds = list(survey.questions.order_by("order").values_list("kind", flat=True))
    assert kinds == ["single", "text", SCORE]
    assert survey.questions.get(kind="single").labels == ["Remote", "Office"]


def test_a_survey_without_a_question_is_refused_and_nothing_is_saved(cohort, coordinator):
    with pytest.raises(ValidationError, match="at least one question"):
        build(cohort, coordinator, questions=[SurveyQuestionFields(kind="scale", text="  ")])
    assert not Survey.objects.exists()


def test_a_date_outside_the_cohort_is_refused_and_nothing_is_saved(cohort, coordinator):
    with pytest.raises(ValidationError, match="inside the cohort"):
        build(cohort, coordinator, send_on=cohort.ends_on + timedelta(days=1))
    assert not Survey.objects.exists() and not SurveyQuestion.objects.exists()


def test_a_choice_question_without_two_choices_saves_nothing(cohort, coordinator):
    with pytest.raises(ValidationError, match="two choices"):
        build(cohort, coordinator, questions=[SurveyQuestionFields(kind="single", text="Where?", choices=("A",))])
    assert not Survey.objects.exists()


def test_someone_else_cannot_add_a_survey(cohort, user):
    with pytest.raises(ValidationError):
        build(cohort, user)
    assert not Survey.objects.exists()


def test_a_date_is_dropped_for_a_survey_after_meetings(cohort, coordinator):
    survey = build(cohort, coordinator, trigger=Trigger.FIRST_MEETING)
    assert survey.send_on is None


def _ask(survey, user=None):
    return SurveyAsk.objects.create(survey=survey, user=user or UserFactory())


def test_an_answer_is_kept_once(db):
    question = SurveyQuestionFactory(kind=SCORE)
    ask = _ask(question.survey)
    answer_survey(ask=ask, answers={question: 9})
    ask.refresh_from_db()
    assert ask.answers == {str(question.pk): 9} and ask.is_answered
    with pytest.raises(ValidationError, match="already answered"):
        answer_survey(ask=ask, answers={question: 3})
    ask.refresh_from_db()
    assert ask.answers == {str(question.pk): 9}


@pytest.mark.parametrize("value", [11, -1, True, "7"])
def test_a_score_out_of_range_is_refused_and_nothing_is_saved(db, value):
    question = SurveyQuestionFactory(kind=SCORE)
    ask = _ask(question.survey)
    with pytest.raises(ValidationError, match="0 to 10"):
        answer_survey(ask=ask, answers={question: value})
    ask.refresh_from_db()
    assert not ask.is_answered and ask.answers == {}


def test_a_required_question_left_empty_is_refused(db):
    question = SurveyQuestionFactory(required=True)
    ask = _ask(question.survey)
    with pytest.raises(ValidationError, match="needs an answer"):
        answer_survey(ask=ask, answers={question: None})
    ask.refresh_from_db()
    assert not ask.is_answered


def test_people_are_asked_once_per_occasion(db):
    survey = SurveyFactory()
    people = UserFactory.create_batch(2)
    now = timezone.now()
    wanted = [(survey, people[0].pk, ""), (survey, people[1].pk, "")]
    drafts = ask_people(wanted=wanted, now=now, url=lambda pk: f"/a/{pk}/")
    assert sorted(d.recipient_id for d in drafts) == sorted(p.pk for p in people)
    assert ask_people(wanted=wanted, now=now, url=lambda pk: f"/a/{pk}/") == []
    again = ask_people(wanted=[(survey, people[0].pk, "meeting:7")], now=now, url=lambda pk: f"/a/{pk}/")
    assert len(again) == 1 and SurveyAsk.objects.count() == 3


def test_the_close_out_survey_is_made_once_per_cohort_with_the_program_question_kinds(cohort):
    from programs.services.surveys import add_closing_survey

    survey = add_closing_survey(cohort=cohort)
    assert add_closing_survey(cohort=cohort) == survey
    assert Survey.objects.filter(cohort=cohort).count() == 1
    rated, helped = survey.questions.order_by("order")
    assert (rated.kind, rated.required, helped.kind, helped.required) == ("scale", True, "single", True)
    assert helped.labels[:3] == ["Regular time set aside to think about my work", "Advice on specific situations",
                                 "Honest feedback"]  # fmt: skip
    assert len(helped.labels) == 7 and set(survey.roles) == {"mentor", "mentee"}


def test_the_database_keeps_one_close_out_survey_per_cohort_and_at_close_out(cohort):
    from django.db import IntegrityError, transaction

    from programs.services.surveys import add_closing_survey

    add_closing_survey(cohort=cohort)
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(cohort=cohort, title="Another", trigger=Trigger.CLOSE_OUT, is_closing=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyFactory(is_closing=True, trigger=Trigger.FIRST_MEETING, send_on=None)


def test_a_scale_answer_outside_one_to_five_is_refused(db):
    ask = SurveyAsk.objects.create(survey=SurveyFactory(), user=UserFactory())
    question = SurveyQuestionFactory(survey=ask.survey, kind="scale")
    with pytest.raises(ValidationError, match="from 1 to 5"):
        answer_survey(ask=ask, answers={question: 6})
    ask.refresh_from_db()
    assert not ask.is_answered
