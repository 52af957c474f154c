"""A new cohort started from an earlier one: its settings, orientation, surveys (dates moved with the start), and
(into another program) the questions, matching rules and resources copied; its people, applications and
invitations not. Resources belong to the program, so a cohort started in the same program shares them."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from programs.models import COHORT_RULES, MAX_RULES, Cohort, MatchRule, OrientationItem, Program, Question
from programs.services.resources import copy_resources
from programs.services.surveys import copy_surveys

COPIED = (*COHORT_RULES, "mentor_seats", "mentee_seats")
TIMELINE = ("enrollment_opens_on", "enrollment_closes_on", "matching_closes_on")


@dataclass(frozen=True)
class Cloned:
    cohort: Cohort
    orientation_steps: int
    questions: int  # copied into another program (a program's own questions serve all its cohorts)
    rules: int
    surveys: int = 0
    resources: int = 0  # guides, files and agenda templates copied into another program


@transaction.atomic
def clone_cohort(
    *, source: Cohort, program: Program, name: str, starts_on: date, ends_on: date, by: AbstractBaseUser
) -> Cloned:
    """Refused, with nothing saved, for someone who does not coordinate both programs and for dates the cohort
    could not have. Timeline dates move with the start; one that falls outside the new dates goes back to its
    default."""
    for coordinated in {source.program, program}:
        if not coordinated.is_coordinated_by(by):
            raise ValidationError("You can only start a cohort from one of your programs, in one of your programs.")
    shift = starts_on - source.starts_on
    cohort = Cohort(program=program, name=name, starts_on=starts_on, ends_on=ends_on,
                    **{f: getattr(source, f) for f in COPIED})  # fmt: skip
    for field in TIMELINE:
        moved = getattr(source, field) and getattr(source, field) + shift
        setattr(cohort, field, moved if moved and starts_on <= moved <= ends_on else None)
    cohort.full_clean()
    cohort.save()
    questions = rules = resources = 0
    copied: dict | None = None  # None: the same program, whose resources the steps keep pointing to
    if program.pk != source.program_id:
        questions, rules = copy_questions(source=source.program, target=program)
        copied, templates = copy_resources(source=source.program, target=program)
        resources = len(copied) + templates
    steps = OrientationItem.objects.bulk_create(
        OrientationItem(
            cohort=cohort,
            role=item.role,
            title=item.title,
            description=item.description,
            order=item.order,
            resource=item.resource if copied is None else copied.get(item.resource_id),
        )  # fmt: skip
        for item in source.orientation_items.select_related("resource")
    )
    surveys = copy_surveys(source=source, target=cohort)
    return Cloned(cohort=cohort, orientation_steps=len(steps), questions=questions, rules=rules, surveys=surveys,
                  resources=resources)  # fmt: skip


def copy_questions(*, source: Program, target: Program) -> tuple[int, int]:
    """Copy a program's questions and matching rules into another: a question the target already asks (same text,
    kind and audience) is reused, a rule it already has is skipped. Returns (questions, rules) copied."""
    key = lambda q: (q.text.casefold(), q.kind, q.audience)  # noqa: E731
    existing = {key(q): q for q in Question.objects.filter(program=target)}
    last = max((q.order for q in existing.values()), default=0)
    mapping, copied = {}, 0
    for question in Question.objects.filter(program=source):
        if key(question) not in existing:
            last += 1
            existing[key(question)] = Question.objects.create(
                program=target, kind=question.kind, text=question.text, help_text=question.help_text,
                choices=question.choices, required=question.required, order=last, audience=question.audience,
            )  # fmt: skip
            copied += 1
        mapping[question.pk] = existing[key(question)]
    have = set(MatchRule.objects.filter(program=target).values_list("mentee_question", "mentor_question", "operator"))
    new_rules = []
    for rule in MatchRule.objects.filter(program=source).order_by("pk"):
        mentee_q, mentor_q = mapping[rule.mentee_question_id], mapping[rule.mentor_question_id]
        if (mentee_q.pk, mentor_q.pk, rule.operator) in have or len(have) + len(new_rules) >= MAX_RULES:
            continue
        new_rules.append(MatchRule(program=target, mentee_question=mentee_q, mentor_question=mentor_q,
                                   operator=rule.operator, effect=rule.effect, weight=rule.weight))  # fmt: skip
    MatchRule.objects.bulk_create(new_rules)
    if copied or new_rules:
        target.matching_changed()
    return copied, len(new_rules)
