"""A cohort's surveys: questions of the program-question kinds (plus a 0-10 recommendation score), who answers
them and when, and each person's ask.

A SurveyAsk is one person asked once about one occasion (the whole survey, a pair's first meeting, one held
meeting); it keeps that person's answers. Coordinators only ever see aggregates of at least MIN_ANSWERS answers
(programs.selectors.surveys): never a row, never who said what.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from programs.kinds import SCORE, QuestionKind

from .cohorts import Cohort
from .enrollments import Role
from .questions import Audience, QuestionBase

MIN_ANSWERS = 3  # results show from this many answers, so that no answer can be traced to a person
REMINDER_DAYS = 4  # an ask still open this many days later gets one reminder
SURVEY_KINDS = [*QuestionKind.choices, (SCORE, "Recommendation score, 0 to 10")]
RECOMMENDATION_TEXT = "How likely are you to recommend this program to a colleague?"

# Every cohort's close-out survey, answered by each side of a pair on its closing page (once per pair: its ask's
# occasion is "mentorship:<pk>"). The data migration programs/0011 writes the same words: keep them in step.
CLOSING_TITLE = "Close-out survey"
CLOSING_RATING_TEXT = "How well did the match work?"
CLOSING_RATING_HELP = "1 = not at all, 5 = very well."
CLOSING_HELPED_TEXT = "What helped most?"
CLOSING_HELPED_CHOICES = (
    "Regular time set aside to think about my work",
    "Advice on specific situations",
    "Honest feedback",
    "Setting and tracking goals",
    "Introductions and a wider network",
    "Encouragement and confidence",
    "A different perspective",
)


class Trigger(models.TextChoices):
    FIRST_MEETING = "first_meeting", "After a pair's first meeting"
    TIMELINE = "timeline", "On a date of the cohort's timeline"
    CLOSE_OUT = "close_out", "At close-out (when the cohort's closing days begin)"
    EACH_MEETING = "each_meeting", "After each held meeting"


class SurveyQuerySet(models.QuerySet):
    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__program__coordinators=user)

    def closing(self):
        return self.filter(is_closing=True)

    def asked_by_the_scan(self):
        """The close-out survey is asked on each pair's closing page, not by the scan."""
        return self.filter(is_closing=False)


class Survey(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=120)
    intro = models.TextField("Introduction", blank=True, max_length=1000)
    audience = models.CharField("Who answers", max_length=10, choices=Audience.choices, default=Audience.BOTH)
    trigger = models.CharField("When", max_length=16, choices=Trigger.choices, default=Trigger.TIMELINE)
    send_on = models.DateField("Date", null=True, blank=True, help_text="For a survey on a date of the timeline.")
    is_closing = models.BooleanField(
        "Close-out survey of the pairs",
        default=False,
        help_text="The cohort's own close-out survey: each side of each pair answers it on the pair's closing page.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trigger="timeline", send_on__isnull=False) | (~Q(trigger="timeline") & Q(send_on=None)),
                name="survey_date_only_on_timeline",
            ),
            models.UniqueConstraint(fields=["cohort"], condition=Q(is_closing=True), name="survey_one_closing"),
            models.CheckConstraint(
                condition=Q(is_closing=False) | Q(trigger="close_out"), name="survey_closing_at_close_out"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.trigger == Trigger.TIMELINE:
            cohort = self.cohort
            if self.send_on is None:
                raise ValidationError({"send_on": "Pick the date the survey goes out."})
            if not cohort.starts_on <= self.send_on <= cohort.ends_on:
                raise ValidationError(
                    {
                        "send_on": f"Pick a date inside the cohort, between {cohort.starts_on:%d %b %Y} and "
                        f"{cohort.ends_on:%d %b %Y}."
                    }
                )
        else:
            self.send_on = None

    def asks_role(self, role: str) -> bool:
        return self.audience in Audience.asking(role)

    @property
    def roles(self) -> list[str]:
        return [role for role in Role.values if self.asks_role(role)]

    @property
    def when(self) -> str:
        if self.is_closing:
            return "At close-out, on each pair's closing page"
        if self.trigger == Trigger.TIMELINE and self.send_on:
            return f"On {self.send_on:%d %b %Y}"
        return self.get_trigger_display()


class SurveyQuestion(QuestionBase):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=12, choices=SURVEY_KINDS)

    class Meta:
        ordering = ["survey", "order", "pk"]

    @property
    def is_score(self) -> bool:
        return self.kind == SCORE


def closing_questions(survey: Survey | None = None) -> list[SurveyQuestion]:
    """The questions every close-out survey starts with, unsaved."""
    choices = [{"id": i, "label": label} for i, label in enumerate(CLOSING_HELPED_CHOICES, start=1)]
    return [
        SurveyQuestion(survey=survey, kind=QuestionKind.SCALE, text=CLOSING_RATING_TEXT, help_text=CLOSING_RATING_HELP,
                       required=True, order=1),
        SurveyQuestion(survey=survey, kind=QuestionKind.SINGLE, text=CLOSING_HELPED_TEXT, choices=choices,
                       required=True, order=2),
    ]  # fmt: skip


class SurveyAskQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own asks: nobody else's answers are ever reachable."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def open(self):
        return self.filter(answered_at__isnull=True)

    def answered(self):
        return self.filter(answered_at__isnull=False)


class SurveyAsk(models.Model):
    """One person asked one survey once about one occasion ("" for the survey itself, "mentorship:<pk>" after a
    pair's first meeting, "meeting:<pk>" after a held meeting), and their answers once they gave them."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="asks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_asks")
    occasion = models.CharField(max_length=40, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # str(question pk) -> stored value, as programs.kinds

    objects = SurveyAskQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user", "occasion"], name="survey_ask_once"),
        ]
        indexes = [models.Index(fields=["answered_at", "reminded_at", "asked_at"], name="survey_ask_open")]

    def __str__(self):
        return f"Survey ask #{self.pk}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
