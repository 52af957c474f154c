from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs and cohorts"

    def ready(self):
        from mentoring.notifications import scanning

        from . import scans

        scanning.register_all(scans.FINDERS)
