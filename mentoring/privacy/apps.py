from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data: a person's download and the deletion of their account (see services.py)."""

    name = "mentoring.privacy"
    label = "privacy"
    verbose_name = "Personal data"

    def ready(self):
        from . import sections

        sections.register_all()
