"""Meetings with shared agendas, the notes kept about them, and the action items agreed in them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from matching.models import Mentorship
from mentoring.web import pk_url
from sessions.models.pairs import pair_filter


def fair_agenda_deadline(*, starts_at: datetime, booked_at: datetime, lead: timedelta) -> datetime:
    """The cohort's lead time before the meeting; for a meeting booked inside it, half the time that was left, so
    that a meeting is never late the moment it is booked."""
    usual = starts_at - lead
    if booked_at <= usual:
        return usual
    return booked_at + (starts_at - booked_at) / 2


def agenda_due(lead: timedelta) -> Coalesce:
    """The agenda deadline in SQL: the one set at booking, or the lead time before the meeting."""
    return Coalesce(F("agenda_due_at"), F("starts_at") - lead)


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
    location = models.CharField(
        "Place or link", max_length=300, blank=True, help_text="Empty: where the agreement says the pair meets."
    )
    series = models.ForeignKey(
        "MeetingSeries", on_delete=models.CASCADE, null=True, blank=True, related_name="occurrences"
    )
    # The start the series' rule gave this occurrence: its RECURRENCE-ID, kept when the occurrence moves.
    recurrence_id = models.DateTimeField(null=True, blank=True)
    objective = models.CharField(max_length=300, blank=True, help_text="What the mentee wants from this meeting.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the objective and at least one item someone wrote were both in; cleared if the agenda empties.
    agenda_prepared_at = models.DateTimeField(null=True, blank=True)
    agenda_reviewed_at = models.DateTimeField(null=True, blank=True)
    # Set when booked or moved (fair_agenda_deadline); empty for older meetings, whose deadline is the lead time.
    agenda_due_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    # Bumped on every change, so calendar apps replace the event they imported (.ics SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # When the start was last set (booked or moved): the reminder scan looks at meetings timed since its last run,
    # besides those whose reminder lead has just come (sessions.scans.pairs).
    timed_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
            models.Index(fields=["mentorship", "starts_at"], name="meeting_pair_start"),
            # The minute scan's finders (sessions.scans.pairs), each reading only the rows its filter can match.
            models.Index(fields=["timed_at"], name="meeting_scheduled_timed", condition=Q(status="scheduled")),
            models.Index(
                fields=["starts_at"],
                name="meeting_agenda_unprepared",
                condition=Q(status="scheduled", agenda_prepared_at__isnull=True),
            ),
            models.Index(
                fields=["starts_at"],
                name="meeting_agenda_unreviewed",
                condition=Q(status="scheduled", agenda_reviewed_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="meeting_lasts_five_minutes"),
            models.UniqueConstraint(fields=["series", "recurrence_id"], name="meeting_occurrence_once"),
        ]

    def __str__(self):
        return f"Meeting on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return pk_url("sessions:meeting_detail", self.pk)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def place(self) -> str:
        """This meeting's own place or link, else the pair's standing one from their agreement."""
        if self.location:
            return self.location
        try:
            return self.mentorship.agreement.meeting_place
        except ObjectDoesNotExist:
            return ""

    @property
    def place_is_link(self) -> bool:
        return self.place.startswith(("https://", "http://"))

    @property
    def calendar_sequence(self) -> int:
        """The SEQUENCE its invitations carry: a series counts its changes once, for all its occurrences."""
        return self.series.sequence if self.series_id else self.sequence

    @property
    def agenda_deadline(self) -> datetime:
        if self.agenda_due_at is not None:
            return self.agenda_due_at
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
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

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
    carried_over = models.BooleanField(default=False, help_text="Left open at the last meeting and brought here.")
    mentor_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        indexes = [models.Index(fields=["meeting", "order"], name="agenda_item_order")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return f"{pk_url('sessions:meeting_detail', self.meeting_id)}#item-{self.pk}"


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NoteQuerySet":
        """Within a pair's own pages: shared notes, and the viewer's own notes whatever their visibility."""
        return self.filter(Q(visibility=Note.Visibility.PAIR) | Q(author=user))

    def raised(self) -> "NoteQuerySet":
        """The notes their authors chose to raise with the program's coordinators: all they ever read."""
        return self.filter(visibility=Note.Visibility.COORDINATORS)


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

    @property
    def is_shared(self) -> bool:
        """Shared with the partner (the default), rather than private or raised with the coordinators."""
        return self.visibility == self.Visibility.PAIR

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE

    @property
    def is_raised(self) -> bool:
        return self.visibility == self.Visibility.COORDINATORS


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
        return f"{pk_url('sessions:mentorship_detail', self.mentorship_id)}#action-items"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()
