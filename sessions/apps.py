from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; ours must differ.
    label = "mentoring_sessions"
    verbose_name = "Meetings, agendas and goals"

    def ready(self):
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import freshness, privacy, scans
        from .selectors import safety
        from .selectors.home import home_panel

        panels.register("mentoring", home_panel)
        panels.register("safety", safety.home_panel)
        scanning.register_all(scans.FINDERS, windowed=scans.WINDOWED)
        privacy.register_all()
        freshness.connect()
