"""Schemathesis: requests generated from the OpenAPI document, for every operation, never get a 5xx, and the
answers the document describes match it. Bounded (a few examples per operation); derandomized under CI."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.core.access.permissions import Role

EXAMPLES_PER_OPERATION = int(os.environ.get("BORDERDESK_SCHEMATHESIS_EXAMPLES", "15"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """Requests go through the real WSGI handler, which closes the database connection after each one; as
    Django's own test client does, keep it open, or the test's transaction (and PostgreSQL's) would be lost."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(make_user, port):
    """A machine token whose user holds every role at the test post, so every operation may be called."""
    user = make_user("everything", *[role.value for role in Role], posts=[port.code], all_posts=True)
    admin = make_user("issuer", Role.ADMINISTRATOR.value, all_posts=True)
    _, secret = issue_token(admin, user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db(transaction=True)  # the services' transactions are the outermost, as when the app runs
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error, response_schema_conformance])
