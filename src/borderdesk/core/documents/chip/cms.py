"""CMS SignedData as the chip's EF.SOD and ICAO master lists use it (RFC 5652, Doc 9303-10 and -12).

asn1crypto parses lazily, so any access may raise on damaged bytes: the readers here touch every field they
need inside one guard and answer None (or False) instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms, core, x509

from .algorithms import Unsupported, digest, verify_signature
from .datagroups import read_tlv
from .names import same_name

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
CSCA_MASTER_LIST = "2.23.136.1.1.2"
ID_DATA = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA = "1.2.840.113549.1.7.2"


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


class CertificateSet(core.SetOf):
    _child_spec = x509.Certificate


class CscaMasterList(core.Sequence):
    _fields = [("version", core.Integer), ("cert_list", CertificateSet)]


@dataclass(frozen=True, slots=True)
class SignedContent:
    """A SignedData's eContent and its first SignerInfo."""

    content_type: str
    content: bytes
    signer: cms.SignerInfo
    certificates: tuple[x509.Certificate, ...]


@dataclass(frozen=True, slots=True)
class SecurityObject:
    signed: SignedContent
    hash_oid: str
    hashes: dict[int, bytes]


def load_certificate(der: bytes) -> x509.Certificate | None:
    try:
        certificate = x509.Certificate.load(der, strict=True)
        tbs = certificate["tbs_certificate"]
        for name in ("version", "serial_number", "issuer", "validity", "subject", "subject_public_key_info"):
            tbs[name].native  # noqa: B018 - parse now, inside the guard
        certificate["signature_value"].native  # noqa: B018
        return certificate
    except Exception:  # not a certificate
        return None


def signed_content(der: bytes) -> SignedContent | None:
    """Exactly one ContentInfo holding a SignedData with an eContent and at least one SignerInfo."""
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].dotted != ID_SIGNED_DATA:
            return None
        signed = info["content"]
        encapsulated = signed["encap_content_info"]
        content = encapsulated["content"].native
        signers = signed["signer_infos"]
        if not isinstance(content, bytes) or len(signers) == 0:
            return None
        signer = signers[0]
        for name in ("sid", "digest_algorithm", "signed_attrs", "signature_algorithm", "signature"):
            signer[name].native  # noqa: B018 - parse now, inside the guard
        choices = [choice.chosen for choice in signed["certificates"] or () if choice.name == "certificate"]
        certificates = tuple(filter(None, (load_certificate(choice.dump()) for choice in choices)))
        return SignedContent(encapsulated["content_type"].dotted, content, signer, certificates)
    except Exception:  # any damage asn1crypto meets: the structure is not as required
        return None


def parse_sod(data: bytes) -> SecurityObject | None:
    """Rule S: EF.SOD's tag 77 wrapper, the SignedData and the LDSSecurityObject, or None."""
    outer = read_tlv(data)
    if outer is None or data[0] != 0x77:
        return None
    signed = signed_content(outer.value)
    if signed is None or signed.content_type not in (LDS_SECURITY_OBJECT, ID_DATA):
        return None
    try:
        security = LdsSecurityObject.load(signed.content, strict=True)
        if security["version"].native not in (0, 1):
            return None
        hashes = {
            item["data_group_number"].native: item["data_group_hash_value"].native
            for item in security["data_group_hash_values"]
        }
        security["lds_version_info"].native  # noqa: B018 - parse now, inside the guard
        return SecurityObject(signed, security["hash_algorithm"]["algorithm"].dotted, hashes)
    except Exception:  # a damaged LDSSecurityObject
        return None


def master_list_certificates(signed: SignedContent) -> list[x509.Certificate] | None:
    try:
        listed = CscaMasterList.load(signed.content, strict=True)["cert_list"]
        return [certificate for certificate in map(load_certificate, (item.dump() for item in listed)) if certificate]
    except Exception:  # a damaged master list is ignored whole
        return None


def matches_sid(certificate: x509.Certificate, signer: cms.SignerInfo) -> bool:
    """Rule D: issuerAndSerialNumber (issuer name and serial) or subjectKeyIdentifier (the SKI extension)."""
    try:
        sid = signer["sid"]
        if sid.name == "issuer_and_serial_number":
            chosen = sid.chosen
            return bool(
                chosen["serial_number"].native == certificate.serial_number
                and same_name(chosen["issuer"], certificate.issuer)
            )
        return bool(certificate.key_identifier is not None and certificate.key_identifier == sid.chosen.native)
    except Exception:  # a damaged certificate or sid matches nothing
        return False


def _attribute_values(signer: cms.SignerInfo, name: str) -> list:
    attributes = [attribute for attribute in signer["signed_attrs"] if attribute["type"].native == name]
    return [value for attribute in attributes for value in attribute["values"]] if len(attributes) == 1 else []


def signing_time(signer: cms.SignerInfo) -> datetime | None:
    """The signingTime signed attribute, if there is exactly one."""
    try:
        values = _attribute_values(signer, "signing_time") if has_signed_attributes(signer) else []
        return values[0].native if len(values) == 1 else None
    except Exception:  # a malformed time is no time
        return None


def has_signed_attributes(signer: cms.SignerInfo) -> bool:
    return not isinstance(signer["signed_attrs"], core.Void)


def verify_signer(signed: SignedContent, certificate: x509.Certificate) -> bool:
    """Rule G. Raises Unsupported when an algorithm or the key is outside rule A."""
    signer = signed.signer
    digest_oid = signer["digest_algorithm"]["algorithm"].dotted
    if has_signed_attributes(signer):
        digests = _attribute_values(signer, "message_digest")
        types = _attribute_values(signer, "content_type")
        if len(digests) != 1 or digests[0].native != digest(digest_oid, signed.content):
            return False
        if len(types) != 1 or types[0].dotted != signed.content_type:
            return False
        data = b"\x31" + signer["signed_attrs"].dump()[1:]
    else:
        data = signed.content
    return verify_signature(
        certificate.public_key, signer["signature_algorithm"], data, signer["signature"].native, digest_oid
    )


def safe_verify_signer(signed: SignedContent, certificate: x509.Certificate) -> bool:
    """verify_signer, with damaged structures a failure; Unsupported still raises."""
    try:
        return verify_signer(signed, certificate)
    except Unsupported:
        raise
    except Exception:  # a damaged attribute or key: the signature does not verify
        return False
