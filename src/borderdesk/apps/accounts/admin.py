from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from borderdesk.apps.accounts.models import RoleGrant, User
from borderdesk.apps.audit.admin import AuditedModelAdmin


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "all_posts"]
    list_filter = ["is_active", "all_posts", "role_grants__role"]
    inlines = [RoleGrantInline]
    filter_horizontal = ["posts"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Where they work", {"fields": ("posts", "all_posts", "current_post")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def has_delete_permission(self, request, obj=None):
        return False  # users are deactivated, never deleted: the trail refers to them
