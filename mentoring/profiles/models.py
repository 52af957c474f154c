import zoneinfo
from functools import cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [("UTC", "UTC"), *[(z, z.replace("_", " ")) for z in zones]]


class JobLevel(models.IntegerChoices):
    ENTRY = 1, "Entry level"
    ASSOCIATE = 2, "Associate"
    MID = 3, "Mid-level"
    SENIOR = 4, "Senior"
    LEAD = 5, "Lead / manager"
    DIRECTOR = 6, "Director"
    EXECUTIVE = 7, "Executive"


class CareerTrack(models.TextChoices):
    ENGINEERING = "engineering", "Engineering"
    PRODUCT = "product", "Product management"
    DESIGN = "design", "Design"
    DATA = "data", "Data and analytics"
    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing"
    OPERATIONS = "operations", "Operations"
    FINANCE = "finance", "Finance"
    PEOPLE = "people", "People and HR"
    LEGAL = "legal", "Legal"
    CUSTOMER = "customer", "Customer success"
    RESEARCH = "research", "Research"
    LEADERSHIP = "leadership", "General management"


class Value(models.TextChoices):
    INTEGRITY = "integrity", "Integrity"
    CURIOSITY = "curiosity", "Curiosity"
    COLLABORATION = "collaboration", "Collaboration"
    AMBITION = "ambition", "Ambition"
    BALANCE = "balance", "Work-life balance"
    CREATIVITY = "creativity", "Creativity"
    SERVICE = "service", "Service to others"
    LEARNING = "learning", "Continuous learning"
    AUTONOMY = "autonomy", "Autonomy"
    INCLUSION = "inclusion", "Inclusion"
    EXCELLENCE = "excellence", "Excellence"
    IMPACT = "impact", "Impact"


class WorkStyle(models.TextChoices):
    STRUCTURED = "structured", "Structured: plans, agendas, clear next steps"
    FLEXIBLE = "flexible", "Flexible: open conversations, go where it leads"
    COLLABORATIVE = "collaborative", "Collaborative: think it through together"
    INDEPENDENT = "independent", "Independent: a few pointers, then I run with it"


class Language(models.TextChoices):
    EN = "en", "English"
    FR = "fr", "French"
    DE = "de", "German"
    ES = "es", "Spanish"
    PT = "pt", "Portuguese"
    IT = "it", "Italian"
    NL = "nl", "Dutch"
    PL = "pl", "Polish"
    AR = "ar", "Arabic"
    HI = "hi", "Hindi"
    ZH = "zh", "Chinese"
    JA = "ja", "Japanese"


class MeetingChannel(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"


class Skill(models.Model):
    """One entry of the skills taxonomy that mentors offer and mentees seek."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=60, blank=True)
    is_active = models.BooleanField(default=True, help_text="Inactive skills are no longer offered on profiles.")

    class Meta:
        ordering = ["category", "name"]

    def __str__(self):
        return self.name


class ProfileQuerySet(models.QuerySet):
    def for_user(self, user):
        """Profiles this person may look at: their own for now; later apps widen it to cohort-mates."""
        return self.filter(user=user)

    def with_skills(self):
        return self.select_related("user").prefetch_related("skills_offered", "sought_skills__skill")

    def complete(self):
        """The profiles with every part matching needs, the same as Profile.missing_parts asks for."""
        return (
            self.filter(job_level__isnull=False)
            .exclude(Q(headline="") | Q(bio="") | Q(organisation="") | Q(career_track="") | Q(work_style=""))
            .exclude(Q(languages=[]) | Q(meeting_channels=[]))
        )


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    headline = models.CharField(
        max_length=120, blank=True, help_text="One line, e.g. “Finance lead who loves untangling budgets”."
    )
    bio = models.TextField(blank=True, help_text="A few sentences about your work and what you are like to work with.")
    organisation = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=120, blank=True)
    job_level = models.PositiveSmallIntegerField(choices=JobLevel.choices, null=True, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    career_track = models.CharField(max_length=20, choices=CareerTrack.choices, blank=True)
    skills_offered = models.ManyToManyField(Skill, blank=True, related_name="offered_by")
    values = models.JSONField(default=list, blank=True)
    work_style = models.CharField(max_length=20, choices=WorkStyle.choices, blank=True)
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    meeting_channels = models.JSONField(default=list, blank=True)
    manager_email = models.EmailField(blank=True, help_text="Your line manager is never suggested as your mentor.")
    avoid_organisations = models.JSONField(default=list, blank=True)
    # Indexed: Find a mentor reads the latest change to any profile on every page (matching.selectors.suggestions).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ProfileQuerySet.as_manager()

    def __str__(self):
        return f"Profile of {self.user}"

    def get_absolute_url(self):
        return reverse("profiles:detail", args=[self.user_id])

    REQUIRED_PARTS = {
        "headline": "a headline",
        "bio": "a short bio",
        "organisation": "your organisation",
        "job_level": "your job level",
        "career_track": "your career track",
        "work_style": "your work style",
        "languages": "the languages you speak",
        "meeting_channels": "how you like to meet",
    }

    @property
    def missing_parts(self) -> list[str]:
        return [label for field, label in self.REQUIRED_PARTS.items() if not getattr(self, field)]

    @property
    def is_complete(self) -> bool:
        return not self.missing_parts

    @property
    def completeness(self) -> int:
        """Per cent of the required parts filled in."""
        total = len(self.REQUIRED_PARTS)
        return round(100 * (total - len(self.missing_parts)) / total)

    def get_values_display(self) -> list[str]:
        return [Value(v).label for v in self.values if v in Value.values]

    def get_languages_display(self) -> list[str]:
        return [Language(v).label for v in self.languages if v in Language.values]

    def get_meeting_channels_display(self) -> list[str]:
        return [MeetingChannel(v).label for v in self.meeting_channels if v in MeetingChannel.values]

    def ranked_sought_skills(self) -> list[Skill]:
        return [s.skill for s in sorted(self.sought_skills.all(), key=lambda s: s.rank)]


class SoughtSkill(models.Model):
    """A skill a person wants to develop, ranked by importance (1 = most important)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sought_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="sought_by")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["profile", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="sought_skill_once"),
            models.UniqueConstraint(fields=["profile", "rank"], name="sought_skill_rank_once"),
        ]

    def __str__(self):
        return f"{self.skill} (#{self.rank})"
