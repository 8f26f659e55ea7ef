from django.contrib import admin

from borderdesk.apps.audit.admin import AuditedModelAdmin
from borderdesk.apps.posts.models import Booth, Post


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "country", "time_zone", "is_active"]
    list_filter = ["kind", "country", "is_active"]
    search_fields = ["code", "name"]
    inlines = [BoothInline]

    def has_delete_permission(self, request, obj=None):
        return False  # posts are deactivated, never deleted: the trail refers to them


@admin.register(Booth)
class BoothAdmin(AuditedModelAdmin):
    list_display = ["post", "code", "name", "direction", "lane", "is_active"]
    list_filter = ["post", "direction", "lane"]
