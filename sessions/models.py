"""A mentorship at work: its agreement, meetings with shared agendas, notes, action items and SMART goals."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.profiles.models import MeetingChannel
from programs.models import Enrollment

# Pairs whose people still work together: the mentor of one of these sees the mentee's goals.
WORKING_STATUSES = [Mentorship.Status.ACTIVE, Mentorship.Status.CONVERTED]

DEFAULT_CONFIDENTIALITY = (
    "What we say stays between us. Coordinators see only that we meet, never what we discuss, "
    "unless one of us chooses to raise something with them."
)


def pair_filter(user, prefix: str = "mentorship__") -> Q:
    return Q(**{f"{prefix}mentee": user}) | Q(**{f"{prefix}mentor": user})


class Agreement(models.Model):
    """The pair's mentoring agreement; both confirm it, and a change one proposes the other confirms."""

    TERMS = ("cadence_days", "length_minutes", "channel", "mentee_expects", "mentor_expects", "confidentiality")

    mentorship = models.OneToOneField(Mentorship, on_delete=models.CASCADE, related_name="agreement")
    cadence_days = models.PositiveSmallIntegerField("Meet every (days)", default=14)
    length_minutes = models.PositiveSmallIntegerField("Meeting length (minutes)", default=45)
    channel = models.CharField(max_length=20, choices=MeetingChannel.choices, default=MeetingChannel.VIDEO)
    mentee_expects = models.TextField("What the mentee expects", blank=True)
    mentor_expects = models.TextField("What the mentor expects", blank=True)
    confidentiality = models.TextField(default=DEFAULT_CONFIDENTIALITY)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    # A change proposed once both have confirmed: {term: new value}; the other side confirms or declines it.
    proposal = models.JSONField(default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Agreement of {self.mentorship}"

    def get_absolute_url(self):
        return reverse("sessions:mentorship_detail", args=[self.mentorship_id])

    @property
    def is_confirmed(self) -> bool:
        return bool(self.mentee_confirmed_at and self.mentor_confirmed_at)

    def confirmed_by(self, user) -> bool:
        if user.pk == self.mentorship.mentee_id:
            return self.mentee_confirmed_at is not None
        return self.mentor_confirmed_at is not None

    @property
    def proposal_lines(self) -> list[tuple[str, object, object]]:
        """(label, current value, proposed value) for each term the proposal changes."""
        lines = []
        # In the agreement's own order: PostgreSQL's jsonb does not keep the keys' order.
        for term, value in sorted(self.proposal.items(), key=lambda pair: self.TERMS.index(pair[0])):
            field = self._meta.get_field(term)
            current = getattr(self, term)
            if field.choices:
                value = dict(field.choices).get(value, value)
                current = dict(field.choices).get(current, current)
            lines.append((field.verbose_name.capitalize(), current, value))
        return lines


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user) -> "MeetingQuerySet":
        """Meetings of the pairs this person is half of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pair_filter(user))

    def scheduled(self) -> "MeetingQuerySet":
        return self.filter(status=Meeting.Status.SCHEDULED)

    def upcoming(self, now: datetime | None = None) -> "MeetingQuerySet":
        return self.scheduled().filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime | None = None) -> "MeetingQuerySet":
        return self.exclude(status=Meeting.Status.SCHEDULED, starts_at__gte=now or timezone.now()).order_by(
            "-starts_at"
        )

    def with_agenda_counts(self) -> "MeetingQuerySet":
        """Annotate `item_count` and `items_done`, for lists that show each agenda's state."""
        items = AgendaItem.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting")
        return self.annotate(
            item_count=Subquery(items.annotate(n=models.Count("pk")).values("n")),
            items_done=Subquery(items.filter(done=True).annotate(n=models.Count("pk")).values("n")),
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    location = models.CharField("Place or link", max_length=300, blank=True)
    objective = models.CharField(max_length=300, blank=True, help_text="What the mentee wants from this meeting.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the objective and at least one item someone wrote were both in; cleared if the agenda empties.
    agenda_prepared_at = models.DateTimeField(null=True, blank=True)
    agenda_reviewed_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    # Bumped on every change, so calendar apps replace the event they imported (.ics SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
            models.Index(fields=["mentorship", "starts_at"], name="meeting_pair_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="meeting_lasts_five_minutes"),
        ]

    def __str__(self):
        return f"Meeting on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("sessions:meeting_detail", args=[self.pk])

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def agenda_deadline(self) -> datetime:
        return self.starts_at - timedelta(hours=self.mentorship.cohort.rule("agenda_deadline_hours"))

    @property
    def is_agenda_prepared(self) -> bool:
        return self.agenda_prepared_at is not None and self.agenda_prepared_at <= self.agenda_deadline

    @property
    def is_agenda_reviewed(self) -> bool:
        return self.agenda_reviewed_at is not None

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED

    @property
    def is_upcoming(self) -> bool:
        return self.is_scheduled and self.starts_at >= timezone.now()

    @property
    def awaits_wrap_up(self) -> bool:
        """It has started, and nobody has marked it held or cancelled yet."""
        return self.is_scheduled and self.starts_at < timezone.now()


class AgendaItem(models.Model):
    class Category(models.TextChoices):
        QUESTION = "question", "Question for the mentor"
        DISCUSSION = "discussion", "Item for discussion"
        ACTION_PLAN = "action_plan", "Action-plan review"
        FOLLOW_UP = "follow_up", "Follow-up on earlier advice"
        GOAL_CHECK_IN = "goal_check_in", "Goal check-in"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for items put on a new agenda automatically.",
    )
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.DISCUSSION)
    text = models.CharField(max_length=500)
    goal = models.ForeignKey("Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items")
    action_item = models.ForeignKey(
        "ActionItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(default=0)
    done = models.BooleanField(default=False)
    mentor_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        indexes = [models.Index(fields=["meeting", "order"], name="agenda_item_order")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return f"{reverse('sessions:meeting_detail', args=[self.meeting_id])}#item-{self.pk}"


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NoteQuerySet":
        """Within a pair's own pages: shared notes, and the viewer's own notes whatever their visibility."""
        return self.filter(Q(visibility=Note.Visibility.PAIR) | Q(author=user))

    def shared_with_coordinators(self, user) -> "NoteQuerySet":
        return self.filter(
            visibility=Note.Visibility.COORDINATORS, mentorship__cohort__program__coordinators=user
        ).distinct()


class Note(models.Model):
    class Visibility(models.TextChoices):
        PAIR = "pair", "Shared with my mentoring partner"
        PRIVATE = "private", "Private: only I can read it"
        COORDINATORS = "coordinators", "Raise with the program coordinators (they and I can read it)"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.PAIR)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "visibility"], name="note_pair_visibility")]

    def __str__(self):
        return f"Note by {self.author} ({self.get_visibility_display().lower()})"


