from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "mentoring.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default = True

    def ready(self):
        from . import signins  # noqa: F401  (connects the sign-in receiver)


class MentoringAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site of mentoring/accounts/admin_site.py."""

    default = False
    default_site = "mentoring.accounts.admin_site.MentoringAdminSite"
