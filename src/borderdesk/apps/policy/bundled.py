"""The YAML files of the packs shipped with Borderdesk (``borderdesk/core/rules/packs/<name>/``), as texts.

No model import here: the data migration uses it too.
"""

from __future__ import annotations

from importlib import resources

import yaml

from borderdesk.core.rules import bundled_pack_names

MANIFEST = "pack.yaml"


def bundled_names() -> list[str]:
    return sorted(bundled_pack_names())


def bundled_files(name: str) -> dict[str, str]:
    """``{file name: text}`` of a bundled pack: the manifest and every file it includes."""
    folder = resources.files("borderdesk.core.rules.packs").joinpath(name)
    files = {MANIFEST: folder.joinpath(MANIFEST).read_text(encoding="utf-8")}
    manifest = yaml.safe_load(files[MANIFEST]) or {}
    for include in manifest.get("include") or []:
        files[include] = folder.joinpath(include).read_text(encoding="utf-8")
    return files
