"""Passive authentication of an ePassport chip: `borderdesk chip verify` (CONTRACTS.md section 7).

``verify_chip`` takes the chip's files by name (``EF.COM``, ``EF.SOD``, ``DG1`` ... ``DG16``), the trust store
and the printed MRZ, runs every step whose inputs exist (rules S, H, D, G, T, C, R, V, M of the contract) and
reports all it found; it never raises on any bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from asn1crypto import x509

from ..parser import parse_mrz
from .algorithms import Unsupported, digest
from .cms import SecurityObject, matches_sid, parse_sod, safe_verify_signer, signing_time
from .datagroups import EfCom, FaceImage, dg1_mrz, parse_dg2, parse_ef_com
from .names import same_name
from .trust import TrustStore, certificate_signed_by, crl_lists, crl_signed_by

# The contract's error codes in their order, with the verdict class of each.
ERROR_CODES = {
    "sod_unreadable": "not_genuine",
    "dg_missing": "not_genuine",
    "dg_not_in_sod": "not_genuine",
    "hash_mismatch": "not_genuine",
    "unsupported_algorithm": "unverifiable",
    "ds_certificate_missing": "unverifiable",
    "bad_signature": "not_genuine",
    "csca_not_found": "unverifiable",
    "ds_not_signed_by_csca": "not_genuine",
    "ds_revoked": "not_genuine",
    "ds_not_yet_valid": "not_genuine",
    "ds_expired": "not_genuine",
    "csca_expired": "not_genuine",
    "mrz_mismatch": "not_genuine",
}
_ORDER = {code: position for position, code in enumerate(ERROR_CODES)}
DG_NAMES = tuple(f"DG{number}" for number in range(1, 17))


@dataclass(frozen=True, slots=True)
class ChipError:
    code: str
    dg: str | None
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "dg": self.dg, "message": self.message}


@dataclass(slots=True)
class ChipReport:
    steps: dict = field(default_factory=dict)
    errors: list[ChipError] = field(default_factory=list)
    document_signer: dict | None = None
    ef_com: EfCom | None = None
    chip_mrz: str | None = None
    chip_mrz_check: dict | None = None
    face: FaceImage | None = None

    @property
    def verdict(self) -> str:
        classes = {ERROR_CODES[error.code] for error in self.errors}
        if "not_genuine" in classes:
            return "not_genuine"
        return "unverifiable" if classes else "genuine"

    def add(self, code: str, message: str, dg: str | None = None) -> None:
        if not any(error.code == code and error.dg == dg for error in self.errors):
            self.errors.append(ChipError(code, dg, message))

    def to_dict(self) -> dict:
        errors = sorted(self.errors, key=lambda error: (_ORDER[error.code], int(error.dg[2:]) if error.dg else 0))
        face = self.face
        return {
            "verdict": self.verdict,
            "steps": self.steps,
            "errors": [error.to_dict() for error in errors],
            "document_signer": self.document_signer,
            "chip": {
                "data_groups_listed": list(self.ef_com.data_groups) if self.ef_com else None,
                "lds_version": self.ef_com.lds_version if self.ef_com else None,
                "mrz": self.chip_mrz,
                "mrz_check": self.chip_mrz_check,
                "face_image": {
                    "format": face.format,
                    "bytes": len(face.data),
                    "width": face.width,
                    "height": face.height,
                }
                if face
                else None,
            },
        }


def verify_chip(
    files: dict[str, bytes], trust: TrustStore, *, printed_mrz: str | None = None, today: date | None = None
) -> ChipReport:
    today = today or datetime.now(UTC).date()
    report = ChipReport()
    report.steps = {
        "sod_parsed": False,
        "hashes": {},
        "signature": None,
        "chain": None,
        "ds_revoked": None,
        "validity": None,
        "mrz_matches_print": None,
    }
    present = {name: files[name] for name in DG_NAMES if name in files}
    for name in ("DG1", "DG2"):
        if name not in present:
            report.add("dg_missing", f"{name} was not read from the chip", name)
    sod = parse_sod(files.get("EF.SOD", b""))
    if sod is None:
        report.add("sod_unreadable", "EF.SOD is absent or is not a signed LDS security object")
    else:
        report.steps["sod_parsed"] = True
        _check_hashes(report, sod, present)
        _check_document_signer(report, sod, trust, today)
    _check_mrz(report, present.get("DG1"), printed_mrz)
    report.chip_mrz_check = _judge_chip_mrz(report.chip_mrz, today)
    report.ef_com = parse_ef_com(files.get("EF.COM", b""))
    report.face = parse_dg2(present.get("DG2", b""))
    return report


def _check_hashes(report: ChipReport, sod: SecurityObject, present: dict[str, bytes]) -> None:
    hashes: dict[str, bool | None] = report.steps["hashes"]
    for name, data in present.items():
        number = int(name[2:])
        if number not in sod.hashes:
            hashes[name] = False
            report.add("dg_not_in_sod", f"{name} is on the chip but the security object does not list it", name)
            continue
        try:
            hashes[name] = digest(sod.hash_oid, data) == sod.hashes[number]
        except Unsupported as unsupported:
            hashes[name] = None
            report.add("unsupported_algorithm", f"data group hashes: {unsupported}")
            continue
        if not hashes[name]:
            report.add("hash_mismatch", f"{name} differs from the digest the security object lists", name)


def _step(report: ChipReport, what: str, check: Callable[[], bool]) -> bool | None:
    """Run one check: True or False, or None (and unsupported_algorithm) when rule A does not cover it."""
    try:
        return check()
    except Unsupported as unsupported:
        report.add("unsupported_algorithm", f"{what}: {unsupported}")
        return None


def _document_signer_certificate(sod: SecurityObject, trust: TrustStore) -> x509.Certificate | None:
    signer = sod.signed.signer
    for certificate in (*sod.signed.certificates, *trust.loose_certificates):
        if matches_sid(certificate, signer):
            return certificate
    return None


def _check_document_signer(report: ChipReport, sod: SecurityObject, trust: TrustStore, today: date) -> None:
    ds = _document_signer_certificate(sod, trust)
    if ds is None:
        report.add("ds_certificate_missing", "no certificate matches the SOD signer's identifier")
        return
    report.document_signer = _describe_signer(ds)
    signature = _step(report, "SOD signature", lambda: safe_verify_signer(sod.signed, ds))
    report.steps["signature"] = signature
    if signature is False:
        report.add("bad_signature", "the security object's signature does not verify with the DS certificate")
    issuers = _check_chain(report, ds, trust)
    if issuers:
        _check_revocation(report, ds, issuers, trust)
    _check_validity(report, ds, issuers, signing_time(sod.signed.signer), today)


def _describe_signer(ds: x509.Certificate) -> dict:
    try:
        country = ds.subject.native.get("country_name")
    except Exception:  # an unreadable subject has no country
        country = None
    if isinstance(country, list):
        country = country[0] if country else None
    return {"country": country, "serial": format(ds.serial_number, "x")}  # parsed by load_certificate


def _check_chain(report: ChipReport, ds: x509.Certificate, trust: TrustStore) -> list[x509.Certificate]:
    candidates = [csca for csca in trust.trusted_cscas if same_name(csca.subject, ds.issuer)]
    if not candidates:
        report.add("csca_not_found", "no trusted country signing CA has the DS certificate's issuer name")
        return []
    issuers, unsupported = [], []
    for csca in candidates:
        try:
            if certificate_signed_by(ds, csca):
                issuers.append(csca)
        except Unsupported as error:
            unsupported.append(str(error))
    if issuers:
        report.steps["chain"] = True
    elif len(unsupported) == len(candidates):
        report.add("unsupported_algorithm", f"DS certificate signature: {unsupported[0]}")
    else:
        report.steps["chain"] = False
        report.add("ds_not_signed_by_csca", "no trusted country signing CA of that name signed the DS certificate")
    return issuers


def _check_revocation(
    report: ChipReport, ds: x509.Certificate, issuers: list[x509.Certificate], trust: TrustStore
) -> None:
    usable = [
        revocations
        for revocations in trust.crls
        if same_name(revocations.issuer, ds.issuer) and any(crl_signed_by(revocations, csca) for csca in issuers)
    ]
    if not usable:
        return
    revoked = any(crl_lists(revocations, ds.serial_number) for revocations in usable)
    report.steps["ds_revoked"] = revoked
    if revoked:
        report.add("ds_revoked", "a revocation list of the country signing CA lists the DS certificate")


def _utc(moment: object) -> datetime:
    """A datetime to compare with: naive ones are UTC; asn1crypto's year 0 is before everything."""
    if not isinstance(moment, datetime):
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _check_validity(
    report: ChipReport, ds: x509.Certificate, issuers: list[x509.Certificate], signed_at: datetime | None, today: date
) -> None:
    not_before, not_after = _utc(ds.not_valid_before), _utc(ds.not_valid_after)
    valid = True
    if signed_at is not None:
        signed_at = _utc(signed_at)
        if signed_at < not_before:
            valid = False
            report.add("ds_not_yet_valid", "the DS certificate was not yet valid when the chip was signed")
        if signed_at > not_after:
            valid = False
            report.add("ds_expired", "the DS certificate had expired when the chip was signed")
    elif not_before.astimezone(UTC).date() > today:
        valid = False
        report.add("ds_not_yet_valid", "the DS certificate is not valid before a date after today")
    if issuers and not any(_utc(csca.not_valid_before) <= not_before <= _utc(csca.not_valid_after) for csca in issuers):
        valid = False
        report.add("csca_expired", "no issuing country signing CA was valid when the DS certificate was issued")
    report.steps["validity"] = valid


