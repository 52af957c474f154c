"""What a participant's pages show: their programs with what to do next, and their orientation checklist."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count

from programs.models import Application, Enrollment, OrientationItem, Phase, Program

from .questions import ProgramAnswers, answers_by_program

# Phases in which a person without a pair is pointed at finding one (or at the requests to come).
PAIRING_PHASES = (Phase.ENROLLING, Phase.MATCHING, Phase.ACTIVE)


@dataclass(frozen=True)
class NextSteps:
    """What a person should do next in one cohort; the template turns each step into a link."""

    profile: bool = False
    answers: bool = False  # required questions of the program still unanswered
    orientation: bool = False
    find_mentor: bool = False
    wait_for_requests: bool = False

    def __bool__(self) -> bool:
        return self.profile or self.answers or self.orientation or self.find_mentor or self.wait_for_requests


@dataclass(frozen=True)
class MyPrograms:
    rows: list[tuple[Enrollment, NextSteps, ProgramAnswers | None]]
    coordinated: list[Program]
    applications: list[Application]  # the person's open ones: waiting for a decision or for a seat


@dataclass(frozen=True)
class Checklist:
    enrollment: Enrollment
    items: list[tuple[OrientationItem, bool]]


def next_steps(enrollment: Enrollment, profile, answers: ProgramAnswers | None = None) -> NextSteps:
    """`enrollment` comes annotated with `is_matched` and `orientation_total`; `profile` may be None; `answers` is
    how far the person got with the program's questions, if it asks any."""
    phase = enrollment.cohort.phase
    if not enrollment.is_active or phase.is_ended:
        return NextSteps()
    unpaired = not enrollment.is_matched and phase in PAIRING_PHASES
    return NextSteps(
        profile=profile is None or not profile.is_complete,
        answers=bool(answers and answers.missing_required),
        orientation=bool(enrollment.orientation_total) and not enrollment.orientation_completed_at,
        find_mentor=unpaired and not enrollment.is_mentor,
        wait_for_requests=unpaired and enrollment.is_mentor,
    )


def my_programs(user: AbstractBaseUser) -> MyPrograms:
    """The cohorts a person takes part in, newest first, how far they got with each program's questions, their open
    applications, and the programs they coordinate."""
    enrollments = (
        Enrollment.objects.for_user(user)
        .current()
        .select_related("cohort__program")
        .with_matched()
        .with_orientation_total()
        .order_by("-cohort__starts_on", "role")
    )
    enrollments = list(enrollments)
    roles: dict[int, set[str]] = {}
    for e in enrollments:
        roles.setdefault(e.cohort.program_id, set()).add(e.role)
    answers = answers_by_program(user, roles)
    profile = getattr(user, "profile", None)
    coordinated = Program.objects.for_user(user).annotate(cohort_count=Count("cohorts"))
    rows = [(e, next_steps(e, profile, answers.get(e.cohort.program_id)), answers.get(e.cohort.program_id))
            for e in enrollments]  # fmt: skip
    applications = Application.objects.for_user(user).open().select_related("cohort__program")
    return MyPrograms(rows=rows, coordinated=list(coordinated), applications=list(applications))


def orientation_checklist(enrollment: Enrollment) -> Checklist:
    """The steps of the person's checklist, each with whether they ticked it off."""
    items = OrientationItem.objects.filter(cohort=enrollment.cohort_id, role=enrollment.role).select_related("resource")
    done = set(enrollment.orientation_checks.values_list("item_id", flat=True))
    return Checklist(enrollment=enrollment, items=[(item, item.pk in done) for item in items])
