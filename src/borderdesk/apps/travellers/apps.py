from django.apps import AppConfig


class TravellersConfig(AppConfig):
    name = "borderdesk.apps.travellers"
    label = "travellers"
    verbose_name = "Travellers, crossings and stays"
