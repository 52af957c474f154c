from django.contrib import admin

from mentoring.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the actions themselves, and nobody edits or deletes it."""

    list_display = ("at", "actor_name", "action", "target_label", "program_id")
    list_filter = ("action",)
    search_fields = ("actor_name", "target_label")
    date_hierarchy = "at"
    list_select_related = ("target_type",)
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
