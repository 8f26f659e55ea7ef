from django.contrib import admin

from borderdesk.apps.travel_documents.models import RegisterVersion


@admin.register(RegisterVersion)
class RegisterVersionAdmin(admin.ModelAdmin):
    """Read-only: the register changes only by importing a file (Lost and stolen page or the command line)."""

    list_display = ["pk", "imported_at", "imported_by", "source_name", "entry_count", "is_current"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
