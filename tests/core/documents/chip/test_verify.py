"""Passive authentication against the contract (CONTRACTS.md section 7): every algorithm rule A names, and every
fault with its verdict and code."""

from dataclasses import replace
from datetime import date

import pytest
from asn1crypto import pem, x509

from borderdesk.core.documents.chip import ERROR_CODES, build_trust_store, verify_chip

from .pki import (
    TD3,
    SodOptions,
    issue,
    make_crl,
    make_dg1,
    make_dg2,
    make_master_list,
    make_sod,
    make_world,
    name,
    new_key,
    utc,
)

TODAY = date(2026, 11, 29)
PRINTED = TD3[:44] + "\n" + TD3[44:] + "\n"


def verify(world, files=None, printed=PRINTED, today=TODAY, trust=None):
    files = world.files if files is None else files
    trust_files = world.trust.values() if trust is None else trust
    return verify_chip(files, build_trust_store(trust_files), printed_mrz=printed, today=today).to_dict()


def codes(result):
    return [(error["code"], error["dg"]) for error in result["errors"]]


@pytest.fixture(scope="module")
def rsa_world():
    return make_world("rsa")


@pytest.fixture(scope="module")
def ec_world():
    return make_world("p256")


@pytest.mark.parametrize(
    ("kind", "explicit", "scheme"),
    [
        ("rsa", False, None),
        ("rsa", False, "pss"),
        ("p256", False, None),
        ("p384", False, None),
        ("p521", False, None),
        ("bp256", False, None),
        ("bp384", False, None),
        ("bp512", False, None),
        ("bp256", True, None),
        ("bp512", True, None),
        ("p256", True, None),
    ],
)
def test_a_genuine_chip_of_every_supported_algorithm(kind, explicit, scheme):
    world = make_world(kind, explicit=explicit, csca_scheme=scheme, ds_scheme=scheme)
    if explicit:
        assert world.ds.certificate.public_key["algorithm"]["parameters"].name == "specified"
    result = verify(world)
    assert result["verdict"] == "genuine", result["errors"]
    assert result["steps"] == {
        "sod_parsed": True,
        "hashes": {"DG1": True, "DG2": True, "DG15": True},
        "signature": True,
        "chain": True,
        "ds_revoked": None,
        "validity": True,
        "mrz_matches_print": True,
    }
    assert result["document_signer"] == {"country": "UT", "serial": format(world.ds.certificate.serial_number, "x")}


@pytest.mark.parametrize("hash_name", ["sha1", "sha224", "sha256", "sha384", "sha512"])
def test_every_supported_digest(rsa_world, hash_name):
    assert verify(rsa_world.with_options(hash_name=hash_name))["verdict"] == "genuine"


@pytest.mark.parametrize(
    "changes",
    [
        {"signer_scheme": "rsa"},  # bare rsaEncryption: the SignerInfo's digestAlgorithm is the hash
        {"signer_scheme": "pss"},
        {"signed_attributes": False},
        {"sid": "subject_key_identifier"},
        {"econtent_type": "1.2.840.113549.1.7.1"},  # id-data, seen on real passports
        {"signing_time": None},
    ],
)
def test_genuine_variants_of_the_signed_data(rsa_world, changes):
    assert verify(rsa_world.with_options(**changes))["verdict"] == "genuine"


def test_the_face_image_and_ef_com_are_read(rsa_world):
    chip = verify(rsa_world)["chip"]
    assert chip["face_image"]["format"] == "jpeg" and (chip["face_image"]["width"], chip["face_image"]["height"]) == (
        240,
        320,
    )
    assert chip["data_groups_listed"] == ["DG1", "DG2", "DG15"] and chip["mrz"] == TD3


