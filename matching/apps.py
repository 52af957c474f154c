from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import ladder, reminders
        from .models import MentorshipRequest

        def requests_waiting(user) -> dict:
            return {"requests_waiting": MentorshipRequest.objects.filter(mentor=user).pending().count()}

        panels.register("requests", requests_waiting)

        scanning.register("request-reminders", reminders.due_request_reminders)
        scanning.register("request-ladder", ladder.due_request_nudges)
