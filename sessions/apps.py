from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; ours must differ.
    label = "mentoring_sessions"
    verbose_name = "Meetings, agendas and goals"

    def ready(self):
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import reminders
        from .selectors.home import home_panel

        panels.register("mentoring", home_panel)

        for name, finder in reminders.FINDERS.items():
            scanning.register(name, finder)

        from . import conversion_scan

        scanning.register("conversion-prompts", conversion_scan.due_closing_prompts)
        scanning.register("conversion-last-calls", conversion_scan.due_last_calls)
        scanning.register("program-closeouts", conversion_scan.due_closings)
