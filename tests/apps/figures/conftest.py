from tests.apps.inspection.conftest import exit_booth, exit_session, senior, session  # noqa: F401
