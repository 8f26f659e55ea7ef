from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "borderdesk.apps.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from borderdesk.apps.accounts import signin_audit  # noqa: F401 (connects the sign-in signals)
