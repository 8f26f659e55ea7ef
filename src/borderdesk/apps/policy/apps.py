from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "borderdesk.apps.policy"
    label = "policy"
    verbose_name = "Entry policy and rule packs"
