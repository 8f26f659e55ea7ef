"""Django admin permissions follow Borderdesk roles: administrators manage reference data there."""

from django.contrib.auth.backends import ModelBackend

from borderdesk.core.access import Perm

ADMIN_APPS = {"posts", "accounts"}
READ_ONLY_APPS = {"audit", "axes"}  # axes: failed sign-ins and lock-outs (unlock from Users)


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or not hasattr(user_obj, "can"):
            return False
        app_label, _, codename = perm.partition(".")
        if not user_obj.can(Perm.ADMIN_REFERENCE_MANAGE):
            return False
        if app_label in ADMIN_APPS:
            return True
        return app_label in READ_ONLY_APPS and codename.startswith("view_")

    def has_module_perms(self, user_obj, app_label):
        return (
            user_obj.is_active
            and hasattr(user_obj, "can")
            and user_obj.can(Perm.ADMIN_REFERENCE_MANAGE)
            and app_label in ADMIN_APPS | READ_ONLY_APPS
        )
