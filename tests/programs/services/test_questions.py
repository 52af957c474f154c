import pytest
from django.core.exceptions import ValidationError

from programs.kinds import QuestionKind
from programs.models import Answer, Audience, Question, Role, taking_part_roles
from programs.services.questions import (
    QuestionFields,
    add_question,
    edit_question,
    move_question,
    remove_question,
    save_answers,
)
from tests.factories import UserFactory
from tests.programs.factories import (
    AnswerFactory,
    ApplicationFactory,
    EnrollmentFactory,
    MatchRuleFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def asked(kind=QuestionKind.SINGLE, text="Where?", audience=Audience.BOTH, **fields) -> QuestionFields:
    return QuestionFields(kind=kind, text=text, audience=audience, **fields)


def where(program, **fields):
    return add_question(
        program=program, fields=asked(text="Where do you work?", choices=("Remote", "Office", "Hybrid"), **fields)
    )


def test_questions_are_added_in_order_with_choice_ids(program):
    first = where(program)
    second = add_question(program=program, fields=asked(QuestionKind.NUMBER, "Years?", Audience.MENTORS))
    assert [c["label"] for c in first.choices] == ["Remote", "Office", "Hybrid"]
    assert [c["id"] for c in first.choices] == [1, 2, 3]
    assert (first.order, second.order) == (1, 2)
    move_question(question=second, up=True)
    assert list(Question.objects.filter(program=program).values_list("text", flat=True)) == [
        "Years?",
        "Where do you work?",
    ]


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        (QuestionKind.SINGLE, ["Only"], "at least two choices"),
        (QuestionKind.NUMBER, ["1", "2"], "Only choice questions have choices"),
    ],
)
def test_a_question_with_the_wrong_choices_is_refused(program, kind, choices, message):
    with pytest.raises(ValidationError, match=message):
        add_question(program=program, fields=asked(kind, choices=tuple(choices)))
    assert not Question.objects.exists()


def test_editing_keeps_the_ids_of_kept_choices_and_refuses_removing_a_chosen_one_saying_how_many(program):
    question = where(program)
    for _ in range(3):
        AnswerFactory(question=question, value=2)  # Office
    AnswerFactory(question=question, value=1)
    edited = edit_question(question=question, fields=asked(choices=("remote", "Office", "Hybrid", "Field")))
    assert edited.choices == [{"id": 1, "label": "remote"}, {"id": 2, "label": "Office"},
                              {"id": 3, "label": "Hybrid"}, {"id": 4, "label": "Field"}]  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        edit_question(question=question, fields=asked(choices=("Hybrid", "Field")))
    assert refused.value.messages == [
        "1 person chose “remote”: it cannot be removed while their answers stand.",
        "3 people chose “Office”: it cannot be removed while their answers stand.",
    ]
    question.refresh_from_db()
    assert len(question.choices) == 4 and question.text == "Where?"
    # A choice nobody chose goes.
    edit_question(question=question, fields=asked(choices=("Remote", "Office")))


def test_a_question_people_answered_or_a_rule_compares_keeps_its_kind(program):
    question = where(program)
    AnswerFactory(question=question)
    with pytest.raises(ValidationError, match="1 person has answered it"):
        edit_question(question=question, fields=asked(QuestionKind.TEXT))
    ruled = QuestionFactory(program=program)
    MatchRuleFactory(mentee_question=ruled)
    with pytest.raises(ValidationError, match="a matching rule compares it"):
        edit_question(question=ruled, fields=asked(QuestionKind.NUMBER))
    with pytest.raises(ValidationError, match="is not asked of mentees"):
        edit_question(question=ruled, fields=asked(audience=Audience.MENTORS, choices=("Remote", "Office", "Hybrid")))


def test_a_question_goes_with_its_answers_unless_a_rule_compares_it(program):
    question = where(program)
    AnswerFactory(question=question)
    assert remove_question(question=question) == 1
    assert not Answer.objects.exists()
    ruled = QuestionFactory(program=program)
    MatchRuleFactory(mentee_question=ruled)
    with pytest.raises(ValidationError, match="1 matching rule compares this question: remove them first"):
        remove_question(question=ruled)


def test_a_participant_saves_answers_to_the_questions_of_their_roles(cohort):
    program = cohort.program
    both = where(program, required=True)
    mentors_only = add_question(program=program, fields=asked(QuestionKind.NUMBER, "Years?", Audience.MENTORS))
    person = EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
    assert taking_part_roles(person, program) == {Role.MENTEE}
    assert save_answers(user=person, program=program, answers={both: 1}) == 1
    assert save_answers(user=person, program=program, answers={both: 3}) == 1
    assert Answer.objects.get(user=person).value == 3
    with pytest.raises(ValidationError, match="not asked of you"):
        save_answers(user=person, program=program, answers={mentors_only: 5})
    with pytest.raises(ValidationError, match="“Where do you work\\?” needs an answer"):
        save_answers(user=person, program=program, answers={both: None})
    assert Answer.objects.get(user=person).value == 3


def test_only_participants_and_applicants_answer(cohort):
    program = cohort.program
    question = where(program)
    with pytest.raises(ValidationError, match="participants and applicants"):
        save_answers(user=UserFactory(), program=program, answers={question: 1})
    applicant = ApplicationFactory(cohort=cohort).user
    assert save_answers(user=applicant, program=program, answers={question: 1}) == 1
    withdrawn = EnrollmentFactory(cohort=cohort, status="withdrawn").user
    with pytest.raises(ValidationError):
        save_answers(user=withdrawn, program=program, answers={question: 1})


def test_saving_answers_marks_the_program_for_matching(cohort):
    program = cohort.program
    question = where(program)
    person = EnrollmentFactory(cohort=cohort).user
    before = type(program).objects.get(pk=program.pk).matching_changed_at
    save_answers(user=person, program=program, answers={question: 2})
    assert type(program).objects.get(pk=program.pk).matching_changed_at > before
