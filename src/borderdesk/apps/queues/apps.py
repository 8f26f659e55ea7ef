from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "borderdesk.apps.queues"
    label = "queues"
    verbose_name = "Operations: passport-control queues and the duty manager's dashboard"
