"""What a coordinator's program pages show: their programs, and one program with its cohorts."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q

from programs.models import Cohort, Enrollment, Program, Role

# Who counts as taking part: people in a cohort now, and those who saw an ended cohort through.
TAKING_PART = [Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED]


@dataclass(frozen=True)
class ProgramPage:
    program: Program
    cohorts: list[Cohort]
    coordinators: list


def program_list(user: AbstractBaseUser) -> list[Program]:
    """The programs a person coordinates, each with its number of cohorts."""
    # An aggregate drops Meta.ordering from the query, so the order is spelled out.
    return list(Program.objects.for_user(user).annotate(cohort_count=Count("cohorts")).order_by("name", "pk"))


def program_page(program: Program) -> ProgramPage:
    """The program's cohorts, newest first, with how many mentors and mentees take part in each."""
    taking_part = Q(enrollments__status__in=TAKING_PART)
    cohorts = (
        program.cohorts.annotate(
            mentor_count=Count("enrollments", filter=taking_part & Q(enrollments__role=Role.MENTOR)),
            mentee_count=Count("enrollments", filter=taking_part & Q(enrollments__role=Role.MENTEE)),
        )
        .select_related("program")
        .order_by("-starts_on", "name")
    )
    return ProgramPage(program=program, cohorts=list(cohorts), coordinators=list(program.coordinators.all()))


def programs_of_person(user_id: int) -> list[int]:
    """Every program a person coordinates, is enrolled in (in any role or state) or has applied to: those whose
    changes may show on their pages (mentoring.kept)."""
    enrolled = Cohort.objects.filter(enrollments__user_id=user_id).values("program_id")
    applied = Cohort.objects.filter(applications__user_id=user_id).values("program_id")
    taking_part = Q(pk__in=enrolled) | Q(pk__in=applied) | Q(coordinators=user_id)
    return list(Program.objects.filter(taking_part).values_list("pk", flat=True).distinct())
