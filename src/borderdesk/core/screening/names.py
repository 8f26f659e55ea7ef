"""Person names reduced to comparable tokens: one script, no honorifics, no particles, joined prefixes.

Transliteration, honorific prefixes, phonetic keys and the table of name spelling variants come from
OpenSanctions' ``rigour`` (the library yente and nomenklatura use). What is written here by hand is the
part rigour leaves to its callers: which tokens carry no identity (particles, religious and family titles
that rigour's prefix list lacks) and how Arabic compound names are joined.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

from rigour.names import (
    NameTypeTag,
    SymbolCategory,
    analyze_names,
    remove_person_prefixes,
    replace_org_types_compare,
)
from rigour.text.phonetics import metaphone
from rigour.text.translit import ascii_text

# Titles and honorifics that rigour's person-prefix list does not cover (it strips Mr, Dr, General...).
# Titles that are also given names (Amir, Syed) are kept: dropping them would lose a name.
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr prof sir madam mme mlle sr sra herr frau gen col capt maj lt sgt cmdr eng
    sheikh shaikh sheik shaykh cheikh haji hajji hadji hajj alhaji alhaj mullah mulla maulana mawlana
    maulvi mawlawi moulavi imam ayatollah hojatoleslam
    """.split()
)

# Articles, patronymic links and nobiliary particles: present in one spelling of a name, absent in another.
PARTICLES = frozenset(
    """
    al el ul ad ar as ash at az an bin ibn bint ben binti bte bn
    van von der den de da di du del della dos das la le lo y
    """.split()
)

# "Abd al-Rahman", "Abdel Rahman", "Abdoul Rahman": one word spelled many ways; the scorer joins it to
# the next word when the other name writes them as one ("Abdulrahman").
_ABD_SPELLINGS = frozenset({"abd", "abdel", "abdal", "abdol", "abdoul", "abdu", "abdou"})
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


class UnscreenableName(ValueError):
    """A name with nothing to compare; ``code`` is stable for machines, the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):
        return (UnscreenableName, (self.code, self.message))

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def check_screenable(name: str | None) -> None:
    """Raise `UnscreenableName` when ``name`` is empty or holds no letters in any script."""
    if name is None or not name.strip():
        raise UnscreenableName("name_empty", "The name is empty.")
    if not any(unicodedata.category(char).startswith("L") for char in name):
        raise UnscreenableName("name_without_letters", f"The name {name!r} contains no letters.")


def name_tokens(name: str, organization: bool = False) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a name, without honorifics and particles.

    Honorifics and particles are kept when nothing else would be left ("Al", "Van"). Organisation names
    get their legal forms written one way ("Aktiengesellschaft" -> "jsc", "Limited" -> "llc").
    """
    text = unicodedata.normalize("NFKC", name).strip()
    if organization:
        text = replace_org_types_compare(text)
    else:
        text = remove_person_prefixes(text)
    from_arabic_script = bool(_ARABIC_SCRIPT.search(text))
    raw = tuple(_ascii_token(part) for part in text.split())
    tokens = [sys.intern(piece) for token in raw for piece in _NON_ALNUM.split(token) if piece]
    if from_arabic_script:
        tokens = [_drop_glued_article(token) for token in tokens]
    meaningful = [token for token in tokens if token not in HONORIFICS and token not in PARTICLES]
    return tuple("abdul" if token in _ABD_SPELLINGS else token for token in meaningful or tokens)


@lru_cache(maxsize=200_000)
def _ascii_token(word: str) -> str:
    """Transliterate one whitespace-separated word; cached because names reuse the same words endlessly."""
    return _APOSTROPHES.sub("", ascii_text(word)).lower()


def _drop_glued_article(token: str) -> str:
    # Arabic writes the article joined to the word ("البغدادي" -> "albghdady"); Latin lists write "al-Baghdadi".
    if len(token) > 4 and token.startswith(("al", "el")):
        return sys.intern(token[2:])
    return token


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Metaphone of a token; empty for tokens too short to sound like anything."""
    if len(token) < 3 or token.isdigit():
        return ""
    return metaphone(token)


@lru_cache(maxsize=200_000)
def variant_ids(token: str) -> frozenset[str]:
    """Identifiers of the given names or surnames a token is a known spelling of (Mohammed ~ Muhammad).

    rigour tags name parts with Wikidata ids of names from its person-name data; two tokens that share one
    are spellings of the same name.
    """
    if len(token) < 2 or token.isdigit():
        return frozenset()
    analysed = analyze_names(NameTypeTag.PER, [token], phonetics=False, consolidate=False, rewrite=False)
    return frozenset(
        str(span.symbol.id)
        for name in analysed
        for span in name.spans
        if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1
    )


def load_name_tables() -> None:
    """Load rigour's name-variant tables now (several seconds) rather than during the first screening."""
    variant_ids("warm")


def name_key(tokens: tuple[str, ...]) -> str:
    """An order-free exact key of a name's tokens."""
    return " ".join(sorted(tokens))
