"""#19: what an administrator imports into the trust store: each object classified (CSCA, link, other certificate,
CRL), master lists only with their signature checked, and anything else refused with a stable code, never a crash."""

from __future__ import annotations

import pytest
from asn1crypto import pem
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.documents.chip import TrustFileError, read_trust_files
from tests.core.documents.chip.pki import issue, make_crl, make_master_list, make_world, name, new_key, utc


@pytest.fixture(scope="module")
def world():
    return make_world("p256")


def test_each_object_is_described(world):
    link = issue(world.csca.subject, new_key("p256"), world.csca, not_before=utc(2023), not_after=utc(2035), ca=True)
    bundle = b"".join(pem.armor("CERTIFICATE", c.dump()) for c in (world.csca.certificate, link.certificate))
    objects = read_trust_files(
        [("ut.pem", bundle), ("ds.der", world.ds.certificate.dump()), ("ut.crl", make_crl(world.csca, [7]))], []
    )
    assert [(o.kind, o.country, o.source) for o in objects] == [
        ("csca", "UT", "ut.pem"),
        ("link", "UT", "ut.pem"),
        ("certificate", "UT", "ds.der"),
        ("crl", "UT", "ut.crl"),
    ]
    csca = objects[0]
    assert csca.valid_from == utc(2020) and csca.valid_until == utc(2035)
    assert csca.serial == format(world.csca.certificate.serial_number, "x") and "CSCA" in csca.subject


def test_a_master_list_counts_only_signed_by_a_known_anchor(world):
    root = issue(name("UN", "ML CA"), new_key("p256"), None, not_before=utc(2020), not_after=utc(2040), ca=True)
    signer = issue(name("UN", "ML Signer"), new_key("p256"), root, not_before=utc(2020), not_after=utc(2040), ca=False)
    master_list = make_master_list([world.csca.certificate], signer)
    with pytest.raises(TrustFileError) as refused:
        read_trust_files([("icao.ml", master_list)], [])
    assert refused.value.code == "master_list_unverified"
    from_store = read_trust_files([("icao.ml", master_list)], [root.certificate.dump()])
    with_root = read_trust_files([("root.der", root.certificate.dump()), ("icao.ml", master_list)], [])
    assert [o.kind for o in from_store] == ["csca"] and [o.kind for o in with_root] == ["csca", "csca"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.builds(lambda b: b"-----BEGIN CERTIFICATE-----\n" + b, st.binary(max_size=200)))
def test_any_bytes_are_objects_or_a_stable_refusal(data):
    try:
        objects = read_trust_files([("fuzz.bin", data)], [])
    except TrustFileError as exc:
        assert exc.code in {"trust_file_empty", "trust_object_unreadable", "trust_pem_damaged", "trust_file_too_many"}
        assert str(exc).startswith("fuzz.bin")
    else:
        assert all(o.kind in {"csca", "link", "certificate", "crl"} for o in objects)
