from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "borderdesk.apps.briefings"
    label = "briefings"
    verbose_name = "Operations: briefings officers acknowledge"
