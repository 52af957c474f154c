from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: health, heartbeats, metrics, logging, mail plumbing and backups."""

    name = "mentoring.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
