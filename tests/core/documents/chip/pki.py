"""Test PKIs and chips built from scratch: country signing CAs (with link certificates), document signers, CRLs,
ICAO master lists, data groups and EF.SOD, with RSA, RSA-PSS and ECDSA on NIST and brainpool curves (named or as
explicit parameters). Certificates are assembled with asn1crypto and signed with cryptography, so that keys with
explicit curve parameters (which cryptography will not encode) are possible."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from asn1crypto import algos, cms, crl, keys, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from borderdesk.core.documents.chip.algorithms import CURVE_PARAMETERS
from borderdesk.core.documents.chip.cms import CscaMasterList, LdsSecurityObject

CURVES = {
    "p256": ("secp256r1", ec.SECP256R1()),
    "p384": ("secp384r1", ec.SECP384R1()),
    "p521": ("secp521r1", ec.SECP521R1()),
    "bp256": ("brainpoolP256r1", ec.BrainpoolP256R1()),
    "bp384": ("brainpoolP384r1", ec.BrainpoolP384R1()),
    "bp512": ("brainpoolP512r1", ec.BrainpoolP512R1()),
}
_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
           "sha512": hashes.SHA512}  # fmt: skip

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) + b"\xff\xd9"


def _time(moment: datetime) -> x509.Time:
    return x509.Time({"utc_time": moment})


def utc(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def new_key(kind: str):
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=1024)
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(CURVES[kind][1])


def spki(key, explicit: bool = False) -> keys.PublicKeyInfo:
    public = key.public_key()
    info = keys.PublicKeyInfo.load(
        public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    if not explicit:
        return info
    curve = CURVE_PARAMETERS[next(name for name, curve in CURVES.values() if curve.name == public.curve.name)]
    domain = keys.SpecifiedECDomain(
        {
            "version": "ecdpVer1",
            "field_id": {"field_type": "prime_field", "parameters": curve.p},
            "curve": {"a": curve.a.to_bytes((curve.p.bit_length() + 7) // 8, "big"),
                      "b": curve.b.to_bytes((curve.p.bit_length() + 7) // 8, "big")},
            "base": curve.g,
            "order": curve.n,
            "cofactor": 1,
        }
    )  # fmt: skip
    point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return keys.PublicKeyInfo(
        {
            "algorithm": {"algorithm": "ec", "parameters": keys.ECDomainParameters("specified", domain)},
            "public_key": point,
        }
    )


def algorithm(scheme: str, hash_name: str = "sha256") -> algos.SignedDigestAlgorithm:
    """``scheme``: "pkcs1" (shaNNNWithRSAEncryption), "rsa" (bare rsaEncryption), "pss", "ecdsa" or "ed25519"."""
    if scheme == "pss":
        parameters = {
            "hash_algorithm": {"algorithm": hash_name},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": hash_name}},
            "salt_length": _HASHES[hash_name].digest_size,
        }
        return algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": parameters})
    names = {"ecdsa": f"{hash_name}_ecdsa", "ed25519": "ed25519", "rsa": "rsassa_pkcs1v15", "pkcs1": f"{hash_name}_rsa"}
    return algos.SignedDigestAlgorithm({"algorithm": names[scheme]})


def sign(key, scheme: str, data: bytes, hash_name: str = "sha256") -> tuple[algos.SignedDigestAlgorithm, bytes]:
    chosen = _HASHES[hash_name]()
    if scheme == "pss":
        signature = key.sign(data, padding.PSS(mgf=padding.MGF1(chosen), salt_length=chosen.digest_size), chosen)
    elif scheme == "ecdsa":
        signature = key.sign(data, ec.ECDSA(chosen))
    elif scheme == "ed25519":
        signature = key.sign(data)
    else:
        signature = key.sign(data, padding.PKCS1v15(), chosen)
    return algorithm(scheme, hash_name), signature


def scheme_for(key) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        return "pkcs1"
    return "ed25519" if isinstance(key, ed25519.Ed25519PrivateKey) else "ecdsa"


def name(country: str, common_name: str) -> x509.Name:
    return x509.Name.build({"country_name": country, "organization_name": "Utopia", "common_name": common_name})


@dataclass
class Party:
    """A key with its certificate; ``scheme`` is how the key signs (see ``algorithm``)."""

    key: object
    certificate: x509.Certificate
    scheme: str

    @property
    def subject(self) -> x509.Name:
        return self.certificate.subject


_serials = iter(range(0x1000, 0x100000))


def issue(
    subject: x509.Name,
    key,
    issuer: Party | None,
    *,
    not_before: datetime,
    not_after: datetime,
    ca: bool,
    scheme: str | None = None,
    explicit: bool = False,
    serial: int | None = None,
    issuer_name: x509.Name | None = None,
) -> Party:
    """A certificate for ``key``, signed by ``issuer`` (self-signed when None); ``issuer_name`` overrides the
    issuer's subject as the certificate's issuer name."""
    signer_key, issuer_name = (key, subject) if issuer is None else (issuer.key, issuer_name or issuer.subject)
    signing_scheme = scheme or scheme_for(signer_key)
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    extensions = [{"extn_id": "key_identifier", "critical": False, "extn_value": hashlib.sha1(public).digest()}]
    if ca:
        extensions.append({"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": True}})
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial if serial is not None else next(_serials),
            "signature": algorithm(signing_scheme),
            "issuer": issuer_name,
            "validity": {"not_before": _time(not_before), "not_after": _time(not_after)},
            "subject": subject,
            "subject_public_key_info": spki(key, explicit),
            "extensions": extensions,
        }
    )
    signed_with, signature = sign(signer_key, signing_scheme, tbs.dump())
    certificate = x509.Certificate(
        {"tbs_certificate": tbs, "signature_algorithm": signed_with, "signature_value": signature}
    )
    return Party(key, x509.Certificate.load(certificate.dump()), scheme_for(key))


def make_crl(issuer: Party, serials: list[int]) -> bytes:
    tbs = crl.TbsCertList(
        {
            "version": "v2",
            "signature": algorithm(issuer.scheme),
            "issuer": issuer.subject,
            "this_update": x509.Time({"utc_time": utc(2024)}),
            "next_update": x509.Time({"utc_time": utc(2030)}),
            "revoked_certificates": [
                {"user_certificate": serial, "revocation_date": x509.Time({"utc_time": utc(2024, 3)})}
                for serial in serials
            ]
            or None,
        }
    )
    signed_with, signature = sign(issuer.key, issuer.scheme, tbs.dump())
    return crl.CertificateList(
        {"tbs_cert_list": tbs, "signature_algorithm": signed_with, "signature": signature}
    ).dump()


def tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    length = len(value)
    if length < 0x80:
        encoded = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        encoded = bytes([0x80 | size]) + length.to_bytes(size, "big")
    return tag_bytes + encoded + value


def make_dg1(mrz: str = TD3) -> bytes:
    return tlv(0x61, tlv(0x5F1F, mrz.encode("ascii")))


def make_dg2(image: bytes = JPEG, width: int = 240, height: int = 320) -> bytes:
    face_info = (20).to_bytes(4, "big") + b"\x00\x00" + b"\x00" * 14
    image_info = b"\x01\x00" + width.to_bytes(2, "big") + height.to_bytes(2, "big") + b"\x01\x02\x00\x00\x00\x00"
    body = face_info + image_info + image
    record = b"FAC\x00010\x00" + (14 + len(body)).to_bytes(4, "big") + b"\x00\x01" + body
    template = tlv(0x7F60, tlv(0xA1, tlv(0x80, b"\x01\x01")) + tlv(0x5F2E, record))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + template))


def make_ef_com(tags: bytes = b"\x61\x75\x6f") -> bytes:
    return tlv(0x60, tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000") + tlv(0x5C, tags))


def _digest(hash_name: str, data: bytes) -> bytes:
    return hashlib.new(hash_name, data).digest()


@dataclass
class SodOptions:
    hash_name: str = "sha256"
    lds_hash_oid: str | None = None  # overrides the LDSSecurityObject's hashAlgorithm
    signer_scheme: str | None = None
    signing_time: datetime | None = field(default_factory=lambda: utc(2024, 6))
    signed_attributes: bool = True
    embed_certificate: bool = True
    extra_certificates: tuple[x509.Certificate, ...] = ()
    sid: str = "issuer_and_serial_number"
    econtent_type: str = "2.23.136.1.1.1"
    listed: dict[int, bytes] | None = None  # overrides the hashes listed


def make_sod(data_groups: dict[int, bytes], ds: Party, options: SodOptions | None = None) -> bytes:
    options = options or SodOptions()
    hashes_listed = options.listed or {number: _digest(options.hash_name, data) for number, data in data_groups.items()}
    security = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": options.lds_hash_oid or options.hash_name},
            "data_group_hash_values": [
                {"data_group_number": number, "data_group_hash_value": value}
                for number, value in sorted(hashes_listed.items())
            ],
        }
    )
    content = security.dump()
    signed = _signed_data(content, options.econtent_type, ds, options)
    return tlv(0x77, signed)


def _signed_data(content: bytes, content_type: str, signer: Party, options: SodOptions) -> bytes:
    scheme = options.signer_scheme or signer.scheme
    if options.sid == "issuer_and_serial_number":
        sid = cms.SignerIdentifier(
            "issuer_and_serial_number",
            {"issuer": signer.certificate.issuer, "serial_number": signer.certificate.serial_number},
        )
    else:
        sid = cms.SignerIdentifier("subject_key_identifier", signer.certificate.key_identifier)
    signer_info = {
        "version": "v1" if options.sid == "issuer_and_serial_number" else "v3",
        "sid": sid,
        "digest_algorithm": {"algorithm": options.hash_name},
    }
    if options.signed_attributes:
        attributes = [
            {"type": "content_type", "values": [content_type]},
            {"type": "message_digest", "values": [_digest(options.hash_name, content)]},
        ]
        if options.signing_time is not None:
            attributes.append({"type": "signing_time", "values": [cms.Time({"utc_time": options.signing_time})]})
        signed_attrs = cms.CMSAttributes(attributes)
        signed_with, signature = sign(signer.key, scheme, signed_attrs.dump(), options.hash_name)
        signer_info["signed_attrs"] = signed_attrs
    else:
        signed_with, signature = sign(signer.key, scheme, content, options.hash_name)
    signer_info["signature_algorithm"] = signed_with
    signer_info["signature"] = signature
    certificates = ([signer.certificate] if options.embed_certificate else []) + list(options.extra_certificates)
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": options.hash_name}],
            "encap_content_info": {"content_type": content_type, "content": cms.ParsableOctetString(content)},
            "certificates": certificates or None,
            "signer_infos": [signer_info],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def make_master_list(cscas: list[x509.Certificate], signer: Party, options: SodOptions | None = None) -> bytes:
    content = CscaMasterList({"version": 0, "cert_list": cscas}).dump()
    return _signed_data(content, "2.23.136.1.1.2", signer, options or SodOptions())


@dataclass
class World:
    """A country's PKI and one chip it signed. ``files`` are the chip's, ``trust`` the trust folder's."""

    csca: Party
    ds: Party
    data_groups: dict[int, bytes]
    sod_options: SodOptions = field(default_factory=SodOptions)
    trust: dict[str, bytes] = field(default_factory=dict)

    @property
    def files(self) -> dict[str, bytes]:
        files = {f"DG{number}": data for number, data in self.data_groups.items()}
        files["EF.SOD"] = make_sod(self.data_groups, self.ds, self.sod_options)
        files["EF.COM"] = make_ef_com()
        return files

    def with_options(self, **changes) -> World:
        return replace(self, sod_options=replace(self.sod_options, **changes))


def make_world(kind: str = "rsa", *, ds_kind: str | None = None, explicit: bool = False, ds_scheme: str | None = None,
               csca_scheme: str | None = None, country: str = "UT") -> World:  # fmt: skip
    """A CSCA of key ``kind`` that signed a DS (of ``ds_kind``, default the same) that signed a chip."""
    csca_key = new_key(kind)
    csca = issue(name(country, "CSCA"), csca_key, None, not_before=utc(2020), not_after=utc(2035), ca=True,
                 scheme=csca_scheme, explicit=explicit)  # fmt: skip
    csca = replace(csca, scheme=csca_scheme or csca.scheme)
    ds_key = new_key(ds_kind or kind)
    ds = issue(name(country, "Document Signer"), ds_key, csca, not_before=utc(2024), not_after=utc(2025, 4),
               ca=False, scheme=csca_scheme, explicit=explicit)  # fmt: skip
    if ds_scheme:
        ds = replace(ds, scheme=ds_scheme)
    world = World(csca, ds, {1: make_dg1(), 2: make_dg2(), 15: tlv(0x6F, b"\x30\x00")})
    world.trust["csca.der"] = csca.certificate.dump()
    return world
