from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "mentoring.profiles"
    label = "profiles"
    verbose_name = "Profiles and skills"

    def ready(self):
        from . import signals  # noqa: F401
