from django.contrib import admin

from borderdesk.apps.policy.models import PackVersion, VisaMatrixVersion


@admin.register(PackVersion)
class PackVersionAdmin(admin.ModelAdmin):
    """Read-only: versions change only through the authoring workflow (services), which audits every step."""

    list_display = ("pack_id", "number", "label", "status", "effective_from", "authored_by", "reviewed_by")
    list_filter = ("pack_id", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VisaMatrixVersion)
class VisaMatrixVersionAdmin(admin.ModelAdmin):
    list_display = ("pk", "source_name", "row_count", "is_current", "imported_at", "imported_by")
    exclude = ("content",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
