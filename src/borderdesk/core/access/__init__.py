"""Roles and typed permissions (``scope:resource:action``), and the rule that decides whether one is granted.

Plain Python: the accounts app stores who holds which role at which posts; this module says what that allows.
"""

from borderdesk.core.access.permissions import (
    POST_SCOPED,
    ROLE_PERMISSIONS,
    Perm,
    Role,
    allows,
    permissions_of,
    roles_granting,
)

__all__ = ["POST_SCOPED", "ROLE_PERMISSIONS", "Perm", "Role", "allows", "permissions_of", "roles_granting"]