def test_a_swapped_face_is_a_hash_mismatch(rsa_world):
    files = rsa_world.files | {"DG2": make_dg2(b"\xff\xd8\xff" + b"another face")}
    result = verify(rsa_world, files)
    assert result["verdict"] == "not_genuine"
    assert codes(result) == [("hash_mismatch", "DG2")]
    assert result["steps"]["hashes"] == {"DG1": True, "DG2": False, "DG15": True}
    assert result["steps"]["signature"] is True


def test_a_wrong_listed_hash(rsa_world):
    listed = {1: b"\x00" * 32, 2: b"\x01" * 32, 15: b"\x02" * 32}
    result = verify(rsa_world.with_options(listed=listed))
    assert codes(result) == [("hash_mismatch", "DG1"), ("hash_mismatch", "DG2"), ("hash_mismatch", "DG15")]


def test_a_data_group_the_sod_does_not_list(rsa_world):
    files = rsa_world.files | {"DG11": b"\x6b\x00"}
    result = verify(rsa_world, files)
    assert codes(result) == [("dg_not_in_sod", "DG11")] and result["steps"]["hashes"]["DG11"] is False


def test_a_listed_data_group_not_read_is_no_error_but_dg1_and_dg2_must_be_there(rsa_world):
    files = {name: data for name, data in rsa_world.files.items() if name not in ("DG15", "DG1", "DG2")}
    result = verify(rsa_world, files)
    assert codes(result) == [("dg_missing", "DG1"), ("dg_missing", "DG2")]
    assert result["steps"]["hashes"] == {} and result["steps"]["mrz_matches_print"] is None


@pytest.mark.parametrize(
    "sod",
    [
        None,
        b"",
        b"\x77",
        b"\x77\x85\x00\x00\x00\x00\x01\x00",  # a length form the rule does not allow
        b"\x77\x80\x30\x00\x00\x00",  # indefinite length
        b"\x30\x03\x02\x01\x00",
    ],
)
def test_an_unreadable_sod(rsa_world, sod):
    files = {name: data for name, data in rsa_world.files.items() if name != "EF.SOD"}
    if sod is not None:
        files["EF.SOD"] = sod
    result = verify(rsa_world, files)
    assert result["verdict"] == "not_genuine" and codes(result) == [("sod_unreadable", None)]
    assert result["document_signer"] is None
    steps = result["steps"]
    assert (steps["sod_parsed"], steps["hashes"], steps["signature"], steps["chain"]) == (False, {}, None, None)
    assert (steps["ds_revoked"], steps["validity"], steps["mrz_matches_print"]) == (None, None, True)


def test_a_truncated_sod_and_one_with_trailing_bytes(rsa_world):
    files = rsa_world.files
    assert codes(verify(rsa_world, files | {"EF.SOD": files["EF.SOD"][:-1]})) == [("sod_unreadable", None)]
    assert verify(rsa_world, files | {"EF.SOD": files["EF.SOD"] + b"\x00\x00"})["verdict"] == "genuine"


def test_a_sod_signed_by_another_key_has_a_bad_signature(rsa_world):
    forged = replace(rsa_world, ds=replace(rsa_world.ds, key=new_key("rsa")))
    result = verify(forged)
    assert result["verdict"] == "not_genuine" and codes(result) == [("bad_signature", None)]
    assert result["steps"]["signature"] is False and result["steps"]["chain"] is True


def test_an_unknown_csca_is_unverifiable_but_a_hash_mismatch_wins(rsa_world):
    result = verify(rsa_world, trust=[])
    assert result["verdict"] == "unverifiable" and codes(result) == [("csca_not_found", None)]
    assert result["steps"]["chain"] is None and result["steps"]["signature"] is True
    files = rsa_world.files | {"DG2": make_dg2(b"\xff\xd8\xff" + b"swapped")}
    assert verify(rsa_world, files, trust=[])["verdict"] == "not_genuine"


