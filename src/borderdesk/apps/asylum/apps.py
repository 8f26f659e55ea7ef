from django.apps import AppConfig


class AsylumConfig(AppConfig):
    name = "borderdesk.apps.asylum"
    label = "asylum"
    verbose_name = "Asylum: protection claims"
