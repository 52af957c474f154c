from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs and cohorts"

    def ready(self):
        from mentoring import kept
        from mentoring.accounts import second_factor
        from mentoring.home import panels
        from mentoring.notifications import scanning

        from . import privacy, scans
        from .models import Program
        from .selectors.home import home_panel
        from .selectors.programs import programs_of_person

        panels.register("programs", home_panel)
        kept.find_person_scopes(lambda user_id: [kept.program(pk) for pk in programs_of_person(user_id)])
        scanning.register_all(scans.FINDERS)
        privacy.register_all()
        second_factor.register(
            coordinates=lambda user: Program.objects.for_user(user).exists(),
            requires=lambda user: Program.objects.for_user(user).requiring_second_factor().exists(),
        )
