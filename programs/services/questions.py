"""A program's questions: the coordinator adds, edits, orders and removes them; people answer them."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from programs.kinds import CHOICE_KINDS, chosen_ids
from programs.models import Answer, MatchRule, Program, Question, rule_problem, taking_part_roles


def _choices(question: Question, labels: list[str]) -> list[dict]:
    """The new choice list: a label already there keeps its id (case does not count), a new one gets the next id."""
    existing = {choice["label"].casefold(): choice["id"] for choice in question.choices or ()}
    next_id = max(existing.values(), default=0) + 1
    out = []
    for label in labels:
        pk = existing.get(label.casefold())
        if pk is None:
            pk, next_id = next_id, next_id + 1
        out.append({"id": pk, "label": label})
    return out


def _check_choices(kind: str, labels: list[str]) -> None:
    if kind in CHOICE_KINDS and len(labels) < 2:
        raise ValidationError("A choice question needs at least two choices, one per line.")
    if kind not in CHOICE_KINDS and labels:
        raise ValidationError("Only choice questions have choices: leave the choices empty for this kind.")


def _rules_using(question: Question):
    return MatchRule.objects.filter(Q(mentee_question=question) | Q(mentor_question=question)).select_related(
        "mentee_question", "mentor_question"
    )


@dataclass(frozen=True)
class QuestionFields:
    """What a coordinator says of a question (the choices as their labels, in order)."""

    kind: str
    text: str
    audience: str
    required: bool = False
    help_text: str = ""
    choices: tuple[str, ...] = ()


def _fill(question: Question, fields: QuestionFields) -> None:
    question.kind, question.text, question.audience = fields.kind, fields.text.strip(), fields.audience
    question.required, question.help_text = fields.required, fields.help_text.strip()
    question.choices = _choices(question, list(fields.choices))


@transaction.atomic
def add_question(*, program: Program, fields: QuestionFields) -> Question:
    _check_choices(fields.kind, list(fields.choices))
    last = Question.objects.filter(program=program).aggregate(last=Max("order"))["last"] or 0
    question = Question(program=program, order=last + 1)
    _fill(question, fields)
    question.save()
    program.matching_changed()
    return question


@transaction.atomic
def edit_question(*, question: Question, fields: QuestionFields) -> Question:
    """Change a question. Refused, with nothing saved: a new kind once people answered or a rule compares it, an
    audience a rule no longer fits, and removing a choice people chose (saying how many chose it)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    answers = list(question.answers.values_list("value", flat=True))
    rules = list(_rules_using(question))
    if fields.kind != question.kind and (answers or rules):
        why = f"{len(answers)} {'person has' if len(answers) == 1 else 'people have'} answered it" if answers else (
            "a matching rule compares it"
        )  # fmt: skip
        raise ValidationError(f"The kind of this question cannot change: {why}. Add a new question instead.")
    _check_choices(fields.kind, list(fields.choices))
    before = {c["id"]: c["label"] for c in question.choices or ()} if fields.kind in CHOICE_KINDS else {}
    _fill(question, fields)
    removed = {pk: label for pk, label in before.items() if pk not in {c["id"] for c in question.choices}}
    chosen = Counter(pk for value in answers for pk in chosen_ids(value) if pk in removed)
    if chosen:
        raise ValidationError(
            [
                f"{n} {'person' if n == 1 else 'people'} chose “{removed[pk]}”: it cannot be removed while their "
                "answers stand."
                for pk, n in sorted(chosen.items())
            ]
        )
    for rule in rules:
        mentee_question = question if rule.mentee_question_id == question.pk else rule.mentee_question
        mentor_question = question if rule.mentor_question_id == question.pk else rule.mentor_question
        if problem := rule_problem(mentee_question, mentor_question, rule.operator):
            raise ValidationError(f"A matching rule compares this question, and it would no longer fit: {problem}")
    question.save()
    question.program.matching_changed()
    return question


@transaction.atomic
def remove_question(*, question: Question) -> int:
    """Remove a question and its answers (returns how many answers went with it); refused while a rule uses it."""
    rules = _rules_using(question).count()
    if rules:
        raise ValidationError(
            f"{rules} matching rule{'' if rules == 1 else 's'} compare{'s' if rules == 1 else ''} this question: "
            "remove them first."
        )
    answers = question.answers.count()
    program = question.program
    question.delete()
    program.matching_changed()
    return answers


@transaction.atomic
def move_question(*, question: Question, up: bool) -> Question:
    """Swap the question with its neighbour above or below."""
    questions = list(Question.objects.select_for_update().filter(program=question.program_id))
    position = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = position - 1 if up else position + 1
    if 0 <= other < len(questions):
        questions[position], questions[other] = questions[other], questions[position]
    for order, q in enumerate(questions, start=1):
        q.order = order
    Question.objects.bulk_update(questions, ["order"])
    return question


@transaction.atomic
def save_answers(*, user: AbstractBaseUser, program: Program, answers: dict[Question, object]) -> int:
    """Write a person's answers to a program's questions (stored values; None clears one). Refused, with nothing
    saved, for someone who does not take part in the program, for another program's question, for a question not
    asked of their role, and for a required question left empty. Returns how many answers the person now has."""
    roles = taking_part_roles(user, program)
    if not roles:
        raise ValidationError("Only the program's participants and applicants answer its questions.")
    asked = {q.pk: q for q in Question.objects.filter(program=program).asked_of(roles)}
    if any(q.pk not in asked for q in answers):
        raise ValidationError("Some of these questions are not asked of you in this program.")
    missing = [q.text for q, value in answers.items() if q.required and value is None]
    if missing:
        raise ValidationError([f"“{text}” needs an answer." for text in missing])
    existing = {a.question_id: a for a in Answer.objects.filter(user=user, question__in=list(asked))}
    now = timezone.now()
    created, changed, cleared = [], [], []
    for question, value in answers.items():
        answer = existing.get(question.pk)
        if value is None and answer is not None:
            cleared.append(answer.pk)
        elif value is not None and answer is None:
            created.append(Answer(question=question, user=user, value=value, updated_at=now))
        elif value is not None and answer.value != value:
            answer.value, answer.updated_at = value, now
            changed.append(answer)
    Answer.objects.filter(pk__in=cleared).delete()
    Answer.objects.bulk_create(created)
    Answer.objects.bulk_update(changed, ["value", "updated_at"])
    if created or changed or cleared:
        program.matching_changed()
    return len(existing) + len(created) - len(cleared)
