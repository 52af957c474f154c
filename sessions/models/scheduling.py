"""Scheduling: when each person is free (weekly windows in their own zone), recurring series of meetings, and
the topics a pair saves for their next meeting."""

from datetime import datetime, time, timedelta

from dateutil.rrule import DAILY, rrule
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from matching.models import Mentorship
from sessions.localtime import zone


class Availability(models.Model):
    """A person's bookable time: weekly windows on their own wall clock, so a window stays put across DST."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability")
    time_zone = models.CharField(max_length=64, default="UTC")
    # [[weekday 0=Monday, "HH:MM", "HH:MM"], ...], sorted, never overlapping (checked by the service).
    windows = models.JSONField(default=list, blank=True)
    # ["YYYY-MM-DD", ...] in the person's zone.
    dates_off = models.JSONField(default=list, blank=True)
    min_notice_hours = models.PositiveSmallIntegerField("Minimum notice (hours)", default=24)
    buffer_minutes = models.PositiveSmallIntegerField("Buffer between meetings (minutes)", default=15)
    max_per_week = models.PositiveSmallIntegerField(
        "Mentoring meetings per week at most", null=True, blank=True, help_text="Empty: no limit."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "availabilities"

    def __str__(self):
        return f"Availability of {self.user}"

    @property
    def zone(self):
        return zone(self.time_zone)

    def window_times(self) -> list[tuple[int, time, time]]:
        return [(day, time.fromisoformat(start), time.fromisoformat(end)) for day, start, end in self.windows]


class MeetingSeries(models.Model):
    """Meetings that repeat on the agreement's cadence: one invitation (RRULE, EXDATE) whose occurrences are
    Meeting rows, each with its own agenda and reminders. Always bounded: a count or an end."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meeting_series")
    first_starts_at = models.DateTimeField()
    # The zone whose wall clock the series keeps (the scheduler's): 10:00 stays 10:00 across DST.
    time_zone = models.CharField(max_length=64, default="UTC")
    interval_days = models.PositiveSmallIntegerField(default=14)
    count = models.PositiveSmallIntegerField()
    # Set when all future occurrences are cancelled: the last start the series keeps.
    until = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    location = models.CharField("Place or link", max_length=300, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "meeting series"
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1, count__lte=104), name="series_is_bounded"),
            models.CheckConstraint(condition=Q(interval_days__gte=1), name="series_interval_positive"),
        ]

    def __str__(self):
        return f"Series of {self.count} meetings every {self.interval_days} days"

    @property
    def zone(self):
        return zone(self.time_zone)

    @property
    def rrule_parts(self) -> dict:
        """The RRULE as icalendar takes it."""
        if self.interval_days % 7 == 0:
            parts = {"freq": "WEEKLY", "interval": self.interval_days // 7}
        else:
            parts = {"freq": "DAILY", "interval": self.interval_days}
        if self.until is not None:
            parts["until"] = self.until
        else:
            parts["count"] = self.count
        return parts

    def starts(self) -> list[datetime]:
        """Every start the rule gives, on the series' own wall clock (dateutil's rrule on naive local times)."""
        local = self.first_starts_at.astimezone(self.zone).replace(tzinfo=None)
        rule = rrule(DAILY, interval=self.interval_days, count=self.count, dtstart=local)
        starts = [moment.replace(tzinfo=self.zone) for moment in rule]
        if self.until is not None:
            starts = [moment for moment in starts if moment <= self.until]
        return starts


class NextTopicQuerySet(models.QuerySet):
    def waiting(self) -> "NextTopicQuerySet":
        return self.filter(meeting__isnull=True)


class NextTopic(models.Model):
    """A question or topic jotted between meetings: it waits for the next agenda, then lands on it."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="next_topics")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    is_question = models.BooleanField("A question for the mentor", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The meeting whose agenda it landed on; empty while it waits.
    meeting = models.ForeignKey("Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = NextTopicQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mentorship", "meeting"], name="next_topic_waiting")]

    def __str__(self):
        return self.text


def week_start(moment: datetime, tz) -> datetime:
    """Monday 00:00 of the moment's week on the zone's wall clock."""
    local = moment.astimezone(tz)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(), tzinfo=tz)
