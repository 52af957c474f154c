"""Cohorts: one run of a program, with its timeline and the phase the dates put it in."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentoring.web import pk_url

from .programs import MatchingMode, Program

LAST_CALL = timedelta(days=3)


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    ENROLLING = "enrolling", "Enrolling"
    MATCHING = "matching", "Matching"
    ACTIVE = "active", "Active"
    CLOSING = "closing", "Closing"
    ENDED = "ended", "Ended"

    # What templates ask a phase ({% if cohort.phase.is_ended %}), instead of comparing it to a string.
    @property
    def is_upcoming(self) -> bool:
        return self is Phase.UPCOMING

    @property
    def is_enrolling(self) -> bool:
        return self is Phase.ENROLLING

    @property
    def is_matching(self) -> bool:
        return self is Phase.MATCHING

    @property
    def is_active(self) -> bool:
        return self is Phase.ACTIVE

    @property
    def is_closing(self) -> bool:
        return self is Phase.CLOSING

    @property
    def is_ended(self) -> bool:
        return self is Phase.ENDED


class CohortQuerySet(models.QuerySet):
    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(program__coordinators=user)

    def open_on(self, day: date, *, opens: str = "starts_on", closes: str = "ends_on") -> dict[int, "Cohort"]:
        """Cohorts whose window from `opens` to `closes` holds `day`, by pk, with their program.

        The window's ends are attribute names, derived dates included (`enrollment_opens`, `matching_closes`,
        `closing_starts`): their defaults are computed in Python, so the database narrows to cohorts not yet ended.
        """
        cohorts = self.filter(ends_on__gte=day).select_related("program")
        return {cohort.pk: cohort for cohort in cohorts if getattr(cohort, opens) <= day <= getattr(cohort, closes)}


class Cohort(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    enrollment_opens_on = models.DateField(null=True, blank=True, help_text="Defaults to the start date.")
    enrollment_closes_on = models.DateField(null=True, blank=True, help_text="Defaults to two weeks after opening.")
    matching_closes_on = models.DateField(
        null=True, blank=True, help_text="Defaults to two weeks after enrollment closes."
    )
    # Overrides of the program's defaults; empty means "as the program says".
    matching_mode = models.CharField(max_length=20, choices=MatchingMode.choices, blank=True)
    mentor_capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    max_mentors_per_mentee = models.PositiveSmallIntegerField(null=True, blank=True)
    request_expiry_days = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_cadence_days = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_length_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    closing_prompt_days = models.PositiveSmallIntegerField(null=True, blank=True)
    agenda_deadline_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    confirm_bulk_matches = models.BooleanField(null=True, blank=True)
    mentor_seats = models.PositiveIntegerField(
        null=True, blank=True, help_text="Mentors this cohort takes; empty means no limit."
    )
    mentee_seats = models.PositiveIntegerField(
        null=True, blank=True, help_text="Mentees this cohort takes; empty means no limit."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="cohort_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.program.name}: {self.name}"

    def get_absolute_url(self):
        return pk_url("programs:cohort_detail", self.pk)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = "The cohort must end after it starts."
        if self.starts_on and self.ends_on:
            for field in ("enrollment_opens_on", "enrollment_closes_on", "matching_closes_on"):
                value = getattr(self, field)
                if value and not self.starts_on <= value <= self.ends_on:
                    errors[field] = "Must fall between the cohort's start and end dates."
        if (
            self.enrollment_opens_on
            and self.enrollment_closes_on
            and self.enrollment_closes_on < self.enrollment_opens_on
        ):
            errors["enrollment_closes_on"] = "Enrollment must close after it opens."
        if errors:
            raise ValidationError(errors)

    def seats(self, role: str) -> int | None:
        """How many people this cohort takes in a role; None means no limit."""
        from .enrollments import Role  # enrollments imports this module

        return self.mentor_seats if role == Role.MENTOR else self.mentee_seats

    def rule(self, name: str):
        """The cohort's own value of a program default, or the program's when the cohort has none."""
        value = getattr(self, name)
        return getattr(self.program, name) if value in (None, "") else value

    @property
    def span_warning(self) -> str:
        """Programs work best over 1 to 24 months: outside that, a warning, not a refusal."""
        if not (self.starts_on and self.ends_on):
            return ""
        days = (self.ends_on - self.starts_on).days
        if days < 28:
            return "This cohort runs for less than a month: mentoring relationships rarely get going that fast."
        if days > 731:
            return "This cohort runs for more than two years: consider shorter cohorts with a fresh start."
        return ""

    @property
    def enrollment_opens(self) -> date:
        return self.enrollment_opens_on or self.starts_on

    @property
    def enrollment_closes(self) -> date:
        return self.enrollment_closes_on or min(self.enrollment_opens + timedelta(days=14), self.ends_on)

    @property
    def matching_closes(self) -> date:
        return self.matching_closes_on or min(self.enrollment_closes + timedelta(days=14), self.ends_on)

    @property
    def matching_opens(self) -> date:
        """The day after enrollment closes: the phase turns to "matching"."""
        return self.enrollment_closes + timedelta(days=1)

    @property
    def closing_starts(self) -> date:
        return self.ends_on - timedelta(days=self.rule("closing_prompt_days"))

    @property
    def last_call_starts(self) -> date:
        """Closing's last call: a side that has not answered is asked once more this many days before the end."""
        return self.ends_on - LAST_CALL

    def phase_on(self, day: date) -> Phase:
        if day > self.ends_on:
            return Phase.ENDED
        if day < self.enrollment_opens:
            return Phase.UPCOMING
        if day <= self.enrollment_closes:
            return Phase.ENROLLING
        if day <= self.matching_closes:
            return Phase.MATCHING
        if day >= self.closing_starts:
            return Phase.CLOSING
        return Phase.ACTIVE

    @property
    def phase(self) -> Phase:
        return self.phase_on(timezone.localdate())
