from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "borderdesk.apps.incidents"
    label = "incidents"
    verbose_name = "Patrols: incidents, the people met and the items seized"
