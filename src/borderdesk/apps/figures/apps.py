from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "borderdesk.apps.figures"
    label = "figures"
    verbose_name = "Operations: figures per day and month, CSV exports"
