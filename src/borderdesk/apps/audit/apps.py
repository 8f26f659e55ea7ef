from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "borderdesk.apps.audit"
    label = "audit"
    verbose_name = "Audit trail"
