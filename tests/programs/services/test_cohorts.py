from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from programs.models import Enrollment, MatchRule, OrientationItem, Question
from programs.services.cohorts import clone_cohort
from tests.factories import UserFactory
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    MatchRuleFactory,
    OrientationItemFactory,
    ProgramFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(program):
    cohort = CohortFactory(program=program, mentor_capacity=4, mentee_seats=30, confirm_bulk_matches=False)
    cohort.enrollment_closes_on = cohort.starts_on + timedelta(days=10)
    cohort.save()
    OrientationItemFactory.create_batch(2, cohort=cohort)
    EnrollmentFactory.create_batch(3, cohort=cohort)
    return cohort


def test_a_new_cohort_takes_the_settings_timeline_and_orientation_not_the_people(source, program, coordinator):
    starts = source.ends_on + timedelta(days=30)
    cloned = clone_cohort(source=source, program=program, name="Next", starts_on=starts,
                          ends_on=starts + timedelta(days=180), by=coordinator)  # fmt: skip
    cohort = cloned.cohort
    assert (cohort.mentor_capacity, cohort.mentee_seats, cohort.confirm_bulk_matches) == (4, 30, False)
    assert cohort.enrollment_closes_on == starts + timedelta(days=10)
    assert cloned.orientation_steps == 2 and OrientationItem.objects.filter(cohort=cohort).count() == 2
    assert not Enrollment.objects.filter(cohort=cohort).exists()
    assert (cloned.questions, cloned.rules) == (0, 0)


def test_into_another_program_the_questions_and_rules_come_along_once(source, program, coordinator):
    rule = MatchRuleFactory(mentee_question=QuestionFactory(program=program, text="Where?"))
    QuestionFactory(program=program, text="Years?", kind="number", choices=[])
    other = ProgramFactory(coordinators=[coordinator])
    QuestionFactory(program=other, text="where?", kind=rule.mentee_question.kind)  # asked already: reused
    starts = source.ends_on
    for _ in range(2):
        cloned = clone_cohort(source=source, program=other, name="Elsewhere", starts_on=starts,
                              ends_on=starts + timedelta(days=90), by=coordinator)  # fmt: skip
    assert Question.objects.filter(program=other).count() == 2
    copied = MatchRule.objects.get(program=other)
    assert copied.mentee_question.program == other and copied.operator == rule.operator
    assert (cloned.questions, cloned.rules) == (0, 0)  # the second time, all there already


def test_cloning_is_refused_outside_ones_programs_and_for_impossible_dates(source, program, coordinator):
    stranger = ProgramFactory(coordinators=[UserFactory()])
    with pytest.raises(ValidationError, match="one of your programs"):
        clone_cohort(source=source, program=stranger, name="X", starts_on=source.ends_on,
                     ends_on=source.ends_on + timedelta(days=90), by=coordinator)  # fmt: skip
    with pytest.raises(ValidationError):
        clone_cohort(source=source, program=program, name="X", starts_on=source.ends_on, ends_on=source.ends_on,
                     by=coordinator)  # fmt: skip
    assert program.cohorts.count() == 1


def test_surveys_come_along_with_their_questions_and_dates_moved(source, program, coordinator):
    from programs.models import Survey, Trigger
    from tests.programs.factories import SurveyFactory, SurveyQuestionFactory

    dated = SurveyFactory(cohort=source, send_on=source.starts_on + timedelta(days=60), title="Mid-program")
    SurveyQuestionFactory.create_batch(2, survey=dated)
    SurveyFactory(cohort=source, trigger=Trigger.FIRST_MEETING, title="First meeting")
    starts = source.ends_on + timedelta(days=30)
    cloned = clone_cohort(source=source, program=program, name="Next", starts_on=starts,
                          ends_on=starts + timedelta(days=180), by=coordinator)  # fmt: skip
    assert cloned.surveys == 2
    assert Survey.objects.closing().filter(cohort=cloned.cohort).count() == 1  # a source without one: added
    copy = Survey.objects.get(cohort=cloned.cohort, title="Mid-program")
    assert copy.send_on == starts + timedelta(days=60) and copy.questions.count() == 2
    assert Survey.objects.get(cohort=cloned.cohort, title="First meeting").send_on is None
    assert dated.questions.count() == 2 and not dated.asks.exists()


def test_the_close_out_survey_comes_along_once(source, program, coordinator):
    from programs.models import Survey
    from programs.services.surveys import add_closing_survey

    original = add_closing_survey(cohort=source)
    original.title = "How did it go?"
    original.save()
    starts = source.ends_on + timedelta(days=30)
    cloned = clone_cohort(source=source, program=program, name="Next", starts_on=starts,
                          ends_on=starts + timedelta(days=180), by=coordinator)  # fmt: skip
    (copy,) = Survey.objects.filter(cohort=cloned.cohort)
    assert (copy.is_closing, copy.title, copy.questions.count()) == (True, "How did it go?", 2)
