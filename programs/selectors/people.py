"""What the coordinator's people list shows, on the page and in its spreadsheet export."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from programs.models import Cohort, Enrollment

PEOPLE_PER_PAGE = 100
EXPORT_HEADER = ["email", "first name", "last name", "role", "status", "capacity", "profile complete",
                 "orientation done", "matched", "enrolled on"]  # fmt: skip


def people(cohort: Cohort) -> QuerySet[Enrollment]:
    """Everyone enrolled in the cohort, by role and name, each with `is_matched` and `has_complete_profile`."""
    return (
        cohort.enrollments.select_related("user")
        .with_matched()
        .with_profile_complete()
        .order_by("role", "user__first_name", "user__last_name", "user__email")
    )


def people_page(enrollments: QuerySet[Enrollment], number) -> Page:
    """One page of an already filtered list; a page number out of range gives the nearest page."""
    page = Paginator(enrollments, PEOPLE_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def export_rows(cohort: Cohort, enrollments: QuerySet[Enrollment]) -> list[list]:
    """The spreadsheet's rows, header first: plain values, made safe for spreadsheets by whoever writes them."""
    default_capacity = cohort.rule("mentor_capacity")
    rows = [EXPORT_HEADER]
    for e in enrollments:
        capacity = (e.capacity_override if e.capacity_override is not None else default_capacity) if e.is_mentor else ""
        rows.append(
            [e.user.email, e.user.first_name, e.user.last_name, e.role, e.status, capacity,
             _yes(e.has_complete_profile), _yes(e.orientation_completed_at), _yes(e.is_matched),
             f"{e.enrolled_at:%Y-%m-%d}"]
        )  # fmt: skip
    return rows


def _yes(value) -> str:
    return "yes" if value else "no"
