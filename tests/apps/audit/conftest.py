import pytest


@pytest.fixture
def audit_keys(settings, tmp_path):
    """This test's own signing key and checkpoint directory (never the developer's var/)."""
    settings.BORDERDESK_AUDIT_SIGNING_KEY = ""
    settings.DATA_DIR = tmp_path / "data"
    settings.BORDERDESK_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return tmp_path
