from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    name = "borderdesk.apps.patrols"
    label = "patrols"
    verbose_name = "Patrols: sectors, units, patrols and their tracks"
