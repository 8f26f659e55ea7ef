from django.contrib import admin

from borderdesk.apps.watchlists.models import ListVersion, WatchList


class ReadOnly(admin.ModelAdmin):
    """Lists change only by importing a file (Watchlists page or `borderdesk watchlist import`), audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WatchList)
class WatchListAdmin(ReadOnly):
    list_display = ["name", "hit_threshold", "possible_threshold", "created_at"]


@admin.register(ListVersion)
class ListVersionAdmin(ReadOnly):
    list_display = [
        "watchlist",
        "number",
        "source_format",
        "source_name",
        "entry_count",
        "imported_at",
        "imported_by",
        "is_current",
    ]
    list_filter = ["watchlist", "is_current"]
