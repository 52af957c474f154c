"""SMART goals of a mentee in a cohort, their check-ins and the comments on them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from matching.models import Mentorship
from mentoring.web import pk_url
from programs.models import Enrollment
from sessions.models.pairs import WORKING_STATUSES


class GoalQuerySet(models.QuerySet):
    def for_user(self, user) -> "GoalQuerySet":
        """The mentee's own goals, and the goals of the mentees this person mentors in the goal's cohort."""
        if not user.is_authenticated:
            return self.none()
        mentoring = Mentorship.objects.filter(
            cohort=OuterRef("enrollment__cohort"),
            mentee=OuterRef("enrollment__user"),
            mentor=user,
            status__in=WORKING_STATUSES,
        )
        return self.filter(Q(enrollment__user=user) | Exists(mentoring))

    def owned_by(self, user) -> "GoalQuerySet":
        return self.filter(enrollment__user=user)

    def active(self) -> "GoalQuerySet":
        return self.filter(status=Goal.Status.ACTIVE)

    def with_latest_value(self) -> "GoalQuerySet":
        latest = GoalCheckIn.objects.filter(goal=OuterRef("pk")).order_by("-on", "-pk")
        return self.annotate(latest_value=Subquery(latest.values("value")[:1]))


class Goal(models.Model):
    """A SMART goal of a mentee in a cohort. Every part is required: the database refuses a goal without one."""

    class Ambition(models.TextChoices):
        AGGRESSIVE = "aggressive", "Aggressive: a stretch I may not fully reach"
        ATTAINABLE = "attainable", "Attainable: realistic with steady effort"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="goals")
    mentorship = models.ForeignKey(
        Mentorship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        help_text="The mentor who helps most with this goal (optional).",
    )
    title = models.CharField(max_length=120, help_text="A short name for the goal.")
    specific = models.TextField("Specific: what exactly will you achieve?")
    measure = models.CharField("Measurable: how will you measure it?", max_length=200)
    baseline = models.DecimalField("Where you are today", max_digits=12, decimal_places=2)
    target = models.DecimalField("Target", max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=40, help_text="e.g. presentations, %, hours, certifications")
    ambition = models.CharField("Aggressive or attainable?", max_length=10, choices=Ambition.choices)
    relevance = models.TextField("Relevant: why does it matter for your career?")
    target_date = models.DateField("Time-bound: achieved by", help_text="A date inside your cohort.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    achieved_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="A mentor confirmed the achievement.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dropped_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["target_date", "pk"]
        indexes = [models.Index(fields=["enrollment", "status", "target_date"], name="goal_enrollment_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title="") & ~Q(specific="") & ~Q(measure="") & ~Q(unit="") & ~Q(relevance=""),
                name="goal_smart_parts_present",
            ),
            models.CheckConstraint(condition=Q(ambition__in=["aggressive", "attainable"]), name="goal_ambition_chosen"),
            models.CheckConstraint(condition=~Q(target=models.F("baseline")), name="goal_target_differs"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return pk_url("sessions:goal_detail", self.pk)

    def progress_for(self, value: Decimal | None) -> int:
        """Percent of the way from baseline to target (either direction), 0-100."""
        if value is None or self.target == self.baseline:
            return 0
        share = (Decimal(value) - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(share * 100)))

    @property
    def current_value(self) -> Decimal:
        if hasattr(self, "latest_value"):
            return self.baseline if self.latest_value is None else self.latest_value
        latest = self.check_ins.order_by("-on", "-pk").values_list("value", flat=True).first()
        return self.baseline if latest is None else latest

    @property
    def progress(self) -> int:
        return self.progress_for(self.current_value)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_achieved(self) -> bool:
        """Marked achieved by the mentee; it counts once a mentor confirms (`counts_as_achieved`)."""
        return self.status == self.Status.ACHIEVED

    @property
    def is_dropped(self) -> bool:
        return self.status == self.Status.DROPPED

    @property
    def awaits_confirmation(self) -> bool:
        return self.is_achieved and self.confirmed_at is None

    @property
    def counts_as_achieved(self) -> bool:
        return self.status == self.Status.ACHIEVED and self.confirmed_at is not None


class GoalCheckIn(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField(default=timezone.localdate)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    comment = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="goal_check_ins"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["goal", "on"], name="goal_check_in_day")]

    def __str__(self):
        return f"{self.goal}: {self.value} on {self.on}"


class GoalComment(models.Model):
    """A word on a goal from the mentee or one of their mentors."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.goal}"