_LINE_LENGTHS = {90: 30, 72: 36, 88: 44}  # TD1, TD2 or MRV-B, TD3 or MRV-A


def _judge_chip_mrz(mrz: str | None, today: date) -> dict | None:
    """The chip's MRZ judged by the MRZ parser, as `borderdesk mrz check` would (cut into its lines)."""
    if mrz is None or len(mrz) not in _LINE_LENGTHS:
        return None
    width = _LINE_LENGTHS[len(mrz)]
    result = parse_mrz("\n".join(mrz[start : start + width] for start in range(0, len(mrz), width)), today=today)
    return {key: value for key, value in result.to_dict().items() if key not in ("repairs",)}


def printed_mrz_text(text: str) -> str:
    """The printed MRZ file as one string: lines stripped, empty ones dropped, the rest joined."""
    return "".join(line.strip() for line in text.splitlines() if line.strip())


def _check_mrz(report: ChipReport, dg1: bytes | None, printed_mrz: str | None) -> None:
    report.chip_mrz = dg1_mrz(dg1) if dg1 is not None else None
    if printed_mrz is None or report.chip_mrz is None:
        return
    matches = report.chip_mrz == printed_mrz_text(printed_mrz)
    report.steps["mrz_matches_print"] = matches
    if not matches:
        report.add("mrz_mismatch", "the MRZ on the chip differs from the printed one")
