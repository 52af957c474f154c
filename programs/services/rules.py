"""A program's matching rules: a coordinator adds and removes them; matching reads them (matching.selectors.people)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from programs.models import MAX_RULES, MatchRule, Program, Question, rule_problem


@transaction.atomic
def add_rule(
    *,
    program: Program,
    mentee_question: Question,
    mentor_question: Question,
    operator: str,
    effect: str = MatchRule.Effect.WEIGHT,
    weight: float = 5.0,
) -> MatchRule:
    """Refused, with nothing saved: questions of another program, questions that cannot be compared this way, a
    weighted rule of weight 0, the same rule twice, and more than MAX_RULES rules."""
    if program.pk not in (mentee_question.program_id, mentor_question.program_id) or (
        mentee_question.program_id != mentor_question.program_id
    ):
        raise ValidationError("Both questions must belong to this program.")
    if problem := rule_problem(mentee_question, mentor_question, operator):
        raise ValidationError(problem)
    if effect == MatchRule.Effect.WEIGHT and not 0 < weight <= 10:
        raise ValidationError("A rule that counts in the score needs a weight above 0 (at most 10).")
    rules = MatchRule.objects.select_for_update().filter(program=program)
    if rules.filter(mentee_question=mentee_question, mentor_question=mentor_question, operator=operator).exists():
        raise ValidationError("This program already has this rule.")
    if rules.count() >= MAX_RULES:
        raise ValidationError(f"A program has at most {MAX_RULES} matching rules.")
    rule = MatchRule.objects.create(
        program=program,
        mentee_question=mentee_question,
        mentor_question=mentor_question,
        operator=operator,
        effect=effect,
        weight=weight if effect == MatchRule.Effect.WEIGHT else 0,
    )
    program.matching_changed()
    return rule


@transaction.atomic
def remove_rule(*, rule: MatchRule) -> None:
    program = rule.program
    rule.delete()
    program.matching_changed()