def test_the_ds_certificate_missing_or_found_in_the_trust_folder(rsa_world):
    world = rsa_world.with_options(embed_certificate=False)
    result = verify(world)
    assert result["verdict"] == "unverifiable" and codes(result) == [("ds_certificate_missing", None)]
    assert result["document_signer"] is None and result["steps"]["validity"] is None
    with_ds = [*world.trust.values(), world.ds.certificate.dump()]
    assert verify(world, trust=with_ds)["verdict"] == "genuine"


def test_a_swapped_embedded_certificate_with_the_sid_unchanged(rsa_world):
    other = issue(rsa_world.ds.subject, new_key("rsa"), rsa_world.csca, not_before=utc(2024), not_after=utc(2025),
                  ca=False)  # fmt: skip
    world = rsa_world.with_options(embed_certificate=False, extra_certificates=(other.certificate,))
    assert codes(verify(world)) == [("ds_certificate_missing", None)]


def test_a_ds_not_signed_by_the_trusted_csca_of_that_name(rsa_world):
    impostor = issue(rsa_world.csca.subject, new_key("rsa"), None, not_before=utc(2020), not_after=utc(2035), ca=True)
    result = verify(rsa_world, trust=[impostor.certificate.dump()])
    assert result["verdict"] == "not_genuine" and codes(result) == [("ds_not_signed_by_csca", None)]
    assert result["steps"]["chain"] is False and result["steps"]["ds_revoked"] is None


def test_revocation_lists(rsa_world):
    serial = rsa_world.ds.certificate.serial_number
    revoked = verify(rsa_world, trust=[*rsa_world.trust.values(), make_crl(rsa_world.csca, [serial])])
    assert revoked["verdict"] == "not_genuine" and codes(revoked) == [("ds_revoked", None)]
    assert revoked["steps"]["ds_revoked"] is True
    clean = verify(rsa_world, trust=[*rsa_world.trust.values(), make_crl(rsa_world.csca, [serial + 1])])
    assert clean["verdict"] == "genuine" and clean["steps"]["ds_revoked"] is False
    empty = verify(rsa_world, trust=[*rsa_world.trust.values(), make_crl(rsa_world.csca, [])])
    assert empty["steps"]["ds_revoked"] is False
    impostor = replace(rsa_world.csca, key=new_key("rsa"))
    unusable = verify(rsa_world, trust=[*rsa_world.trust.values(), make_crl(impostor, [serial])])
    assert unusable["verdict"] == "genuine" and unusable["steps"]["ds_revoked"] is None


def test_validity_at_signing_time(rsa_world):
    expired = verify(rsa_world.with_options(signing_time=utc(2025, 5)))
    assert expired["verdict"] == "not_genuine" and codes(expired) == [("ds_expired", None)]
    assert expired["steps"]["validity"] is False
    early = verify(rsa_world.with_options(signing_time=utc(2023, 6)))
    assert codes(early) == [("ds_not_yet_valid", None)]
    # A DS that expired long ago signed this chip while it was valid: normal.
    assert verify(rsa_world, today=date(2031, 1, 1))["verdict"] == "genuine"


def test_validity_without_signing_time_compares_not_before_with_today(rsa_world):
    world = rsa_world.with_options(signing_time=None)
    assert codes(verify(world, today=date(2023, 12, 31))) == [("ds_not_yet_valid", None)]
    assert verify(world, today=date(2024, 1, 1))["verdict"] == "genuine"


def test_a_csca_expired_when_the_ds_was_issued():
    world = make_world("rsa")
    old = issue(world.csca.subject, world.csca.key, None, not_before=utc(2018), not_after=utc(2023), ca=True)
    result = verify(world, trust=[old.certificate.dump()])
    assert result["verdict"] == "not_genuine" and codes(result) == [("csca_expired", None)]
    assert result["steps"]["chain"] is True and result["steps"]["validity"] is False


