from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "borderdesk.apps.people"
    label = "people"
    verbose_name = "People: search and the person record"
