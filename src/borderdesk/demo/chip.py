"""#19 demo: Utopia's country signing CA in the chip trust store, and the chip of the demo's Utopian citizen coming
home (Thomas Morus) as a reader would have read it: genuine, and once more with another face in DG2 (not genuine).
The files are written to ``DATA_DIR/demo-chips/`` for the booth's *Verify the chip*."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from django.conf import settings
from PIL import Image, ImageDraw

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.travel_documents.models import TrustedObject
from borderdesk.apps.travel_documents.trust_store import import_trust_files
from borderdesk.core.documents.chip.cms import LdsSecurityObject

FOLDER = "demo-chips"


def load_demo_chip(mrz: str, progress=lambda _: None) -> None:
    """Once: the CSCA into the trust store and the chip's files (for the zone ``mrz``, its lines) to the data folder."""
    if TrustedObject.objects.exists():
        return
    progress("chip trust store and demo chips")
    now = datetime.now(UTC).replace(microsecond=0)
    csca_key, ds_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    csca = _certificate(
        "Utopia CSCA", csca_key, csca_key, None, now - timedelta(days=365), timedelta(days=3650), ca=True
    )
    ds = _certificate("Utopia Document Signer", ds_key, csca_key, csca, now - timedelta(days=30), timedelta(days=1095))
    import_trust_files(DEMO, [("utopia-csca.der", csca.public_bytes(Encoding.DER))])
    groups = {1: _tlv(0x61, _tlv(0x5F1F, mrz.replace("\n", "").encode("ascii"))), 2: _dg2(_face((196, 160, 130)))}
    folder = Path(settings.DATA_DIR) / FOLDER
    _write(folder / "morus-genuine", groups, _sod(groups, ds, ds_key, now))
    swapped = {**groups, 2: _dg2(_face((120, 90, 60)))}
    _write(folder / "morus-face-swapped", swapped, _sod(groups, ds, ds_key, now))


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "UT"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Republic of Utopia"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])  # fmt: skip


def _certificate(common_name, key, signer_key, issuer, not_before, lifetime, *, ca=False) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.subject if issuer is not None else _name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + lifetime)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    return builder.sign(signer_key, hashes.SHA256())


def _tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    if len(value) < 0x80:
        return tag_bytes + bytes([len(value)]) + value
    size = (len(value).bit_length() + 7) // 8
    return tag_bytes + bytes([0x80 | size]) + len(value).to_bytes(size, "big") + value


def _face(skin: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (240, 320), (225, 230, 235))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, 180, 220), fill=skin)
    draw.ellipse((90, 120, 105, 135), fill=(40, 40, 40))
    draw.ellipse((135, 120, 150, 135), fill=(40, 40, 40))
    draw.arc((95, 160, 145, 190), 20, 160, fill=(90, 40, 40), width=3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _dg2(jpeg: bytes) -> bytes:
    """DG2 as ISO/IEC 19794-5 holds a face: one record, no feature points, a full-frontal JPEG of 240 x 320."""
    face_info = (20 + 12 + len(jpeg)).to_bytes(4, "big") + b"\x00\x00" + b"\x00" * 14
    image_info = b"\x01\x00" + (240).to_bytes(2, "big") + (320).to_bytes(2, "big") + b"\x01\x02\x00\x00\x00\x00"
    body = face_info + image_info + jpeg
    record = b"FAC\x00010\x00" + (14 + len(body)).to_bytes(4, "big") + b"\x00\x01" + body
    template = _tlv(0x7F60, _tlv(0xA1, _tlv(0x80, b"\x01\x01")) + _tlv(0x5F2E, record))
    return _tlv(0x75, _tlv(0x7F61, _tlv(0x02, b"\x01") + template))


def _sod(groups: dict[int, bytes], ds: x509.Certificate, ds_key, now: datetime) -> bytes:
    """EF.SOD: the groups' SHA-256 hashes, signed by the document signer (ECDSA, signed attributes)."""
    hashed = [
        {"data_group_number": n, "data_group_hash_value": hashlib.sha256(d).digest()} for n, d in sorted(groups.items())
    ]
    security = LdsSecurityObject(
        {"version": 0, "hash_algorithm": {"algorithm": "sha256"}, "data_group_hash_values": hashed}
    ).dump()
    attributes = cms.CMSAttributes([
        {"type": "content_type", "values": ["2.23.136.1.1.1"]},
        {"type": "message_digest", "values": [hashlib.sha256(security).digest()]},
        {"type": "signing_time", "values": [cms.Time({"utc_time": now})]},
    ])  # fmt: skip
    signature = ds_key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
    certificate = cms.Certificate.load(ds.public_bytes(Encoding.DER))
    signer = {
        "version": "v1",
        "sid": cms.SignerIdentifier(
            "issuer_and_serial_number", {"issuer": certificate.issuer, "serial_number": certificate.serial_number}
        ),
        "digest_algorithm": {"algorithm": "sha256"},
        "signed_attrs": attributes,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature": signature,
    }
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": "2.23.136.1.1.1", "content": cms.ParsableOctetString(security)},
        "certificates": [certificate],
        "signer_infos": [signer],
    })  # fmt: skip
    return _tlv(0x77, cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


def _write(folder: Path, groups: dict[int, bytes], sod: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "EF.COM").write_bytes(
        _tlv(0x60, _tlv(0x5F01, b"0107") + _tlv(0x5F36, b"040000") + _tlv(0x5C, b"\x61\x75"))
    )
    (folder / "EF.SOD").write_bytes(sod)
    for number, data in groups.items():
        (folder / f"DG{number}").write_bytes(data)
