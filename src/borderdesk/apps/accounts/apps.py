from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "borderdesk.apps.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
