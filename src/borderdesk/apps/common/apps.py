from django.apps import AppConfig
from django.db.models import QuerySet
from django.db.models.signals import pre_save


class CommonConfig(AppConfig):
    name = "borderdesk.apps.common"
    label = "common"

    def ready(self) -> None:
        from borderdesk.apps.common.field_limits import check_fields, checking_bulk_create

        pre_save.connect(check_fields, dispatch_uid="borderdesk.common.check_fields")
        # bulk_create (imports, screenings, the audit trail) skips pre_save: it gets the same checks.
        if not getattr(QuerySet.bulk_create, "checks_fields", False):
            QuerySet.bulk_create = checking_bulk_create(QuerySet.bulk_create)
