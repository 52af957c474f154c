"""A program's own questions, people's answers to them, and the matching rules built on them.

QuestionBase is what any questionnaire's question has (kind, text, choices, required, order); surveys derive from
it too. The kinds themselves (form field, validation, display) are in programs.kinds.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from programs.kinds import CHOICE_KINDS, NUMERIC_KINDS, QuestionKind, choice_labels, display

from .enrollments import Role
from .programs import Program

MAX_RULES = 20  # per program: every rule is a column of the score matrix


class Audience(models.TextChoices):
    MENTORS = "mentors", "Mentors"
    MENTEES = "mentees", "Mentees"
    BOTH = "both", "Mentors and mentees"

    @classmethod
    def asking(cls, role: str) -> list[str]:
        """The audiences whose questions a person in this role answers."""
        return [cls.MENTORS if role == Role.MENTOR else cls.MENTEES, cls.BOTH]


class QuestionBase(models.Model):
    """What a question of any questionnaire has; answers are stored as programs.kinds describes."""

    kind = models.CharField(max_length=12, choices=QuestionKind.choices)
    text = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    choices = models.JSONField(default=list, blank=True, help_text='[{"id": 1, "label": "Remote"}, ...]')
    required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def labels(self) -> list[str]:
        return list(choice_labels(self).values())

    def display(self, stored) -> str:
        return display(self, stored)


class QuestionQuerySet(models.QuerySet):
    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(program__coordinators=user)

    def asked_of(self, roles):
        """Questions that people in any of these roles answer."""
        return self.filter(audience__in={audience for role in roles for audience in Audience.asking(role)})


class Question(QuestionBase):
    """A program's question to its mentors, its mentees, or both; answers belong to the person and the program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["program", "order", "pk"]

    def asks(self, role: str) -> bool:
        return self.audience in Audience.asking(role)


class AnswerQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own answers."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Answer(models.Model):
    """One person's answer to one program question (personal: support sees that it exists, never what it says)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_answers")
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="answer_once_per_question")]

    def __str__(self):
        return f"Answer #{self.pk}"

    @property
    def words(self) -> str:
        return self.question.display(self.value)


class MatchRule(models.Model):
    """A mentee question against a mentor question (or one question on both sides): a criterion of the score with
    its weight, or a hard rule that keeps pairs apart."""

    class Operator(models.TextChoices):
        SAME = "same", "Same answer"
        DIFFERENT = "different", "Different answers"
        OVERLAP = "overlap", "At least one choice in common"
        ABOVE = "above", "Mentor's number above the mentee's"
        BELOW = "below", "Mentor's number below the mentee's"

    class Effect(models.TextChoices):
        WEIGHT = "weight", "Counts in the score, with its weight"
        MUST = "must", "Must hold: never pair people for whom it does not"
        MUST_NOT = "must_not", "Must not hold: never pair people for whom it does"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="match_rules")
    # PROTECT: a question a rule compares cannot disappear under it (services.questions says so first).
    mentee_question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    mentor_question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    operator = models.CharField(max_length=10, choices=Operator.choices)
    effect = models.CharField(max_length=10, choices=Effect.choices, default=Effect.WEIGHT)
    weight = models.FloatField(
        default=5, validators=[MinValueValidator(0), MaxValueValidator(10)], help_text="0 to 10, as the criteria."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee_question", "mentor_question", "operator"], name="match_rule_once"
            ),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=10), name="match_rule_weight_0_to_10"),
        ]

    def __str__(self):
        return self.description

    @property
    def is_hard(self) -> bool:
        return self.effect != self.Effect.WEIGHT

    @property
    def same_question(self) -> bool:
        return self.mentee_question_id == self.mentor_question_id

    @property
    def description(self) -> str:
        """The rule in a coordinator's words: "Mentee's “Where?” and mentor's “Where?”: same answer"."""
        if self.same_question:
            sides = f"“{self.mentee_question.text}” on both sides"
        else:
            sides = f"mentee's “{self.mentee_question.text}” and mentor's “{self.mentor_question.text}”"
        return f"{sides}: {self.get_operator_display().lower()}"


def rule_problem(mentee_question: Question, mentor_question: Question, operator: str) -> str:
    """Why these two questions cannot be compared with this operator, in a coordinator's words; "" when they can."""
    if mentee_question.program_id != mentor_question.program_id:
        return "Both questions must belong to the program."
    if not mentee_question.asks(Role.MENTEE):
        return f"“{mentee_question.text}” is not asked of mentees."
    if not mentor_question.asks(Role.MENTOR):
        return f"“{mentor_question.text}” is not asked of mentors."
    for question in (mentee_question, mentor_question):
        if question.kind == QuestionKind.TEXT:
            return f"“{question.text}” takes short text, which cannot be compared: use a choice, scale or number."
    choice = {mentee_question.is_choice, mentor_question.is_choice}
    if len(choice) > 1:
        return (
            f"“{mentee_question.text}” is {mentee_question.get_kind_display().lower()} and "
            f"“{mentor_question.text}” is {mentor_question.get_kind_display().lower()}: a rule compares answers "
            "of the same type (choices with choices, numbers with numbers)."
        )
    is_choice = choice == {True}
    Operator = MatchRule.Operator
    if operator == Operator.OVERLAP and not is_choice:
        return "“At least one choice in common” compares choice questions."
    if operator in (Operator.ABOVE, Operator.BELOW) and is_choice:
        return "“Above” and “below” compare numbers or scales, not choices."
    if is_choice and mentee_question.pk != mentor_question.pk:
        shared = {label.casefold() for label in mentee_question.labels} & {
            label.casefold() for label in mentor_question.labels
        }
        if not shared:
            return (
                f"“{mentee_question.text}” and “{mentor_question.text}” have no choice in common, so their answers "
                "can never be compared."
            )
    return ""
