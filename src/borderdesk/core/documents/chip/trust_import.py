"""What an administrator imports into the trust store: files of certificates and CRLs (PEM, any number of blocks, or
DER) and ICAO master lists, whose own signature must check out against a country signing CA already trusted (or
imported with it), as rule T of the contract reads. Unlike the trust folder, which skips what it cannot read, an
import refuses a file it cannot read whole, naming the file and the object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import crl, pem, x509

from .cms import CSCA_MASTER_LIST, SignedContent, load_certificate, matches_sid, signed_content
from .trust import _checked_master_list, is_anchor, is_csca, load_crl

MAX_OBJECTS_PER_FILE = 5000  # the ICAO master list holds about 500 CSCAs; anything far beyond is not trust material


class TrustFileError(ValueError):
    """A file that cannot be imported: ``code`` is stable, the message names the file and what is wrong."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class TrustObject:
    """One certificate or CRL to keep: ``kind`` is csca, link, certificate or crl."""

    kind: str
    der: bytes
    country: str
    subject: str
    issuer: str
    serial: str
    valid_from: datetime | None
    valid_until: datetime | None
    source: str


def read_trust_files(files: list[tuple[str, bytes]], known: list[bytes]) -> list[TrustObject]:
    """The certificates and CRLs of ``files`` (name, content), those of master lists included once their signature
    checks out against an anchor among ``known`` (the store's certificates, DER) or the files' own certificates.
    Raises ``TrustFileError`` for the first file that cannot be read whole."""
    loose: list[tuple[str, x509.Certificate]] = []
    revocations: list[tuple[str, crl.CertificateList]] = []
    master_lists = []
    for name, data in files:
        ders = _split(name, data)
        for position, der in enumerate(ders, start=1):
            certificate = load_certificate(der)
            if certificate is not None:
                loose.append((name, certificate))
                continue
            revocation = load_crl(der)
            if revocation is not None:
                revocations.append((name, revocation))
                continue
            signed = signed_content(der)
            if signed is not None and signed.content_type == CSCA_MASTER_LIST:
                master_lists.append((name, signed))
                continue
            where = name if len(ders) == 1 else f"{name}, object {position}"
            raise TrustFileError(
                "trust_object_unreadable",
                f"{where}: neither an X.509 certificate, a CRL nor an ICAO master list (PEM or DER).",
            )
    known_certificates = [c for c in (load_certificate(der) for der in known) if c is not None]
    anchors = [c for c in known_certificates + [c for _, c in loose] if is_anchor(c)]
    listed: list[tuple[str, x509.Certificate]] = []
    for name, signed in master_lists:
        certificates = _checked_master_list(signed, anchors)
        if certificates is None:
            raise TrustFileError(
                "master_list_unverified",
                f"{name}: the master list's signature does not check out against a trusted country signing CA. "
                "Import the CSCA of the country that signed the list first (verified out of band), then the list.",
            )
        signer = _signer_subject(signed)
        listed += [(f"{name} (master list signed by {signer})", c) for c in certificates]
    return [_certificate(source, c) for source, c in loose + listed] + [_crl(source, r) for source, r in revocations]


def _split(name: str, data: bytes) -> list[bytes]:
    if not data.strip():
        raise TrustFileError("trust_file_empty", f"{name}: the file is empty.")
    if pem.detect(data):
        try:
            ders = [der for _kind, _headers, der in pem.unarmor(data, multiple=True)]
        except Exception:  # asn1crypto raises ValueError and others on damaged armour
            raise TrustFileError(
                "trust_pem_damaged", f"{name}: a PEM block is damaged (BEGIN/END or base64)."
            ) from None
    else:
        ders = [data]
    if len(ders) > MAX_OBJECTS_PER_FILE:
        raise TrustFileError("trust_file_too_many", f"{name}: more than {MAX_OBJECTS_PER_FILE} objects in one file.")
    return ders


def _text(value: x509.Name) -> str:
    try:
        return value.human_friendly[:500]
    except Exception:  # an undecodable name is shown as nothing rather than refused
        return ""


def _country(name: x509.Name) -> str:
    try:
        return str(name.native.get("country_name", ""))[:3]
    except Exception:  # an undecodable name has no country we can read
        return ""


def _certificate(source: str, certificate: x509.Certificate) -> TrustObject:
    if is_csca(certificate):
        kind = "csca" if is_anchor(certificate) else "link"  # a link keeps the old CSCA's name, not its key
    else:
        kind = "certificate"
    validity = certificate["tbs_certificate"]["validity"]
    return TrustObject(
        kind=kind,
        der=certificate.dump(),
        country=_country(certificate.subject),
        subject=_text(certificate.subject),
        issuer=_text(certificate.issuer),
        serial=format(certificate.serial_number, "x"),
        valid_from=validity["not_before"].native,
        valid_until=validity["not_after"].native,
        source=source[:500],
    )


def _crl(source: str, revocation: crl.CertificateList) -> TrustObject:
    tbs = revocation["tbs_cert_list"]
    next_update = tbs["next_update"].native if tbs["next_update"] else None
    return TrustObject(
        kind="crl",
        der=revocation.dump(),
        country=_country(tbs["issuer"]),
        subject=_text(tbs["issuer"]),
        issuer=_text(tbs["issuer"]),
        serial="",
        valid_from=tbs["this_update"].native,
        valid_until=next_update,
        source=source[:500],
    )


def _signer_subject(signed: SignedContent) -> str:
    signer = next((c for c in signed.certificates if matches_sid(c, signed.signer)), None)
    return (_text(signer.subject) if signer is not None else "") or "an unnamed signer"
