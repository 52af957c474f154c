"""Applications through a program's join page, and the waiting list of approved people when a cohort is full; the
reporting lines a coordinator imports for matching."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .cohorts import Cohort
from .enrollments import Enrollment, Role
from .programs import Program


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own applications: the only ones they may see."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def open(self):
        return self.filter(status__in=Application.OPEN)

    def pending(self):
        return self.filter(status=Application.Status.PENDING)

    def waiting(self):
        """The waiting list, first in line first."""
        return self.filter(status=Application.Status.WAITING).order_by("waiting_since", "pk")


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        WAITING = "waiting", "Approved, on the waiting list"
        ENROLLED = "enrolled", "Approved and enrolled"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN = (Status.PENDING, Status.WAITING)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField("What you hope to give or get", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_message = models.TextField(blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True, help_text="Orders the waiting list.")
    enrolled_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user", "role"],
                condition=Q(status__in=["pending", "waiting"]),
                name="one_open_application_per_role",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status", "waiting_since"], name="application_queue")]

    def __str__(self):
        return f"Application #{self.pk} to {self.cohort} as {self.role}"

    def get_absolute_url(self):
        return reverse("programs:application_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_enrolled(self) -> bool:
        return self.status == self.Status.ENROLLED

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR


def taking_part_roles(user, program: Program) -> set[str]:
    """The roles in which a person takes part in a program (enrolled, not withdrawn) or has applied to it."""
    if not user.is_authenticated:
        return set()
    enrolled = Enrollment.objects.for_user(user).current().filter(cohort__program=program)
    applied = Application.objects.for_user(user).open().filter(cohort__program=program)
    return {role for (role,) in enrolled.order_by().values_list("role").union(applied.order_by().values_list("role"))}


class ReportingLine(models.Model):
    """Who reports to whom, as a coordinator imported it for one program (from an HR export). Where a person is on
    the list, it says who their manager is for this program's matching; otherwise their profile does."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reporting_lines")
    email = models.EmailField()
    manager_email = models.EmailField()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "email"]
        constraints = [models.UniqueConstraint(fields=["program", "email"], name="one_reporting_line_per_person")]

    def __str__(self):
        return f"{self.email} reports to {self.manager_email}"
