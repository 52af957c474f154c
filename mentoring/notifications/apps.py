from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentoring.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from . import digest, scanning

        scanning.register("daily-digest", digest.due_digests)
