from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentoring.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from anymail.signals import tracking

        from . import bounces, digest, scanning

        scanning.register("daily-digest", digest.due_digests)
        tracking.connect(bounces.on_tracking_event, dispatch_uid="notifications-bounces")
