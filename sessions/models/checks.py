"""The early relationship check: in a pair's weeks 3 to 6, three questions to each side. Private to the side that
answers: the coordinator only learns that one side (or both) answered poorly, never which side or what."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from matching.models import Mentorship

from .closing import Side

CHECK_FROM_DAYS = 21  # weeks 3 to 6 of a pair
CHECK_UNTIL_DAYS = 42
POOR_FROM = 2  # an answer of 2 or less on a 1-5 scale is poor


class Scale(models.IntegerChoices):
    NOT_AT_ALL = 1, "1 - not at all"
    HARDLY = 2, "2"
    SOMEWHAT = 3, "3"
    MOSTLY = 4, "4"
    FULLY = 5, "5 - completely"


class RelationshipCheckQuerySet(models.QuerySet):
    def poor(self):
        return self.filter(
            Q(working__lte=POOR_FROM) | Q(meeting_as_agreed__lte=POOR_FROM) | Q(getting_what_i_came_for__lte=POOR_FROM)
        )


class RelationshipCheck(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="relationship_checks")
    side = models.CharField(max_length=6, choices=Side.choices)
    working = models.PositiveSmallIntegerField("Is this mentoring relationship working for you?", choices=Scale.choices)
    meeting_as_agreed = models.PositiveSmallIntegerField("Do you meet as you agreed?", choices=Scale.choices)
    getting_what_i_came_for = models.PositiveSmallIntegerField(
        "Are you getting what you came for?", choices=Scale.choices
    )
    answered_at = models.DateTimeField(default=timezone.now)

    objects = RelationshipCheckQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="relationship_check_once_per_side"),
            models.CheckConstraint(condition=Q(side__in=["mentee", "mentor"]), name="relationship_check_side"),
            models.CheckConstraint(
                condition=Q(
                    working__range=(1, 5), meeting_as_agreed__range=(1, 5), getting_what_i_came_for__range=(1, 5)
                ),
                name="relationship_check_scale_1_to_5",
            ),
        ]

    def __str__(self):
        return f"Relationship check of the {self.side} of mentorship {self.mentorship_id}"

    @property
    def is_poor(self) -> bool:
        return min(self.working, self.meeting_as_agreed, self.getting_what_i_came_for) <= POOR_FROM
