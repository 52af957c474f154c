from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from programs.models import Cohort


class BoardRole(models.TextChoices):
    """The seat a mentor takes on a mentee's personal board of directors."""

    CAREER_GUIDE = "career_guide", "Career guide"
    SKILL_COACH = "skill_coach", "Skill coach"
    SPONSOR = "sponsor", "Sponsor"
    PEER = "peer", "Peer"
    INDUSTRY_INSIDER = "industry_insider", "Industry insider"


class MentorshipRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """Requests this person sent or received."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(mentee=user) | Q(mentor=user))

    def pending(self):
        return self.filter(status=MentorshipRequest.Status.PENDING)


class MentorshipRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"
        RELEASED = "released", "Released (the mentee's board is full)"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="mentorship_requests")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_sent")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_received")
    help_wanted = models.TextField("What help I want")
    why_this_mentor = models.TextField("Why this mentor")
    proposed_cadence_days = models.PositiveSmallIntegerField("Meet every (days)", default=14)
    proposed_length_minutes = models.PositiveSmallIntegerField("Meeting length (minutes)", default=45)
    board_role = models.CharField(max_length=20, choices=BoardRole.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    thinking_since = models.DateTimeField(null=True, blank=True, help_text="The mentor said: let me think.")
    question = models.TextField(blank=True, help_text="The mentor's request for more information.")
    answer = models.TextField(blank=True, help_text="The mentee's answer to the question.")
    decline_message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MentorshipRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mentee", "mentor"],
                condition=Q(status="pending"),
                name="one_open_request_per_mentor",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="request_expiry")]

    def __str__(self):
        return f"{self.mentee} asks {self.mentor} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("matching:request_detail", args=[self.pk])


class MentorshipQuerySet(models.QuerySet):
    def for_user(self, user):
        """Mentorships this person is half of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(mentee=user) | Q(mentor=user))

    def current(self):
        """Pairs that count against capacity: proposed or active."""
        return self.filter(status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE])

    def active(self):
        return self.filter(status=Mentorship.Status.ACTIVE)


class Mentorship(models.Model):
    """The pair in a cohort, and its lifecycle."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed, awaiting confirmation"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        CONVERTED = "converted", "Continues informally"
        ENDED_EARLY = "ended_early", "Ended early"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="mentorships")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentee")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    board_role = models.CharField(max_length=20, choices=BoardRole.choices, blank=True)
    purpose = models.CharField(max_length=300, blank=True, help_text="What this mentor helps with.")
    request = models.OneToOneField(
        MentorshipRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentorship"
    )
    match_score = models.FloatField(null=True, blank=True)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    thank_you_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mentee", "mentor"],
                condition=Q(status__in=["proposed", "active"]),
                name="one_current_mentorship_per_pair",
            ),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="mentorship_two_people"),
        ]
        indexes = [models.Index(fields=["cohort", "status"], name="mentorship_cohort_status")]

    def __str__(self):
        return f"{self.mentor} mentors {self.mentee}"

    def get_absolute_url(self):
        return reverse("sessions:mentorship_detail", args=[self.pk])

    def other_side(self, user):
        return self.mentor if user.pk == self.mentee_id else self.mentee

    def is_mentor(self, user) -> bool:
        return user.pk == self.mentor_id