def test_the_chip_mrz_against_the_printed_one(rsa_world):
    assert verify(rsa_world, printed=PRINTED.replace("\n", "\r\n") + "\n\n")["steps"]["mrz_matches_print"] is True
    other = PRINTED.replace("ERIKSSON", "ERIKSSAN")
    result = verify(rsa_world, printed=other)
    assert result["verdict"] == "not_genuine" and codes(result) == [("mrz_mismatch", None)]
    assert verify(rsa_world, printed=PRINTED.lower())["steps"]["mrz_matches_print"] is False
    assert verify(rsa_world, printed=None)["steps"]["mrz_matches_print"] is None
    unparsable = verify(rsa_world, rsa_world.files | {"DG1": b"\x61\x03\x01\x01\x00"})
    assert unparsable["steps"]["mrz_matches_print"] is None
    assert codes(unparsable) == [("hash_mismatch", "DG1")]


def test_unsupported_algorithms_are_unverifiable(rsa_world):
    md5 = verify(rsa_world.with_options(lds_hash_oid="1.2.840.113549.2.5"))
    assert md5["verdict"] == "unverifiable" and codes(md5) == [("unsupported_algorithm", None)]
    assert md5["steps"]["hashes"] == {"DG1": None, "DG2": None, "DG15": None} and md5["steps"]["signature"] is True
    ed25519_signer = make_world("rsa", ds_kind="ed25519", ds_scheme="ed25519")
    result = verify(ed25519_signer)
    assert result["verdict"] == "unverifiable" and codes(result) == [("unsupported_algorithm", None)]
    assert result["steps"]["signature"] is None and result["steps"]["chain"] is True
    # an Ed25519 CSCA is no anchor (its self-signature cannot be checked), so nothing it signed has a CSCA
    ed25519_csca = verify(make_world("ed25519"))
    assert codes(ed25519_csca) == [("unsupported_algorithm", None), ("csca_not_found", None)]
    assert ed25519_csca["verdict"] == "unverifiable"


def test_a_wrong_key_type_fails_rather_than_being_unsupported(rsa_world):
    forged = replace(rsa_world, ds=replace(rsa_world.ds, key=new_key("p256"), scheme="ecdsa"))
    assert codes(verify(forged)) == [("bad_signature", None)]


def test_explicit_parameters_of_no_supported_curve_are_unsupported():
    world = make_world("bp256", explicit=True)
    files = world.files
    # the DS key's curve coefficient b, changed inside EF.SOD: that curve is none of rule A's
    b = world.ds.certificate.public_key["algorithm"]["parameters"].chosen["curve"]["b"].contents
    damaged = files["EF.SOD"].replace(b, bytes([b[0] ^ 1]) + b[1:])
    result = verify(world, files | {"EF.SOD": damaged})
    assert codes(result) == [("unsupported_algorithm", None), ("ds_not_signed_by_csca", None)]
    assert result["steps"]["signature"] is None and result["steps"]["chain"] is False


def test_link_certificates_carry_trust_to_a_new_csca_key():
    world = make_world("rsa")
    new_key_ = new_key("bp256")
    new_csca = issue(world.csca.subject, new_key_, None, not_before=utc(2023), not_after=utc(2038), ca=True)
    link = issue(world.csca.subject, new_key_, world.csca, not_before=utc(2023), not_after=utc(2035), ca=True)
    ds = issue(name("UT", "Document Signer 2"), new_key("rsa"), new_csca, not_before=utc(2024), not_after=utc(2025, 4),
               ca=False)  # fmt: skip
    rolled = replace(world, ds=ds)
    with_link = verify(rolled, trust=[world.csca.certificate.dump(), link.certificate.dump()])
    assert with_link["verdict"] == "genuine", with_link["errors"]
    without_link = verify(rolled, trust=[world.csca.certificate.dump()])
    assert codes(without_link) == [("ds_not_signed_by_csca", None)]


