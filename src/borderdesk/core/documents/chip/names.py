"""Rule N: names compare per RFC 5280 7.1 with RFC 4518 string preparation (asn1crypto's ``hashable``)."""

from __future__ import annotations

from asn1crypto import x509


def same_name(first: x509.Name, second: x509.Name) -> bool:
    try:
        return bool(first.hashable == second.hashable)
    except Exception:  # a name that does not parse equals nothing
        return False
