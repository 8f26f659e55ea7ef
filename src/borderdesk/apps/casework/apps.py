from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "borderdesk.apps.casework"
    label = "casework"
    verbose_name = "Casework: applications for visas and permits"
