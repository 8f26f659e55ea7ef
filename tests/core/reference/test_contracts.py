"""The import contracts of pyproject.toml hold: the cores are plain Python and independent of each other."""

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).parents[3] / "pyproject.toml"


def test_the_cores_are_independent_except_through_the_reference_core():
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    independence = next(contract for contract in contracts if contract["type"] == "independence")
    assert "borderdesk.core.reference" not in independence["modules"]
    assert {"borderdesk.core.documents", "borderdesk.core.rules", "borderdesk.core.screening"} <= set(
        independence["modules"]
    )


def test_every_import_contract_is_kept():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0
