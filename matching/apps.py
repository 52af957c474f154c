from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from mentoring.notifications import scanning

        from . import ladder, reminders

        scanning.register("request-reminders", reminders.due_request_reminders)
        scanning.register("request-ladder", ladder.due_request_nudges)
