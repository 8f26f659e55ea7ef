"""Rule T: the trust folder. Certificates, CRLs and ICAO master lists, PEM or DER, in any file under it; which
country signing CAs (CSCAs) are trusted: self-signed anchors, CSCAs from master lists whose signature checks out,
and CSCAs that a trusted one signs (link certificates for key rollover, up to four levels)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from asn1crypto import crl, pem, x509

from .algorithms import Unsupported, verify_signature
from .cms import (
    CSCA_MASTER_LIST,
    SignedContent,
    load_certificate,
    master_list_certificates,
    matches_sid,
    safe_verify_signer,
    signed_content,
)
from .names import name_key, same_name

LINK_LEVELS = 4


@dataclass(slots=True)
class TrustStore:
    loose_certificates: list[x509.Certificate] = field(default_factory=list)
    crls: list[crl.CertificateList] = field(default_factory=list)
    trusted_cscas: list[x509.Certificate] = field(default_factory=list)
    master_lists_used: int = 0
    master_lists_ignored: int = 0


def certificate_signed_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Does the issuer's key verify the certificate's signature? Raises Unsupported."""
    try:
        tbs, algorithm = certificate["tbs_certificate"].dump(), certificate["signature_algorithm"]
        signature = certificate["signature_value"].native
        key = issuer.public_key
    except Exception:  # damaged: not signed by anyone
        return False
    return verify_signature(key, algorithm, tbs, signature)


def crl_signed_by(revocations: crl.CertificateList, issuer: x509.Certificate) -> bool:
    try:
        tbs, algorithm = revocations["tbs_cert_list"].dump(), revocations["signature_algorithm"]
        return verify_signature(issuer.public_key, algorithm, tbs, revocations["signature"].native)
    except Unsupported:
        return False
    except Exception:  # a damaged CRL is no CRL
        return False


def signed_by_safely(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        return certificate_signed_by(certificate, issuer)
    except Unsupported:
        return False


def is_csca(certificate: x509.Certificate) -> bool:
    try:
        return bool(certificate.ca)
    except Exception:  # unreadable extensions: not a CA
        return False


def is_anchor(certificate: x509.Certificate) -> bool:
    return (
        is_csca(certificate)
        and same_name(certificate.subject, certificate.issuer)
        and signed_by_safely(certificate, certificate)
    )


def load_crl(der: bytes) -> crl.CertificateList | None:
    try:
        revocations = crl.CertificateList.load(der, strict=True)
        revocations["tbs_cert_list"].native  # noqa: B018 - parse now, inside the guard
        revocations["signature"].native  # noqa: B018
        return revocations
    except Exception:  # not a CRL
        return None


def crl_lists(revocations: crl.CertificateList, serial: int) -> bool:
    return any(
        entry["user_certificate"].native == serial for entry in revocations["tbs_cert_list"]["revoked_certificates"]
    )


def _objects(data: bytes) -> Iterator[bytes]:
    if b"-----BEGIN" in data:
        try:
            for _kind, _headers, der in pem.unarmor(data, multiple=True):
                yield der
        except Exception:  # a damaged PEM block ends the file's objects
            return
    else:
        yield data


def build_trust_store(files: Iterable[bytes]) -> TrustStore:
    """The trust store from the contents of every file of the trust folder."""
    store = TrustStore()
    master_lists = []
    for data in files:
        for der in _objects(data):
            certificate = load_certificate(der)
            if certificate is not None:
                store.loose_certificates.append(certificate)
                continue
            revocations = load_crl(der)
            if revocations is not None:
                store.crls.append(revocations)
                continue
            signed = signed_content(der)
            if signed is not None and signed.content_type == CSCA_MASTER_LIST:
                master_lists.append(signed)
    loose_anchors = [certificate for certificate in store.loose_certificates if is_anchor(certificate)]
    cscas = [certificate for certificate in store.loose_certificates if is_csca(certificate)]
    for signed in master_lists:
        listed = _checked_master_list(signed, loose_anchors)
        if listed is None:
            store.master_lists_ignored += 1
        else:
            store.master_lists_used += 1
            cscas += [certificate for certificate in listed if is_csca(certificate)]
    store.trusted_cscas = _trusted(cscas)
    return store


def _checked_master_list(signed: SignedContent, anchors: list[x509.Certificate]) -> list[x509.Certificate] | None:
    signer = next((certificate for certificate in signed.certificates if matches_sid(certificate, signed.signer)), None)
    if signer is None:
        return None
    try:
        if not safe_verify_signer(signed, signer):
            return None
    except Unsupported:
        return None
    if not any(signed_by_safely(signer, anchor) for anchor in anchors):
        return None
    return master_list_certificates(signed)


def _trusted(cscas: list[x509.Certificate]) -> list[x509.Certificate]:
    trusted = [certificate for certificate in cscas if is_anchor(certificate)]
    by_subject: dict[object, list[x509.Certificate]] = {}
    for certificate in trusted:
        by_subject.setdefault(name_key(certificate.subject), []).append(certificate)
    pending = [certificate for certificate in cscas if not any(certificate is other for other in trusted)]
    for _level in range(LINK_LEVELS):
        newly = [
            certificate
            for certificate in pending
            if any(signed_by_safely(certificate, issuer) for issuer in by_subject.get(name_key(certificate.issuer), ()))
        ]
        if not newly:
            break
        for certificate in newly:
            by_subject.setdefault(name_key(certificate.subject), []).append(certificate)
        trusted += newly
        pending = [certificate for certificate in pending if not any(certificate is other for other in newly)]
    return trusted