class ActionItemQuerySet(models.QuerySet):
    def for_user(self, user) -> "ActionItemQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(pair_filter(user))

    def open(self) -> "ActionItemQuerySet":
        return self.filter(done_at__isnull=True)


class ActionItem(models.Model):
    """Homework agreed in mentoring: an owner (one of the pair), a due date, done or not."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_items")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="action_item_due")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('sessions:mentorship_detail', args=[self.mentorship_id])}#action-items"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()


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
        return reverse("sessions:goal_detail", args=[self.pk])

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
    def counts_as_achieved(self) -> bool:
        return self.status == self.Status.ACHIEVED and self.confirmed_at is not None

    def is_due_soon(self, today: date, days: int = 30) -> bool:
        return self.status == self.Status.ACTIVE and self.target_date <= today + timedelta(days=days)


class GoalCheckIn(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField(default=timezone.localdate)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    comment = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="goal_check_ins"
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


# The end of a program: each side's private answer, a short survey, and thank-you notes.


class Side(models.TextChoices):
    MENTEE = "mentee", "Mentee"
    MENTOR = "mentor", "Mentor"


def side_of(mentorship: Mentorship, user) -> Side | None:
    if user.pk == mentorship.mentee_id:
        return Side.MENTEE
    if user.pk == mentorship.mentor_id:
        return Side.MENTOR
    return None


class ClosingAnswerQuerySet(models.QuerySet):
    def continuing(self) -> "ClosingAnswerQuerySet":
        return self.filter(choice=ClosingAnswer.Choice.CONTINUE)


class ClosingAnswer(models.Model):
    """One side's private answer near the end of the cohort. Blind: only a mutual "continue" is ever revealed,
    to the pair alone; coordinators see how many answered, never what."""

    class Choice(models.TextChoices):
        CONTINUE = "continue", "Continue informally after the program"
        KEEP_IN_TOUCH = "keep_in_touch", "Happy to be contacted now and then"
        CLOSE = "close", "Close with thanks"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="closing_answers")
    side = models.CharField(max_length=6, choices=Side.choices)
    choice = models.CharField(max_length=16, choices=Choice.choices)
    answered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ClosingAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="closing_answer_once_per_side"),
            models.CheckConstraint(condition=Q(side__in=["mentee", "mentor"]), name="closing_answer_side"),
            models.CheckConstraint(
                condition=Q(choice__in=["continue", "keep_in_touch", "close"]), name="closing_answer_choice"
            ),
        ]

    def __str__(self):
        return f"End-of-program answer of the {self.side} of mentorship {self.mentorship_id}"


class ClosingSurvey(models.Model):
    """How well the match worked, from one side, once. Coordinators see averages and counts, never a row."""

    class HelpedMost(models.TextChoices):
        TIME = "time", "Regular time set aside to think about my work"
        ADVICE = "advice", "Advice on specific situations"
        FEEDBACK = "feedback", "Honest feedback"
        GOALS = "goals", "Setting and tracking goals"
        NETWORK = "network", "Introductions and a wider network"
        CONFIDENCE = "confidence", "Encouragement and confidence"
        PERSPECTIVE = "perspective", "A different perspective"

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="closing_surveys")
    side = models.CharField(max_length=6, choices=Side.choices)
    match_rating = models.PositiveSmallIntegerField(
        "How well did the match work?", help_text="1 = not at all, 5 = very well."
    )
    helped_most = models.CharField("What helped most?", max_length=16, choices=HelpedMost.choices)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="closing_survey_once_per_side"),
            models.CheckConstraint(condition=Q(side__in=["mentee", "mentor"]), name="closing_survey_side"),
            models.CheckConstraint(
                condition=Q(match_rating__gte=1, match_rating__lte=5), name="closing_survey_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Close-out survey of the {self.side} of mentorship {self.mentorship_id}"


class ThankYouNote(models.Model):
    """At the close of a program, one side thanks the other and names what helped; the partner is told."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="thank_you_notes")
    side = models.CharField(max_length=6, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField("What helped", max_length=2000)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="thank_you_note_once_per_side"),
            models.CheckConstraint(condition=Q(side__in=["mentee", "mentor"]), name="thank_you_note_side"),
            models.CheckConstraint(condition=~Q(body=""), name="thank_you_note_not_empty"),
        ]

    def __str__(self):
        return f"Thank-you note from the {self.side} of mentorship {self.mentorship_id}"
