"""Support views of the sessions data. What the pair said (agendas, notes, goal texts) stays out of the lists,
and a note's body is not shown at all: support needs states and dates, not the conversation."""

from django.contrib import admin

from .models import Agreement, Goal, Meeting, Note


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["mentorship", "cadence_days", "length_minutes", "mentee_confirmed_at", "mentor_confirmed_at"]
    raw_id_fields = ["mentorship", "proposed_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["mentorship", "starts_at", "status", "agenda_prepared_at", "agenda_reviewed_at"]
    list_filter = ["status"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["mentorship", "scheduled_by"]
    exclude = ["objective"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["pk", "enrollment", "status", "target_date", "confirmed_at"]
    list_filter = ["status"]
    raw_id_fields = ["enrollment", "mentorship", "confirmed_by"]
    fields = ["enrollment", "mentorship", "status", "target_date", "achieved_at", "confirmed_at", "confirmed_by"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["pk", "mentorship", "author", "visibility", "created_at"]
    list_filter = ["visibility"]
    raw_id_fields = ["mentorship", "meeting", "author"]
    exclude = ["body"]
