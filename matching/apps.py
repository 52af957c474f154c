from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import privacy, scans
        from .selectors.home import home_panel

        panels.register("matching", home_panel)
        scanning.register_all(scans.FINDERS)
        privacy.register_all()
