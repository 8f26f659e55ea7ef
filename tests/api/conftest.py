from tests.apps.conftest import make_user, port  # noqa: F401 (fixtures)
