from django.apps import AppConfig
from django.db.models.signals import pre_save


class CommonConfig(AppConfig):
    name = "borderdesk.apps.common"
    label = "common"

    def ready(self) -> None:
        from borderdesk.apps.common.field_limits import check_fields

        pre_save.connect(check_fields, dispatch_uid="borderdesk.common.check_fields")
