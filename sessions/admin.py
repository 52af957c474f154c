"""Support views of the sessions data: states and dates, never what the pair wrote (see mentoring/admin.py)."""

from django.contrib import admin

from mentoring.admin import SupportAdmin

from .models import Agreement, Goal, Meeting, Note


@admin.register(Agreement)
class AgreementAdmin(SupportAdmin):
    confidential = ["mentee_expects", "mentor_expects", "confidentiality", "proposal", "meeting_place"]
    list_display = ["mentorship", "cadence_days", "length_minutes", "mentee_confirmed_at", "mentor_confirmed_at"]
    raw_id_fields = ["mentorship", "proposed_by"]


@admin.register(Meeting)
class MeetingAdmin(SupportAdmin):
    confidential = ["objective", "location", "cancel_reason"]
    list_display = ["mentorship", "starts_at", "status", "agenda_prepared_at", "agenda_reviewed_at"]
    list_filter = ["status"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["mentorship", "scheduled_by"]


@admin.register(Goal)
class GoalAdmin(SupportAdmin):
    confidential = ["title", "specific", "measure", "unit", "relevance"]
    named_by_text = True
    list_display = ["pk", "enrollment", "status", "target_date", "confirmed_at"]
    list_filter = ["status"]
    raw_id_fields = ["enrollment", "mentorship", "confirmed_by"]
    fields = ["enrollment", "mentorship", "status", "target_date", "achieved_at", "confirmed_at", "confirmed_by"]


@admin.register(Note)
class NoteAdmin(SupportAdmin):
    confidential = ["body"]
    list_display = ["pk", "mentorship", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    raw_id_fields = ["mentorship", "meeting", "author"]
