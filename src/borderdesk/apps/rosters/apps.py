from django.apps import AppConfig


class RostersConfig(AppConfig):
    name = "borderdesk.apps.rosters"
    label = "rosters"
    verbose_name = "Operations: 24/7 rosters, shifts, leave and swaps"
