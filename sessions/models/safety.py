"""Safety reports: one side of a pair tells the program's coordinators, privately, of a concern about the other.

The report is read by the coordinators alone. Nothing the reported person receives (a notification, an e-mail, a
page) names the reporter or says a report exists; the coordinators' actions are told in neutral words.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship


class SafetyReportQuerySet(models.QuerySet):
    def for_coordinator(self, user) -> "SafetyReportQuerySet":
        """Reports about pairs in programs this person coordinates: the only ones they may read."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(mentorship__cohort__program__coordinators=user)

    def open(self) -> "SafetyReportQuerySet":
        return self.filter(closed_at__isnull=True)


class SafetyReport(models.Model):
    class Reason(models.TextChoices):
        HARASSMENT = "harassment", "Harassment or bullying"
        DISCRIMINATION = "discrimination", "Discrimination"
        INAPPROPRIATE = "inappropriate", "Inappropriate behaviour or comments"
        BOUNDARIES = "boundaries", "Pressure beyond the mentoring (money, favours, private contact)"
        SAFETY = "safety", "I feel unsafe"
        OTHER = "other", "Something else"

    class Outcome(models.TextChoices):
        MENTOR_PAUSED = "mentor_paused", "Mentor paused"
        PAIR_ENDED = "pair_ended", "Pair ended"
        NO_ACTION = "no_action", "Closed without further action"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="safety_reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="safety_reports_made"
    )
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="safety_reports_received"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField()
    ended_pair = models.BooleanField(default=False, help_text="The reporter ended the mentorship with the report.")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)

    objects = SafetyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["mentorship", "closed_at"], name="safety_pair_open")]

    def __str__(self):
        return f"Safety report {self.pk} ({self.get_reason_display().lower()})"

    def get_absolute_url(self):
        return reverse("sessions:safety_report", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def about_mentor(self) -> bool:
        return self.about_id is not None and self.about_id == self.mentorship.mentor_id
