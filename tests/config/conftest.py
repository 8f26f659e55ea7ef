"""The users and clients of the app tests, for the tests of the project-wide configuration."""

from tests.apps.conftest import admin_user, auditor, client_for, make_user, officer, other_port, port  # noqa: F401
