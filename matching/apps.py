from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import privacy, scans
        from .models import MentorshipRequest

        def requests_waiting(user) -> dict:
            return {"requests_waiting": MentorshipRequest.objects.filter(mentor=user).pending().count()}

        panels.register("requests", requests_waiting)
        scanning.register_all(scans.FINDERS)
        privacy.register_all()
