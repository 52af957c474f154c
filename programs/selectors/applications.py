"""What the application pages show: the join page, an applicant's own application, and a cohort's applications and
waiting list for its coordinators."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count

from programs.models import Answer, Application, Cohort, Enrollment, Program, Question, Role
from programs.services.applications import SEATED, application_problem, open_cohorts, waiting_position

DECIDED_SHOWN = 50


@dataclass(frozen=True)
class JoinPage:
    program: Program
    problem: str  # why this person cannot apply now, or ""
    cohorts: list[Cohort]  # the cohorts taking applications
    mine: list[Application]  # the person's open applications to the program
    questions: list[Question]  # asked of the chosen role
    stored: dict[int, object]  # the person's answers to them


def join_page(program: Program, user: AbstractBaseUser, role: str) -> JoinPage:
    signed_in = user.is_authenticated
    mine = Application.objects.for_user(user).open().filter(cohort__program=program).select_related("cohort")
    questions = list(Question.objects.filter(program=program).asked_of([role])) if role and signed_in else []
    stored = dict(Answer.objects.for_user(user).filter(question__in=questions).values_list("question_id", "value"))
    return JoinPage(
        program=program,
        problem=application_problem(program, user if signed_in else None),
        cohorts=open_cohorts(program),
        mine=list(mine),
        questions=questions,
        stored=stored,
    )


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    words: str


def _answered(application: Application) -> list[AnsweredQuestion]:
    """The applicant's answers to the program's questions for the role they applied in."""
    questions = Question.objects.filter(program=application.cohort.program_id).asked_of([application.role])
    stored = dict(
        Answer.objects.filter(user=application.user_id, question__in=questions).values_list("question_id", "value")
    )
    return [AnsweredQuestion(q, q.display(stored.get(q.pk))) for q in questions]


@dataclass(frozen=True)
class ApplicationPage:
    application: Application
    position: int | None  # on the waiting list
    answers: list[AnsweredQuestion]
    enrollment: Enrollment | None = None  # once enrolled: where the guided setup starts


def application_page(application: Application) -> ApplicationPage:
    """An application as the applicant, or a coordinator reviewing it, sees it."""
    enrollment = None
    if application.is_enrolled:
        enrollment = (
            Enrollment.objects.active()
            .filter(cohort_id=application.cohort_id, user_id=application.user_id, role=application.role)
            .first()
        )
    return ApplicationPage(application, waiting_position(application), _answered(application), enrollment)


@dataclass(frozen=True)
class Seats:
    label: str
    taken: int
    seats: int | None  # None: no limit
    waiting: int

    @property
    def full(self) -> bool:
        return self.seats is not None and self.taken >= self.seats


@dataclass(frozen=True)
class ApplicationsPage:
    cohort: Cohort
    pending: list[Application]
    waiting: list[Application]  # in order: the first is enrolled when a seat frees
    decided: list[Application]  # the most recent DECIDED_SHOWN
    seats: list[Seats]


def applications_page(cohort: Cohort) -> ApplicationsPage:
    """A cohort's open applications, its waiting list and recent decisions, and its seats: five queries."""
    applications = cohort.applications.select_related("user")
    waiting = list(applications.waiting())
    decided = applications.exclude(status__in=Application.OPEN).order_by("-decided_at", "-pk")
    taken = dict(
        Enrollment.objects.filter(cohort=cohort, status__in=SEATED).order_by().values("role").annotate(n=Count("pk"))
        .values_list("role", "n")
    )  # fmt: skip
    return ApplicationsPage(
        cohort=cohort,
        pending=list(applications.pending().order_by("created_at", "pk")),
        waiting=waiting,
        decided=list(decided[:DECIDED_SHOWN]),
        seats=[
            Seats(label, taken.get(role, 0), cohort.seats(role), sum(1 for a in waiting if a.role == role))
            for role, label in Role.choices
        ],
    )
