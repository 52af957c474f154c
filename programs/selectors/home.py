"""The programs part of a person's home page (registered with mentoring.home.panels in apps.py): the cohorts the
person takes part in, with their roles, and for a coordinator the programs and cohorts they run, with people and
open invitations. Two queries, whatever the number of programs, cohorts or people.

The cohorts it reads (with their programs) go into the context as `cohorts`, by pk: the higher panels attach them
to their own rows (`attach_cohorts`) instead of joining cohort and program again in each of their queries."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentoring.web import pk_url
from programs.models import Cohort, Enrollment, Invitation, Role


@dataclass
class CohortRow:
    """One coordinated cohort on the home page; matching and sessions fill in `unmatched` and `at_risk`."""

    cohort: Cohort
    mentors: int
    mentees: int
    invited: int
    unmatched: int = 0
    at_risk: int = 0

    @property
    def people(self) -> int:
        return self.mentors + self.mentees

    # The row's links, each without a reverse() per row (a coordinator's home lists every current cohort).
    @property
    def people_url(self) -> str:
        return pk_url("programs:enrollment_list", self.cohort.pk)

    @property
    def dashboard_url(self) -> str:
        return pk_url("sessions:dashboard", self.cohort.pk)

    @property
    def matching_url(self) -> str:
        return pk_url("matching:run_start", self.cohort.pk)

    @property
    def invite_url(self) -> str:
        return pk_url("programs:invite", self.cohort.pk)


@dataclass
class ProgramRow:
    program: object
    cohorts: list[CohortRow] = field(default_factory=list)


def home_panel(user, context: dict) -> dict:
    enrollments = list(
        Enrollment.objects.for_user(user)
        .active()
        .filter(cohort__ends_on__gte=timezone.localdate())
        .select_related("cohort__program")
        .order_by("cohort__starts_on", "pk")
    )
    roles = {e.role for e in enrollments}
    programs: dict[int, ProgramRow] = {}
    if user.is_coordinator:
        open_invitations = (
            Invitation.objects.pending()
            .filter(cohort=OuterRef("pk"))
            .order_by()
            .values("cohort")
            .annotate(n=Count("pk"))
            .values("n")
        )

        def people(role: str) -> Subquery:
            # A count per cohort in a subquery rather than a join and GROUP BY over every cohort and program
            # column: with thousands of people in a cohort that grouping was most of the coordinator's home.
            active = Enrollment.objects.filter(cohort=OuterRef("pk"), role=role, status=Enrollment.Status.ACTIVE)
            return Coalesce(Subquery(active.order_by().values("cohort").annotate(n=Count("pk")).values("n")), 0)

        cohorts = (
            Cohort.objects.for_coordinator(user)
            .filter(ends_on__gte=timezone.localdate())
            .select_related("program")
            .annotate(
                mentor_count=people(Role.MENTOR),
                mentee_count=people(Role.MENTEE),
                invited_count=Coalesce(Subquery(open_invitations), 0),
            )
            .order_by("program__name", "starts_on", "pk")
        )
        for cohort in cohorts:
            row = programs.setdefault(cohort.program_id, ProgramRow(cohort.program))
            row.cohorts.append(CohortRow(cohort, cohort.mentor_count, cohort.mentee_count, cohort.invited_count))
    coordinated = {row.cohort.pk: row for p in programs.values() for row in p.cohorts}
    taking_part = {e.cohort.program_id: e.cohort.program for e in enrollments}  # no query: loaded with the rows
    return {
        "enrollments": enrollments,
        "resource_programs": list(taking_part.values()),
        "mentee_enrollments": [e for e in enrollments if e.role == Role.MENTEE],
        "is_mentee": Role.MENTEE in roles,
        "is_mentor": Role.MENTOR in roles,
        "coordinated_programs": list(programs.values()),
        "coordinated_cohorts": coordinated,
        "cohorts": {e.cohort_id: e.cohort for e in enrollments} | {pk: row.cohort for pk, row in coordinated.items()},
    }


def attach_cohorts(rows, context: dict) -> None:
    """Sets `row.cohort` (with its program) on each row from the context's cohorts, reading those it lacks (a pair
    of an ended cohort, say) in one query, only if there are any."""
    known = context.setdefault("cohorts", {})
    missing = {row.cohort_id for row in rows} - known.keys()
    if missing:
        known.update(Cohort.objects.select_related("program").in_bulk(missing))
    for row in rows:
        row.cohort = known[row.cohort_id]
