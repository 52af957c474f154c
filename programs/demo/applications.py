"""Leadership Circle's join page: open to the demo organisation's addresses, with applications to Winter 2027, whose
two mentee seats are taken by approved applicants; two more approved ones wait on the list and two are still to be
decided. Rows are written as they stand, so seeding sends no mail."""

from datetime import timedelta

from django.utils import timezone

from programs.models import Application, Enrollment, Role


def seed(program, cohort, applicants: list, coordinator) -> None:
    """`applicants`: six mentees, in the order they applied."""
    if not program.applications_open:
        program.applications_open, program.application_domains = True, ["demo.mentoring.test"]
        program.save(update_fields=["applications_open", "application_domains"])
    if cohort.mentee_seats is None:
        cohort.mentee_seats = 2
        cohort.save(update_fields=["mentee_seats"])
    now = timezone.now()
    plan = [Application.Status.ENROLLED] * 2 + [Application.Status.WAITING] * 2 + [Application.Status.PENDING] * 2
    for n, (user, status) in enumerate(zip(applicants, plan, strict=True)):
        applied = now - timedelta(days=10 - n)
        decided = status != Application.Status.PENDING
        application, created = Application.objects.get_or_create(
            cohort=cohort,
            user=user,
            role=Role.MENTEE,
            defaults={
                "status": status,
                "note": "I have just taken on my first team and would love a sounding board.",
                "created_at": applied,
                "decided_at": applied + timedelta(days=2) if decided else None,
                "decided_by": coordinator if decided else None,
                "waiting_since": applied + timedelta(days=2) if status == Application.Status.WAITING else None,
                "enrolled_at": applied + timedelta(days=2) if status == Application.Status.ENROLLED else None,
            },
        )
        if created and status == Application.Status.ENROLLED:
            Enrollment.objects.get_or_create(user=user, cohort=cohort, role=Role.MENTEE)
