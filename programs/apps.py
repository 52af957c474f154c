from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs and cohorts"

    def ready(self):
        from mentoring.accounts import second_factor
        from mentoring.notifications import scanning

        from . import privacy, scans
        from .models import Program

        scanning.register_all(scans.FINDERS)
        privacy.register_all()
        second_factor.register(
            coordinates=lambda user: Program.objects.for_user(user).exists(),
            requires=lambda user: Program.objects.for_user(user).requiring_second_factor().exists(),
        )
