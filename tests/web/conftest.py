from tests.apps.conftest import client_for, make_user, port  # noqa: F401 (fixtures)
