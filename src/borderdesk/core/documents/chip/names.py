"""Rule N: names compare per RFC 5280 7.1 with RFC 4518 string preparation (asn1crypto's ``hashable``)."""

from __future__ import annotations

from asn1crypto import x509


def same_name(first: x509.Name, second: x509.Name) -> bool:
    try:
        return bool(first.hashable == second.hashable)
    except Exception:  # a name that does not parse equals nothing
        return False


def name_key(name: x509.Name) -> object:
    """A key under which equal names (rule N) meet; a name that does not parse gets a key of its own."""
    try:
        return name.hashable
    except Exception:  # equal to nothing
        return object()
