from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentoring.web import pk_url
from programs.models import Cohort, MatchingMode

# The matching modes in which coordinators match a cohort in bulk.
BULK_MODES = (MatchingMode.COORDINATOR, MatchingMode.HYBRID)


def choice_is(field: str, value: str) -> property:
    """A property saying whether the row's `field` holds `value`: templates ask it, never compare strings."""
    return property(lambda self: getattr(self, field) == value, doc=f"Whether {field} is '{value}'.")


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
    questions_asked = models.PositiveSmallIntegerField(
        default=0, help_text="How many questions the mentor has asked: numbers each question and its answer."
    )
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
        return pk_url("matching:request_detail", self.pk)

    is_pending = choice_is("status", Status.PENDING)
    is_accepted = choice_is("status", Status.ACCEPTED)
    is_declined = choice_is("status", Status.DECLINED)


class MentorshipQuerySet(models.QuerySet):
    def for_user(self, user):
        """Mentorships this person is half of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(mentee=user) | Q(mentor=user))

    def current(self):
        """Pairs that count against capacity and make up a mentee's board: proposed or active."""
        return self.filter(status__in=Mentorship.CURRENT)

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

    CURRENT = (Status.PROPOSED, Status.ACTIVE)

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
        indexes = [
            models.Index(fields=["cohort", "status"], name="mentorship_cohort_status"),
            # The minute scan's relationship check reads the active pairs that started in a given span.
            models.Index(fields=["started_at"], name="mentorship_active_started", condition=Q(status="active")),
        ]

    def __str__(self):
        return f"{self.mentor} mentors {self.mentee}"

    def get_absolute_url(self):
        return pk_url("sessions:mentorship_detail", self.pk)

    is_proposed = choice_is("status", Status.PROPOSED)
    is_active = choice_is("status", Status.ACTIVE)
    is_completed = choice_is("status", Status.COMPLETED)
    is_converted = choice_is("status", Status.CONVERTED)
    is_ended_early = choice_is("status", Status.ENDED_EARLY)

    def other_side(self, user):
        return self.mentor if user.pk == self.mentee_id else self.mentee

    def is_mentor(self, user) -> bool:
        return user.pk == self.mentor_id


class MatchRunQuerySet(models.QuerySet):
    def for_coordinator(self, user):
        """Runs of cohorts whose program this person coordinates."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__program__coordinators=user)

    def drafts(self):
        return self.filter(status=MatchRun.Status.DRAFT)


class MatchRun(models.Model):
    """A coordinator's bulk-matching proposal for a cohort: edited as a draft, then published as mentorships."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="match_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    solved_at = models.DateTimeField(null=True, blank=True)
    min_score = models.FloatField(default=0.0, help_text="No pair scoring below this is proposed (0 to 1).")
    avoid_past_mentors = models.BooleanField(
        default=True, help_text="Never propose a mentor the mentee has been paired with before."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort"], condition=Q(status="draft"), name="one_draft_run_per_cohort"),
            models.CheckConstraint(condition=Q(min_score__gte=0, min_score__lte=1), name="run_min_score_0_to_1"),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False) | ~Q(status="published"),
                name="published_run_has_date",
            ),
        ]

    def __str__(self):
        return f"Match run {self.pk} for {self.cohort} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("matching:run_detail", args=[self.pk])

    is_draft = choice_is("status", Status.DRAFT)
    is_published = choice_is("status", Status.PUBLISHED)


class ProposedPair(models.Model):
    """One mentee–mentor pair of a run, with its score explained criterion by criterion."""

    class Source(models.TextChoices):
        SOLVER = "solver", "Proposed by the solver"
        SWAP = "swap", "Swapped by the coordinator"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    contributions = models.JSONField(default=dict, blank=True, help_text="{criterion: weighted contribution}")
    reasons = models.JSONField(default=list, blank=True)
    locked = models.BooleanField(default=False, help_text="Kept as it is when the run is solved again.")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SOLVER)
    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposed_pair"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            # One mentor per mentee per round.
            models.UniqueConstraint(fields=["run", "mentee"], name="one_pair_per_mentee_per_run"),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="proposed_pair_two_people"),
        ]

    def __str__(self):
        return f"{self.mentor} for {self.mentee} ({self.score:.2f})"

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    is_swapped = choice_is("source", Source.SWAP)


class BannedPair(models.Model):
    """The coordinator said: never pair these two in this run."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="bans")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee", "mentor"], name="ban_once_per_run"),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="banned_pair_two_people"),
        ]

    def __str__(self):
        return f"Never {self.mentor} for {self.mentee}"


class UnmatchedMentee(models.Model):
    """A mentee the run left without a mentor, and the constraint that bound."""

    class Reason(models.TextChoices):
        NO_CAPACITY = "no_capacity", "No compatible mentor has capacity left"
        ALL_EXCLUDED = "all_excluded", "Every mentor is excluded for this mentee"
        BELOW_MIN_SCORE = "below_min_score", "No mentor scores above the minimum"
        NO_MENTORS = "no_mentors", "The cohort has no mentor with capacity"
        DROPPED = "dropped", "Held out by the coordinator"
        AWAITING_RERUN = "rerun", "Re-run to find another mentor"
        CHANGED = "changed", "The pair no longer fitted when the run was published"
        OTHER = "other", "Other"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["reason", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="unmatched_once_per_run")]

    def __str__(self):
        return f"{self.mentee} unmatched: {self.get_reason_display()}"

    is_dropped = choice_is("reason", Reason.DROPPED)  # held out of the run by the coordinator, until put back


class MentorOfferQuerySet(models.QuerySet):
    def for_user(self, user):
        """Offers this person made or received."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(mentee=user) | Q(mentor=user))

    def pending(self):
        return self.filter(status=MentorOffer.Status.PENDING)


class MentorOffer(models.Model):
    """A mentor with free seats offers to mentor a mentee of the cohort: the mirror of a request."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="mentor_offers")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers_made")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers_received")
    message = models.TextField("Why I offer", max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    question = models.TextField(blank=True, help_text="The mentee's question about the offer.")
    answer = models.TextField(blank=True, help_text="The mentor's answer.")
    questions_asked = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MentorOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mentee", "mentor"], condition=Q(status="pending"), name="one_open_offer_per_pair"
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="offer_expiry")]

    def __str__(self):
        return f"{self.mentor} offers to mentor {self.mentee} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("matching:offer_detail", args=[self.pk])

    is_pending = choice_is("status", Status.PENDING)
    is_accepted = choice_is("status", Status.ACCEPTED)
