from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "borderdesk.apps.inspection"
    label = "inspection"
    verbose_name = "Passport control"
