"""The demo cohorts' pending invitations."""

from django.utils import timezone

from programs.models import Invitation, Role


def seed(cohorts: dict, coordinator) -> None:
    """Pending invitations to people who have no account yet; marked sent, so seeding sends no mail."""
    wanted = [
        ("enrolling", f"new.hire{n}@demo.mentoring.test", Role.MENTEE if n > 2 else Role.MENTOR) for n in range(1, 7)
    ] + [("upcoming", f"next.year{n}@demo.mentoring.test", Role.MENTEE) for n in range(1, 5)]
    for key, email, role in wanted:
        if not Invitation.objects.filter(cohort=cohorts[key], email=email, role=role).exists():
            Invitation.objects.create(
                cohort=cohorts[key], email=email, role=role, invited_by=coordinator, sent_at=timezone.now()
            )
