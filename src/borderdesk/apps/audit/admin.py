from django.contrib import admin

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.services import record_change, snapshot

SECRET_FIELDS = {"password"}


def _admin_snapshot(obj) -> dict:
    fields = [f.name for f in obj._meta.concrete_fields + obj._meta.many_to_many if f.name not in SECRET_FIELDS]
    return snapshot(obj, fields)


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes go into the audit trail like every other change, with old and new values."""

    def save_model(self, request, obj, form, change):
        request._audit_old = _admin_snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        action = f"{obj._meta.label_lower}.{'update' if change else 'create'}"
        record_change(request.user, action, obj, old=getattr(request, "_audit_old", None), new=_admin_snapshot(obj))

    def delete_model(self, request, obj):
        record_change(request.user, f"{obj._meta.label_lower}.delete", obj, old=_admin_snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "occurred_at", "actor_username", "post_code", "object_type", "object_id"]
    list_filter = ["object_type"]
    search_fields = ["actor_username", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyEventAdmin):
    list_display = [*ReadOnlyEventAdmin.list_display, "action"]


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyEventAdmin):
    list_display = [*ReadOnlyEventAdmin.list_display, "purpose"]
