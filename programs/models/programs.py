"""Programs: the rules their cohorts inherit, and who coordinates them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class MatchingMode(models.TextChoices):
    MENTEE_CHOICE = "mentee_choice", "Mentees choose their mentors"
    COORDINATOR = "coordinator", "Coordinator matches (bulk matching)"
    HYBRID = "hybrid", "Hybrid: mentees choose, coordinator fills the gaps"


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

    def requiring_second_factor(self):
        """Programs whose coordinators must sign in with a second factor: all when the site says so, else those
        that ask for it."""
        return self if settings.MFA_REQUIRED_FOR_COORDINATORS else self.filter(require_mfa=True)


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
    require_mfa = models.BooleanField(
        "require a second factor",
        default=False,
        help_text="Coordinators of this program must sign in with an authenticator app or a security key.",
    )
    audited_access = models.BooleanField(
        "Audited access to pairs' notes and agendas",
        default=False,
        help_text=(
            "Coordinators may open a pair's shared notes and agendas after giving a reason; each opening is recorded "
            "in the audit log and shown to the pair. Private notes are never shown."
        ),
    )
    exclude_management_chain = models.BooleanField(
        "Keep mentees away from their management chain",
        default=False,
        help_text="Never pair a mentee with their manager's manager or anyone above (their own line manager never is).",
    )
    exclude_peers = models.BooleanField(
        "Keep peers apart", default=False, help_text="Never pair two people who report to the same manager."
    )
    applications_open = models.BooleanField(
        "Take applications", default=False, help_text="People may apply through the program's join page."
    )
    application_domains = models.JSONField(
        default=list, blank=True, help_text="E-mail domains that may apply; empty means anyone with an account."
    )
    # When the questions, rules, answers or reporting lines that matching reads last changed (its caches key on it).
    relationship_check = models.BooleanField(
        "Early relationship check",
        default=True,
        help_text="In a pair's weeks 3 to 6, three short private questions to each side; a poor answer flags the "
        "pair on the cohort's health page, never saying who or what.",
    )
    matching_changed_at = models.DateTimeField(default=timezone.now, editable=False)
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

    def admits(self, email: str) -> bool:
        """Whether an address may apply: any, or one at a listed domain (or a subdomain of one)."""
        if not self.application_domains:
            return True
        domain = email.rpartition("@")[2].lower()
        return any(domain == d or domain.endswith(f".{d}") for d in self.application_domains)

    def matching_changed(self) -> None:
        """Say that what matching reads from this program changed, so cached mentor pools are built again."""
        Program.objects.filter(pk=self.pk).update(matching_changed_at=timezone.now())
