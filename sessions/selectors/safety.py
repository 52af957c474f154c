"""Safety reports as the coordinators read them: the open ones (home page, cohort dashboard) and one report."""

from django.contrib.auth.base_user import AbstractBaseUser

from programs.models import Cohort
from sessions.models import SafetyReport

OPEN_REPORTS_SHOWN = 20
PEOPLE = ("mentorship__cohort__program", "mentorship__mentee", "mentorship__mentor", "reporter", "about")


def open_reports(user: AbstractBaseUser, *, cohort: Cohort | None = None) -> list[SafetyReport]:
    """The open reports of the programs this person coordinates (of one cohort, if given), oldest first: one query."""
    reports = SafetyReport.objects.for_coordinator(user).open()
    if cohort is not None:
        reports = reports.filter(mentorship__cohort=cohort)
    # Only the cohort: the list (sessions/_open_reports.html) names no one. Joining the four people as well made
    # PostgreSQL plan a nine-table join on every home page (5-25 ms of planning, for a table that is mostly empty).
    return list(reports.select_related("mentorship__cohort__program").order_by("created_at", "pk")[:OPEN_REPORTS_SHOWN])


def home_panel(user: AbstractBaseUser, context: dict) -> dict:
    """The coordinator's open reports on the home page (registered with mentoring.home.panels in apps.py)."""
    if not user.is_authenticated:
        return {"open_reports": []}
    return {"open_reports": open_reports(user)}


def report_for_coordinator(user: AbstractBaseUser, pk: int) -> SafetyReport | None:
    return SafetyReport.objects.for_coordinator(user).select_related(*PEOPLE, "closed_by").filter(pk=pk).first()
