from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentoring.accounts"
    label = "accounts"
    verbose_name = "Accounts"
