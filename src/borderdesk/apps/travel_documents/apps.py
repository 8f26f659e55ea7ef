from django.apps import AppConfig


class TravelDocumentsConfig(AppConfig):
    name = "borderdesk.apps.travel_documents"
    label = "travel_documents"
    verbose_name = "Travel documents"
