import pytest
from django.core.exceptions import ValidationError

from programs.kinds import QuestionKind
from programs.models import MAX_RULES, Audience, MatchRule
from programs.services.rules import add_rule, remove_rule
from tests.programs.factories import ProgramFactory, QuestionFactory, choices

pytestmark = pytest.mark.django_db
Operator, Effect = MatchRule.Operator, MatchRule.Effect


def test_a_rule_between_two_questions_of_the_program(program):
    mentee_q = QuestionFactory(program=program, audience=Audience.MENTEES, choices=choices("Remote", "Office"))
    mentor_q = QuestionFactory(program=program, audience=Audience.MENTORS, choices=choices("office", "Field"))
    rule = add_rule(program=program, mentee_question=mentee_q, mentor_question=mentor_q, operator=Operator.SAME)
    assert rule.weight == 5 and not rule.is_hard
    assert rule.description == f"mentee's “{mentee_q.text}” and mentor's “{mentor_q.text}”: same answer"
    both = QuestionFactory(program=program, kind=QuestionKind.MULTIPLE)
    hard = add_rule(program=program, mentee_question=both, mentor_question=both, operator=Operator.OVERLAP,
                    effect=Effect.MUST, weight=7)  # fmt: skip
    assert hard.weight == 0 and hard.is_hard
    remove_rule(rule=rule)
    assert list(MatchRule.objects.all()) == [hard]


def numeric(program, **fields):
    return QuestionFactory(program=program, kind=QuestionKind.NUMBER, choices=[], **fields)


@pytest.mark.parametrize(
    ("mentee", "mentor", "operator", "message"),
    [
        ("choice", "number", Operator.SAME, "a rule compares answers of the same type"),
        ("text", "text", Operator.SAME, "takes short text, which cannot be compared"),
        ("number", "number", Operator.OVERLAP, "compares choice questions"),
        ("choice", "choice", Operator.ABOVE, "compare numbers or scales, not choices"),
        ("choice", "other_choice", Operator.SAME, "have no choice in common"),
        ("mentors_only", "choice", Operator.SAME, "is not asked of mentees"),
        ("choice", "mentees_only", Operator.SAME, "is not asked of mentors"),
        ("choice", "elsewhere", Operator.SAME, "Both questions must belong to this program"),
    ],
)
def test_a_rule_between_questions_that_cannot_be_compared_is_refused(program, mentee, mentor, operator, message):
    questions = {
        "choice": QuestionFactory(program=program),
        "other_choice": QuestionFactory(program=program, choices=choices("North", "South")),
        "number": numeric(program),
        "text": QuestionFactory(program=program, kind=QuestionKind.TEXT, choices=[]),
        "mentors_only": QuestionFactory(program=program, audience=Audience.MENTORS),
        "mentees_only": QuestionFactory(program=program, audience=Audience.MENTEES),
        "elsewhere": QuestionFactory(program=ProgramFactory()),
    }
    with pytest.raises(ValidationError, match=message):
        add_rule(program=program, mentee_question=questions[mentee], mentor_question=questions[mentor],
                 operator=operator)  # fmt: skip
    assert not MatchRule.objects.exists()


def test_a_weighted_rule_needs_a_weight_the_same_rule_is_refused_twice_and_rules_are_limited(program):
    question = QuestionFactory(program=program)
    with pytest.raises(ValidationError, match="needs a weight above 0"):
        add_rule(program=program, mentee_question=question, mentor_question=question, operator=Operator.SAME, weight=0)
    add_rule(program=program, mentee_question=question, mentor_question=question, operator=Operator.SAME)
    with pytest.raises(ValidationError, match="already has this rule"):
        add_rule(program=program, mentee_question=question, mentor_question=question, operator=Operator.SAME)
    for _ in range(MAX_RULES - 1):
        other = numeric(program)
        add_rule(program=program, mentee_question=other, mentor_question=other, operator=Operator.ABOVE)
    with pytest.raises(ValidationError, match=f"at most {MAX_RULES} matching rules"):
        add_rule(program=program, mentee_question=question, mentor_question=question, operator=Operator.DIFFERENT)
