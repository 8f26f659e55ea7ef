from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "borderdesk.apps.partners"
    label = "partners"
    verbose_name = "Partner agencies: referrals, hand-overs and alerts"
