"""Shared fixtures. Database tests run on SQLite, and on PostgreSQL when the test command sets
BORDERDESK_DATABASE_URL from BORDERDESK_TEST_POSTGRES."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Two shared cores under CI load: no per-example deadlines (timing is measured in benchmarks/, not here).
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def pytest_configure(config):
    _let_test_flush_pass_audit_triggers()


def _let_test_flush_pass_audit_triggers() -> None:
    """Transactional tests end with Django's flush, which the append-only triggers would refuse.

    Only here, in the test process, the flush lifts the triggers for its own duration and puts them back.
    """
    try:
        from django.core.management.commands import flush
    except ImportError:  # the pure core tests run without Django in some developer loops
        return
    from django.db import connections

    original = flush.Command.handle
    if getattr(original, "_lifts_audit_triggers", False):
        return

    def handle(self, **options):
        from borderdesk.apps.audit import triggers

        connection = connections[options.get("database") or "default"]
        triggers.remove(connection)
        try:
            return original(self, **options)
        finally:
            triggers.install(connection)

    handle._lifts_audit_triggers = True
    flush.Command.handle = handle


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Every test user's password is hashed at MD5's cost, not PBKDF2's million rounds (0.26 s each on a slow core,
    which was a third of the suite). Production keeps Django's PBKDF2, which a test in accounts proves; PBKDF2
    stays listed so that a hash made the slow way still verifies."""
    try:
        from django.test.utils import override_settings
    except ImportError:
        yield
        return
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not found at {SHARED_DATA}: these tests read ../shared/data in place")
    return SHARED_DATA
