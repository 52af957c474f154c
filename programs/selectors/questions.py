"""What the question pages show: a coordinator's questions with how many answered, and the rules; a person's answer
sheet for one program, and the programs whose questions they answer."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q, Subquery

from programs.models import (
    Answer,
    Application,
    Audience,
    Enrollment,
    MatchRule,
    Program,
    Question,
    Role,
    taking_part_roles,
)

# People who are asked a program's questions: enrolled in one of its cohorts now.
ASKED_STATUSES = [Enrollment.Status.INVITED, Enrollment.Status.ACTIVE]


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    answered: int  # by the people asked
    asked: int  # people now enrolled in the program in a role the question is asked of


@dataclass(frozen=True)
class QuestionsPage:
    program: Program
    rows: list[QuestionRow]
    rules: list[MatchRule]


def questions_page(program: Program) -> QuestionsPage:
    """The program's questions in order, each with how many of the people asked answered it, and its rules: three
    queries whatever the number of questions, people and answers."""
    enrolled = Enrollment.objects.filter(cohort__program=program, status__in=ASKED_STATUSES)
    mentors = Subquery(enrolled.filter(role=Role.MENTOR).values("user_id"))
    mentees = Subquery(enrolled.filter(role=Role.MENTEE).values("user_id"))
    by_mentor, by_mentee = Q(answers__user__in=mentors), Q(answers__user__in=mentees)
    questions = Question.objects.filter(program=program).annotate(
        by_mentors=Count("answers__user", distinct=True, filter=by_mentor),
        by_mentees=Count("answers__user", distinct=True, filter=by_mentee),
        by_either=Count("answers__user", distinct=True, filter=by_mentor | by_mentee),
    )
    asked = enrolled.aggregate(
        mentors=Count("user", distinct=True, filter=Q(role=Role.MENTOR)),
        mentees=Count("user", distinct=True, filter=Q(role=Role.MENTEE)),
        either=Count("user", distinct=True),
    )
    side = {Audience.MENTORS: "mentors", Audience.MENTEES: "mentees", Audience.BOTH: "either"}
    rows = [
        QuestionRow(q, getattr(q, f"by_{side[q.audience]}"), asked[side[q.audience]])
        for q in questions.order_by("order", "pk")
    ]
    rules = MatchRule.objects.filter(program=program).select_related("mentee_question", "mentor_question")
    return QuestionsPage(program=program, rows=rows, rules=list(rules))


@dataclass(frozen=True)
class AnswerSheet:
    program: Program
    roles: set[str]  # empty: the person neither takes part nor applied (a 404 for the page)
    questions: list[Question]
    stored: dict[int, object]  # question id -> stored answer

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.pk in self.stored)

    @property
    def missing_required(self) -> int:
        return sum(1 for q in self.questions if q.required and q.pk not in self.stored)


def answer_sheet(user: AbstractBaseUser, program: Program, *, roles=None) -> AnswerSheet:
    """The questions asked of this person in this program (in their roles there, or the given ones), and what
    they answered."""
    roles = set(roles) if roles is not None else taking_part_roles(user, program)
    questions = list(Question.objects.filter(program=program).asked_of(roles)) if roles else []
    stored = dict(
        Answer.objects.filter(user=user, question__in=[q.pk for q in questions]).values_list("question_id", "value")
    )
    return AnswerSheet(program=program, roles=roles, questions=questions, stored=stored)


@dataclass(frozen=True)
class ProgramAnswers:
    program: Program
    asked: int
    answered: int
    missing_required: int


def my_answers(user: AbstractBaseUser) -> list[ProgramAnswers]:
    """Every program that asks this person questions, with how many they answered: four queries."""
    enrolled = Enrollment.objects.for_user(user).current().order_by().values_list("cohort__program_id", "role")
    applied = Application.objects.for_user(user).open().order_by().values_list("cohort__program_id", "role")
    roles: dict[int, set[str]] = {}
    for program_id, role in enrolled.union(applied):
        roles.setdefault(program_id, set()).add(role)
    return sorted(answers_by_program(user, roles).values(), key=lambda row: row.program.name)


def answers_by_program(user: AbstractBaseUser, roles: dict[int, set[str]]) -> dict[int, ProgramAnswers]:
    """Program id -> how many of its questions for these roles the person answered, for the programs that ask any:
    two queries whatever the number of programs."""
    wanted = Q(pk__in=[])
    for program_id, program_roles in roles.items():
        wanted |= Q(program_id=program_id, audience__in={a for r in program_roles for a in Audience.asking(r)})
    questions: dict[int, list[Question]] = {}
    for question in Question.objects.filter(wanted).select_related("program") if roles else ():
        questions.setdefault(question.program_id, []).append(question)
    asked = [q.pk for qs in questions.values() for q in qs]
    answered = set(Answer.objects.for_user(user).filter(question__in=asked).values_list("question_id", flat=True))
    return {
        program_id: ProgramAnswers(
            program=qs[0].program,
            asked=len(qs),
            answered=sum(1 for q in qs if q.pk in answered),
            missing_required=sum(1 for q in qs if q.required and q.pk not in answered),
        )
        for program_id, qs in questions.items()
    }
