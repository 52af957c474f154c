"""The audit log: one row per coordinator or staff action, written in the same transaction as the change.

A row says who, when, what and on which object, and which non-confidential fields changed (old and new values).
It never holds what participants wrote (notes, agendas, plans, messages, report texts): `record` refuses them.
The program is kept as a plain id because the audit log lives below the programs app (mentoring <- programs).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Action(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    PROGRAM_CREATED = "program_created", "Created the program"
    PROGRAM_CHANGED = "program_changed", "Changed the program's settings"
    COHORT_CREATED = "cohort_created", "Created a cohort"
    COHORT_CHANGED = "cohort_changed", "Changed a cohort's settings"
    COORDINATOR_ADDED = "coordinator_added", "Added a coordinator"
    INVITED = "invited", "Invited people"
    INVITATION_RESENT = "invitation_resent", "Resent an invitation"
    INVITATION_REVOKED = "invitation_revoked", "Revoked an invitation"
    APPLICATIONS_DECIDED = "applications_decided", "Decided applications"
    ENROLMENT_WITHDRAWN = "enrolment_withdrawn", "Withdrew an enrolment"
    CAPACITY_CHANGED = "capacity_changed", "Changed a mentor's capacity"
    MATCHING_RUN = "matching_run", "Ran matching"
    MATCHING_DISCARDED = "matching_discarded", "Discarded a matching run"
    MATCHES_PUBLISHED = "matches_published", "Published matches"
    NUDGE_SENT = "nudge_sent", "Nudged a pair"
    EXPORTED = "exported", "Exported a list"
    PAIR_CONTENT_OPENED = "pair_content_opened", "Opened a pair's notes and agendas"
    PERSONAL_DATA_EXPORTED = "personal_data_exported", "Exported a person's data on request"
    ACCOUNT_ERASED = "account_erased", "Deleted a person's account on request"
    MENTOR_PAUSED = "mentor_paused", "Paused a mentor after a report"
    PAIR_ENDED = "pair_ended", "Ended a pair after a report"
    REPORT_CLOSED = "report_closed", "Closed a safety report"
    RESOURCE_PUBLISHED = "resource_published", "Published a resource"
    RESOURCE_REMOVED = "resource_removed", "Removed a resource"


# Field names whose values are participants' own words: never copied into a row, whoever the caller is.
CONFIDENTIAL_FIELDS = frozenset(
    {
        "body",
        "text",
        "comment",
        "plan",
        "message",
        "note",
        "notes",
        "objective",
        "question",
        "answer",
        "end_reason",
        "thank_you_note",
        "bio",
        "details",
        "description",
        "what_helped",
    }
)


class AuditEntryQuerySet(models.QuerySet):
    def of_program(self, program_id: int, coordinator_ids: list[int]) -> "AuditEntryQuerySet":
        """What a program's coordinators may read: its own rows, and the sign-ins of its coordinators."""
        return self.filter(Q(program_id=program_id) | Q(action=Action.SIGNED_IN, actor_id__in=coordinator_ids))

    def about(self, obj) -> "AuditEntryQuerySet":
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, help_text="The actor's name when they acted.")
    action = models.CharField(max_length=32, choices=Action.choices)
    program_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=200, blank=True, help_text="What the action was on, as named then.")
    changes = models.JSONField(default=dict, blank=True, help_text="Changed fields: {field: [old, new]}.")
    reason = models.CharField(
        max_length=300, blank=True, help_text="The coordinator's own reason, where the action asks for one."
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit log"
        indexes = [
            models.Index(fields=["program_id", "-at"], name="audit_program_at"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["actor", "action"], name="audit_actor_action"),
        ]

    def __str__(self):
        return f"{self.actor_name}: {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def is_pair_access(self) -> bool:
        return self.action == Action.PAIR_CONTENT_OPENED
