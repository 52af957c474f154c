"""Enrollments: a person's role and status in a cohort, and the orientation checklist they tick off."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .cohorts import Cohort


class Role(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"


class EnrollmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Enrollment.Status.ACTIVE)

    def mentors(self):
        return self.filter(role=Role.MENTOR)

    def mentees(self):
        return self.filter(role=Role.MENTEE)

    def for_user(self, user):
        """A person's own enrollments."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__program__coordinators=user)

    def current(self):
        """Enrollments that count: invited or taking part, not withdrawn."""
        return self.exclude(status=Enrollment.Status.WITHDRAWN)

    def with_matched(self):
        """Annotate `is_matched`: the person has a proposed or active mentorship in this cohort.

        Programs sits below matching in the layers and never imports it; the model is looked up
        by name here, so this works once the matching app is installed and costs no import cycle.
        """
        mentorship = apps.get_model("matching", "Mentorship")
        current = mentorship.objects.filter(cohort=OuterRef("cohort"), status__in=["proposed", "active"])
        return self.annotate(
            is_matched=Exists(current.filter(mentor=OuterRef("user"))) | Exists(current.filter(mentee=OuterRef("user")))
        )

    def with_orientation_total(self):
        """Annotate `orientation_total`: the steps on this enrollment's checklist."""
        steps = (
            OrientationItem.objects.filter(cohort=OuterRef("cohort"), role=OuterRef("role"))
            .order_by()
            .values("cohort")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(orientation_total=Coalesce(Subquery(steps), 0))

    def with_profile_complete(self):
        """Annotate `has_complete_profile` with the same required parts as Profile.missing_parts."""
        complete = apps.get_model("profiles", "Profile").objects.complete().filter(user=OuterRef("user"))
        return self.annotate(has_complete_profile=Exists(complete))


class Enrollment(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACTIVE = "active", "Active"
        WITHDRAWN = "withdrawn", "Withdrawn"
        COMPLETED = "completed", "Completed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    capacity_override = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Mentors only: mentees this mentor takes, instead of the cohort's rule."
    )
    orientation_completed_at = models.DateTimeField(null=True, blank=True)
    onboarding_closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person skipped or finished the guided setup after joining."
    )
    paused_at = models.DateTimeField(
        null=True, blank=True, help_text="Mentors only: paused mentors receive no new requests."
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort", "role"], name="enrollment_once_per_role"),
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"], name="enrollment_cohort_role")]

    def __str__(self):
        return f"{self.user} as {self.get_role_display().lower()} in {self.cohort}"

    @property
    def capacity(self) -> int:
        if self.capacity_override is not None:
            return self.capacity_override
        return self.cohort.rule("mentor_capacity")

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


class OrientationItem(models.Model):
    """One step of a cohort's orientation checklist for one role."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="orientation_items")
    role = models.CharField(max_length=10, choices=Role.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    resource = models.ForeignKey(
        "Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orientation_steps",
        help_text="A guide or file of the program this step points to.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cohort", "role", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR


class OrientationCheck(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="orientation_checks")
    item = models.ForeignKey(OrientationItem, on_delete=models.CASCADE, related_name="checks")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrollment", "item"], name="orientation_item_once")]

    def __str__(self):
        return f"{self.item} done by {self.enrollment.user}"
