"""The end of a program: each side's private answer and thank-you notes (the close-out survey is the cohort's
close-out Survey, programs.models.surveys)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from matching.models import Mentorship


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
        CONTINUE = "continue", "Continue informally"
        KEEP_IN_TOUCH = "keep_in_touch", "Be contacted now and then"
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
        return f"Closing answer of the {self.side} of mentorship {self.mentorship_id}"


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
