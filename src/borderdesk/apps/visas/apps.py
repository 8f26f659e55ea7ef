from django.apps import AppConfig


class VisasConfig(AppConfig):
    name = "borderdesk.apps.visas"
    label = "visas"
    verbose_name = "Visas and travel authorisations"
