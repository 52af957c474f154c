from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from mentoring.notifications import scanning

        from . import reminders

        scanning.register("request-reminders", reminders.due_request_reminders)
