import secrets
from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

LAST_CALL = timedelta(days=3)


class MatchingMode(models.TextChoices):
    MENTEE_CHOICE = "mentee_choice", "Mentees choose their mentors"
    COORDINATOR = "coordinator", "Coordinator matches (bulk matching)"
    HYBRID = "hybrid", "Hybrid: mentees choose, coordinator fills the gaps"


class Role(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    ENROLLING = "enrolling", "Enrolling"
    MATCHING = "matching", "Matching"
    ACTIVE = "active", "Active"
    CLOSING = "closing", "Closing"
    ENDED = "ended", "Ended"


# The program defaults a cohort may override; a cohort's field of the same name, when set, wins.
COHORT_RULES = (
    "matching_mode",
    "mentor_capacity",
    "max_mentors_per_mentee",
    "request_expiry_days",
    "meeting_cadence_days",
    "meeting_length_minutes",
    "closing_prompt_days",
    "agenda_deadline_hours",
    "confirm_bulk_matches",
)


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programs this person coordinates: the only ones they may see or change."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)


class Program(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="coordinated_programs")
    matching_mode = models.CharField(max_length=20, choices=MatchingMode.choices, default=MatchingMode.HYBRID)
    mentor_capacity = models.PositiveSmallIntegerField(default=2, help_text="Mentees each mentor takes at most.")
    max_mentors_per_mentee = models.PositiveSmallIntegerField(
        default=3, help_text="A mentee may build a personal board of up to this many mentors."
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days a mentor has to answer a request before it expires."
    )
    meeting_cadence_days = models.PositiveSmallIntegerField(default=14, help_text="Recommended days between meetings.")
    meeting_length_minutes = models.PositiveSmallIntegerField(default=45)
    closing_prompt_days = models.PositiveSmallIntegerField(
        default=21, help_text="Days before a cohort ends that pairs are asked whether to continue informally."
    )
    agenda_deadline_hours = models.PositiveSmallIntegerField(
        default=48, help_text="Hours before a meeting by which its agenda should be prepared."
    )
    confirm_bulk_matches = models.BooleanField(
        default=True, help_text="Pairs from bulk matching must be confirmed by both sides before they start."
    )
    prefer_cross_functional = models.BooleanField(
        default=False, help_text="Matching favours mentors from a different career track."
    )
    matching_weights = models.JSONField(
        default=dict, blank=True, help_text="Per-criterion weights for matching; empty means the defaults."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:program_detail", args=[self.slug])

    def is_coordinated_by(self, user) -> bool:
        return self.coordinators.filter(pk=user.pk).exists()


class CohortQuerySet(models.QuerySet):
    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(program__coordinators=user)

    def for_participant(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            enrollments__user=user, enrollments__status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED]
        ).distinct()

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
        return reverse("programs:cohort_detail", args=[self.pk])

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
        profile = apps.get_model("profiles", "Profile")
        complete = (
            profile.objects.filter(user=OuterRef("user"), job_level__isnull=False)
            .exclude(Q(headline="") | Q(bio="") | Q(organisation="") | Q(career_track="") | Q(work_style=""))
            .exclude(Q(languages=[]) | Q(meeting_channels=[]))
        )
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


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def default_invitation_expiry():
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "email", "role"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_person_and_role",
            ),
        ]

    def __str__(self):
        return f"Invitation for {self.email} to {self.cohort} as {self.role}"

    def get_absolute_url(self):
        return reverse("programs:invitation_accept", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class OrientationItem(models.Model):
    """One step of a cohort's orientation checklist for one role."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="orientation_items")
    role = models.CharField(max_length=10, choices=Role.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cohort", "role", "order", "pk"]

    def __str__(self):
        return self.title


class OrientationCheck(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="orientation_checks")
    item = models.ForeignKey(OrientationItem, on_delete=models.CASCADE, related_name="checks")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrollment", "item"], name="orientation_item_once")]

    def __str__(self):
        return f"{self.item} done by {self.enrollment.user}"
