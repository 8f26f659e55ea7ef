from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

from borderdesk.apps.accounts import lockout, second_factor, services
from borderdesk.apps.accounts.models import RoleGrant, User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import BorderdeskError, PermissionDenied
from borderdesk.core.audit.actions import AuditAction

# On their own account an administrator sees these but cannot change them (another administrator can).
OWN_ACCOUNT_READ_ONLY = ["posts", "all_posts", "current_post", "is_active"]


def _is_own_account(request, obj) -> bool:
    return obj is not None and obj.pk == request.user.pk


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1

    def has_add_permission(self, request, obj=None):
        return not _is_own_account(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_own_account(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_own_account(request, obj) and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users, their roles and posts. Every change goes to the audit trail with the roles, posts and scope before
    and after; nobody changes their own."""

    list_display = ["username", "first_name", "last_name", "is_active", "all_posts", "roles_held"]
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
    actions = ["unlock_sign_in", "reset_second_factor"]

    @admin.display(description="roles")
    def roles_held(self, obj):
        return ", ".join(sorted(grant.role for grant in obj.role_grants.all())) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_grants")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + OWN_ACCOUNT_READ_ONLY if _is_own_account(request, obj) else fields

    def has_delete_permission(self, request, obj=None):
        return False  # users are deactivated, never deleted: the trail refers to them

    def save_model(self, request, obj, form, change):
        request._account_before = services.account_snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        try:
            granted = services.record_account_change(request.user, form.instance, request._account_before)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc  # 403; the admin's transaction rolls back
        if granted:
            messages.warning(
                request,
                f"{form.instance.username} now holds {', '.join(granted)}: recorded in the "
                "audit trail as a privileged grant.",
            )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the form was valid and the password set
            user = User.objects.get(pk=id)
            record_change(request.user, AuditAction.ACCOUNTS_USER_SET_PASSWORD, user, new={"username": user.username})
        return response

    @admin.action(description="Unlock sign-in (clear failed attempts)")
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            cleared = lockout.unlock(request.user, user.username)
            messages.info(request, f"{user.username}: {cleared} failed sign-in(s) cleared.")

    @admin.action(description="Reset second factor (the user enrols again at the next sign-in)")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            try:
                second_factor.reset(request.user, user)
                messages.info(request, f"{user.username}: second factor removed; they enrol again.")
            except BorderdeskError as exc:
                messages.error(request, f"{user.username}: {exc.message}")
