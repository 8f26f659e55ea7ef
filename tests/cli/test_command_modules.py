"""How `borderdesk` loads its command modules: one that cannot be imported stops the command with a message that
names the module and the error, instead of its commands silently going missing."""

import subprocess
import sys
import textwrap

import pytest

from borderdesk.cli import COMMAND_MODULES, BrokenCommandModule, import_command_modules

EX_SOFTWARE = 70


def test_every_command_module_imports_and_registers():
    modules = import_command_modules()
    assert [module.__name__ for module in modules] == [f"borderdesk.cli.{name}" for name in COMMAND_MODULES]
    assert all(callable(module.register) for module in modules)


def test_a_missing_command_module_stops_the_command_naming_it():
    script = (
        "import sys, borderdesk.cli as cli; cli.COMMAND_MODULES.append('no_such_command'); "
        "sys.exit(cli.main(['mrz', 'check', '--help']))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == EX_SOFTWARE
    assert result.stdout == ""
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "borderdesk: the command module borderdesk.cli.no_such_command failed to import: "
        "ModuleNotFoundError: No module named 'borderdesk.cli.no_such_command'"
    )


@pytest.fixture
def probe_package(tmp_path, monkeypatch):
    package = tmp_path / "probe_commands"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "fine.py").write_text("def register(subparsers):\n    subparsers.add_parser('fine')\n")
    (package / "needs_missing.py").write_text("import borderdesk_no_such_dependency  # noqa: F401\n")
    (package / "broken_syntax.py").write_text("def register(subparsers:\n")
    (package / "no_register.py").write_text(textwrap.dedent('"""Forgot its register()."""\n'))
    monkeypatch.syspath_prepend(str(tmp_path))
    return "probe_commands"


def test_a_module_whose_own_import_fails_is_named_with_the_missing_package(probe_package):
    with pytest.raises(BrokenCommandModule) as raised:
        import_command_modules(["fine", "needs_missing"], package=probe_package)
    assert str(raised.value) == (
        "the command module probe_commands.needs_missing failed to import: "
        "ModuleNotFoundError: No module named 'borderdesk_no_such_dependency'"
    )


def test_a_syntax_error_is_named(probe_package):
    with pytest.raises(BrokenCommandModule, match=r"probe_commands\.broken_syntax failed to import: SyntaxError"):
        import_command_modules(["broken_syntax"], package=probe_package)


def test_a_module_without_register_is_named(probe_package):
    with pytest.raises(
        BrokenCommandModule,
        match=r"^the command module probe_commands\.no_register has no "
        r"register\(subparsers\)$",
    ):
        import_command_modules(["fine", "no_register"], package=probe_package)


def test_the_modules_that_import_are_all_loaded(probe_package):
    assert [module.__name__ for module in import_command_modules(["fine"], package=probe_package)] == [
        "probe_commands.fine"
    ]
