from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who did what: every coordinator and staff action, written by the action itself, never with private text."""

    name = "mentoring.audit"
    label = "audit"
    verbose_name = "Audit log"
