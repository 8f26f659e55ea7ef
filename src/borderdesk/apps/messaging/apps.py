from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "borderdesk.apps.messaging"
    label = "messaging"
    verbose_name = "Operations: messages and calls to a supervisor"