def test_a_master_list_whose_own_signature_checks_out(rsa_world):
    ml_root = issue(name("UN", "Master List CA"), new_key("p256"), None, not_before=utc(2020), not_after=utc(2040),
                    ca=True)  # fmt: skip
    ml_signer = issue(name("UN", "Master List Signer"), new_key("p256"), ml_root, not_before=utc(2020),
                      not_after=utc(2040), ca=False)  # fmt: skip
    master_list = make_master_list([rsa_world.csca.certificate], ml_signer)
    assert verify(rsa_world, trust=[ml_root.certificate.dump(), master_list])["verdict"] == "genuine"
    # without the anchor that signed its signer, or with its signature broken, the master list is ignored
    assert codes(verify(rsa_world, trust=[master_list])) == [("csca_not_found", None)]
    forged = make_master_list([rsa_world.csca.certificate], replace(ml_signer, key=new_key("p256")))
    assert codes(verify(rsa_world, trust=[ml_root.certificate.dump(), forged])) == [("csca_not_found", None)]


def test_pem_bundles_are_read(rsa_world):
    bundle = b"".join(
        pem.armor(kind, der)
        for kind, der in [("CERTIFICATE", b"\x30\x00"), ("CERTIFICATE", rsa_world.trust["csca.der"])]
    )
    assert verify(rsa_world, trust=[b"not a certificate", bundle])["verdict"] == "genuine"


def test_errors_are_sorted_and_each_code_appears_once_per_data_group(rsa_world):
    world = rsa_world.with_options(signing_time=utc(2025, 5))
    files = world.files | {"DG2": make_dg2(b"\xff\xd8\xff" + b"x"), "DG1": b"\x61\x00", "DG11": b"\x6b\x00"}
    result = verify(world, files, trust=[])
    assert codes(result) == [
        ("dg_not_in_sod", "DG11"),
        ("hash_mismatch", "DG1"),
        ("hash_mismatch", "DG2"),
        ("csca_not_found", None),
        ("ds_expired", None),
    ]
    order = list(ERROR_CODES)
    assert [order.index(code) for code, _ in codes(result)] == sorted(order.index(code) for code, _ in codes(result))


def test_a_sod_listing_a_wrong_econtent_type_is_unreadable(rsa_world):
    world = rsa_world.with_options(econtent_type="1.2.3.4")
    assert codes(verify(world)) == [("sod_unreadable", None)]


def test_sod_bytes_hand_built_from_parts(rsa_world):
    sod = make_sod({1: rsa_world.data_groups[1], 2: rsa_world.data_groups[2]}, rsa_world.ds, SodOptions())
    files = {"DG1": rsa_world.data_groups[1], "DG2": rsa_world.data_groups[2], "EF.SOD": sod}
    assert verify(rsa_world, files)["verdict"] == "genuine"


def test_names_compare_ignoring_string_type_case_and_extra_spaces(rsa_world):
    variant = x509.Name.build(
        {"country_name": "ut", "organization_name": "  UTOPIA ", "common_name": "csca"}, use_printable=True
    )
    assert variant.dump() != rsa_world.csca.subject.dump()
    ds = issue(name("UT", "Document Signer"), new_key("rsa"), rsa_world.csca, not_before=utc(2024),
               not_after=utc(2025, 4), ca=False, issuer_name=variant)  # fmt: skip
    result = verify(replace(rsa_world, ds=ds), trust=[*rsa_world.trust.values(), make_crl(rsa_world.csca, [])])
    assert result["verdict"] == "genuine" and result["steps"]["ds_revoked"] is False


def test_the_chip_mrz_is_judged_by_the_mrz_parser(rsa_world):
    check = verify(rsa_world)["chip"]["mrz_check"]
    assert (check["format"], check["valid"], check["fields"]["surname"]) == ("TD3", True, "ERIKSSON")
    td1 = "I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    files = rsa_world.files | {"DG1": make_dg1(td1)}
    assert verify(rsa_world, files, printed=None)["chip"]["mrz_check"]["format"] == "TD1"
    assert verify(rsa_world, files | {"DG1": make_dg1("P<UTO")})["chip"]["mrz_check"] is None
