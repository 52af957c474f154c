from django.contrib import admin

from mentoring.admin import SupportAdmin

from .models import Notification, NotificationSettings


@admin.register(Notification)
class NotificationAdmin(SupportAdmin):
    """Whether and when a notification was read and e-mailed; its title, body and calendar invitation carry agendas,
    places and thank-you notes."""

    confidential = ["title", "body", "calendar"]
    named_by_text = True
    list_display = ["pk", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email", "dedupe_key"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(SupportAdmin):
    list_display = ["user"]
    raw_id_fields = ["user"]
