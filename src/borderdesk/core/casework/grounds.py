"""The catalogue of grounds for refusing an application or finding it inadmissible: each with its legal basis,
the kinds it may be given for, and its words in every language letters are written in (all required). Data
(``grounds.yaml``), checked whole when loaded like the kinds: a stable code and the path of the first bad field."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from borderdesk.core.casework.kinds import KindError, LegalBasis, _legal_basis, bundled_kinds

# The languages decision letters are written in (those of the refusal-of-entry form, core/printing).
LETTER_LANGUAGES = ("en", "de", "fr", "es", "pt", "ru", "ar")
OUTCOMES = ("refuse", "inadmissible")


@dataclass(frozen=True)
class Ground:
    code: str
    outcome: str  # refuse or inadmissible
    kinds: frozenset[str] | None  # None: every kind
    legal_basis: LegalBasis
    texts: dict[str, str]

    def text(self, language: str) -> str:
        """The ground in ``language`` (every letter language is there; English for any other)."""
        return self.texts.get(language) or self.texts["en"]

    def applies_to(self, kind_id: str) -> bool:
        return self.kinds is None or kind_id in self.kinds


def load_grounds(source: str) -> dict[str, Ground]:
    """The catalogue from YAML text, by code; ``KindError`` (code, path) on the first thing wrong."""
    try:
        entries = yaml.safe_load(source)
    except yaml.YAMLError:
        raise KindError("yaml_syntax", "not valid YAML") from None
    if not isinstance(entries, list) or not entries:
        raise KindError("malformed_input", "expected a list of grounds")
    kinds = set(bundled_kinds())
    grounds: dict[str, Ground] = {}
    for index, entry in enumerate(entries):
        path = f"[{index}]"
        if not isinstance(entry, dict):
            raise KindError("malformed_input", "expected a mapping", path)
        unknown = set(entry) - {"code", "outcome", "kinds", "legal_basis", "text"}
        if unknown:
            raise KindError("unknown_key", f"unknown key {sorted(unknown)[0]!r}", path)
        code = entry.get("code")
        if not isinstance(code, str) or not code.replace("_", "").isalnum() or code in grounds:
            raise KindError("malformed_input", f"missing, malformed or repeated code {code!r}", f"{path}.code")
        if entry.get("outcome") not in OUTCOMES:
            raise KindError("malformed_input", f"outcome is one of {', '.join(OUTCOMES)}", f"{path}.outcome")
        applies = entry.get("kinds")
        if applies != "all" and (not isinstance(applies, list) or not applies or set(applies) - kinds):
            raise KindError("unknown_kind", f"kinds is 'all' or a list of {', '.join(sorted(kinds))}", f"{path}.kinds")
        texts = entry.get("text")
        if not isinstance(texts, dict) or not isinstance(texts.get("en"), str):
            raise KindError("malformed_input", "text needs at least the English words (en)", f"{path}.text")
        strange = set(texts) - set(LETTER_LANGUAGES)
        if strange:
            raise KindError("unknown_language", f"no letters in {sorted(strange)[0]!r}", f"{path}.text")
        # Letters state each ground in the applicant's language: every letter language is required.
        missing = [language for language in LETTER_LANGUAGES if not str(texts.get(language) or "").strip()]
        if missing:
            raise KindError("missing_language", f"no words in {missing[0]!r}", f"{path}.text.{missing[0]}")
        grounds[code] = Ground(
            code=code,
            outcome=entry["outcome"],
            kinds=None if applies == "all" else frozenset(applies),
            legal_basis=_legal_basis(entry.get("legal_basis"), f"{path}.legal_basis"),
            texts={language: str(words).strip() for language, words in texts.items()},
        )
    return grounds


@cache
def bundled_grounds() -> dict[str, Ground]:
    return load_grounds((resources.files("borderdesk.core.casework") / "grounds.yaml").read_text(encoding="utf-8"))


def grounds_for(kind_id: str, outcome: str) -> list[Ground]:
    """The grounds an officer may choose for ``outcome`` (refuse, inadmissible) of an application of ``kind_id``."""
    return [g for g in bundled_grounds().values() if g.outcome == outcome and g.applies_to(kind_id)]
