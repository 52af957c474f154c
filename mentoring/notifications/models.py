from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# A claim older than this is taken to belong to a worker that died mid-send.
EMAIL_CLAIM_LEASE = timedelta(minutes=10)


def email_claim_lease() -> timedelta:
    """EMAIL_CLAIM_LEASE, unless settings.NOTIFICATION_EMAIL_LEASE_SECONDS says otherwise (the crash tests)."""
    seconds = getattr(settings, "NOTIFICATION_EMAIL_LEASE_SECONDS", None)
    return EMAIL_CLAIM_LEASE if seconds is None else timedelta(seconds=seconds)


class Kind(models.TextChoices):
    """What a notification is about. Each later feature adds its kinds here."""

    WELCOME = "welcome", "Welcome and account news"
    PROGRAM = "program", "Program and cohort news"
    INVITATION = "invitation", "Invitations"
    REQUEST = "request", "Mentor requests and answers"
    MENTORSHIP = "mentorship", "Mentorship changes"
    MEETING = "meeting", "Meetings scheduled, moved or cancelled"
    MEETING_REMINDER = "meeting_reminder", "Meeting reminders"
    AGENDA = "agenda", "Agenda preparation and review"
    ACTION_ITEM = "action_item", "Action items due"
    GOAL = "goal", "Goals and check-ins"
    PROGRAM_END = "program_end", "End-of-program prompts"
    COORDINATOR = "coordinator", "Coordinator alerts"
    CALENDAR = "calendar", "Calendar invitations for meetings I arrange myself"
    DIGEST = "digest", "Daily digest"


class ReminderLead(models.IntegerChoices):
    """How long before a meeting a reminder goes out, in minutes."""

    TWO_DAYS = 2880, "2 days before"
    ONE_DAY = 1440, "1 day before"
    FOUR_HOURS = 240, "4 hours before"
    ONE_HOUR = 60, "1 hour before"
    FIFTEEN_MINUTES = 15, "15 minutes before"


def default_reminder_leads() -> list[int]:
    return [ReminderLead.ONE_DAY, ReminderLead.ONE_HOUR]


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def email_due(self):
        """Wanted by e-mail, not sent yet, and not held by a live claim."""
        stale = timezone.now() - email_claim_lease()
        return self.filter(email_wanted=True, emailed_at__isnull=True).filter(
            Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale)
        )


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # No choices on the column: each feature adds kinds to Kind without a migration here.
    kind = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="Where the notification leads, a path on this site.")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_wanted = models.BooleanField(default=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    # An iTIP message (RFC 5546) the e-mail carries as its text/calendar part, so calendars add, move or remove
    # the event themselves; frozen when the notification is made, like the rest of the message.
    calendar = models.TextField(blank=True, default="", db_default="")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_inbox"),
            models.Index(
                fields=["created_at"],
                condition=Q(email_wanted=True, emailed_at__isnull=True),
                name="notification_email_due",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notifications:open", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label if self.kind in Kind.values else self.kind.replace("_", " ").capitalize()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def link(self) -> str:
        return f"{settings.SITE_URL}{self.url}" if self.url.startswith("/") else self.url


class NotificationSettings(models.Model):
    """A person's choices about notifications. Kinds are opted out, so new kinds arrive by default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_opt_out = models.JSONField(default=list, blank=True)
    meeting_reminder_minutes = models.JSONField(default=default_reminder_leads, blank=True)
    daily_digest = models.BooleanField(
        default=False, help_text="One e-mail a day summing up your notifications, instead of one e-mail each."
    )
    digest_hour = models.PositiveSmallIntegerField(default=8, help_text="Hour of the day, in your time zone.")
    # The secret in the personal calendar-feed URL; empty when the person has no feed (or revoked it).
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notification settings of {self.user}"

    def wants_email(self, kind: str) -> bool:
        if self.daily_digest:
            return kind == Kind.DIGEST
        return kind not in self.email_opt_out


class ScanMark(models.Model):
    """How far a windowed finder of the minute scan has looked: the `now` of its last run that committed.

    Written in the same transaction as the notifications of that run, so a run that fails or is killed leaves the
    mark where it was and the next run looks at its window again (mentoring.notifications.scanning)."""

    finder = models.CharField(max_length=80, unique=True)
    scanned_until = models.DateTimeField()

    def __str__(self):
        return f"{self.finder} scanned until {self.scanned_until:%Y-%m-%d %H:%M}"
