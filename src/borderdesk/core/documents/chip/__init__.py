"""ePassport chip passive authentication (ICAO Doc 9303 parts 10-12; CONTRACTS.md section 7): the chip's
files (EF.COM, DG1, DG2, EF.SOD), the security object's hashes and signature, the document signer's chain to a
trusted country signing CA, revocation and validity, and the chip's MRZ against the printed one."""

from .datagroups import EfCom, FaceImage, dg1_mrz, parse_dg2, parse_ef_com
from .trust import TrustStore, build_trust_store
from .trust_import import TrustFileError, TrustObject, read_trust_files
from .verify import DG_NAMES, ERROR_CODES, ChipError, ChipReport, printed_mrz_text, verify_chip

__all__ = [
    "DG_NAMES",
    "ERROR_CODES",
    "ChipError",
    "ChipReport",
    "EfCom",
    "FaceImage",
    "TrustFileError",
    "TrustObject",
    "TrustStore",
    "build_trust_store",
    "dg1_mrz",
    "parse_dg2",
    "parse_ef_com",
    "printed_mrz_text",
    "read_trust_files",
    "verify_chip",
]
