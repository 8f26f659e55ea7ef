"""Byte-level damage to any input (a chip file or a trust file) never raises: the answer is always a verdict with
the contract's codes."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderdesk.core.documents.chip import ERROR_CODES, build_trust_store, verify_chip

from .pki import TD3, issue, make_crl, make_master_list, make_world, name, new_key, utc

WORLD = make_world("bp256", explicit=True)
FILES = WORLD.files
_ML_ROOT = issue(
    name("UN", "Master List CA"), new_key("p256"), None, not_before=utc(2020), not_after=utc(2040), ca=True
)
_ML_SIGNER = issue(name("UN", "Master List Signer"), new_key("rsa"), _ML_ROOT, not_before=utc(2020),
                   not_after=utc(2040), ca=False)  # fmt: skip
# The CSCA comes through the master list only, so damage to the list changes the verdict.
TRUST = [_ML_ROOT.certificate.dump(), make_master_list([WORLD.csca.certificate], _ML_SIGNER), make_crl(WORLD.csca, [5])]
INPUTS = [("chip", name) for name in sorted(FILES)] + [("trust", index) for index in range(len(TRUST))]


@st.composite
def damage(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "overwrite"]))
    position = draw(st.integers(0, max(0, len(data) - 1)))
    if kind == "truncate":
        return data[:position]
    if kind == "insert":
        return data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
    if kind == "overwrite":
        chunk = draw(st.binary(min_size=1, max_size=16))
        return data[:position] + chunk + data[position + len(chunk) :]
    bit = draw(st.integers(0, 7))
    return data[:position] + bytes([data[position] ^ (1 << bit)]) + data[position + 1 :] if data else data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damage_to_any_input_never_raises(data):
    where, key = data.draw(st.sampled_from(INPUTS))
    files, trust = dict(FILES), list(TRUST)
    if where == "chip":
        files[key] = data.draw(damage(files[key]))
    else:
        trust[key] = data.draw(damage(trust[key]))
    report = verify_chip(files, build_trust_store(trust), printed_mrz=TD3, today=date(2026, 11, 29))
    result = report.to_dict()
    assert result["verdict"] in ("genuine", "not_genuine", "unverifiable")
    assert {error["code"] for error in result["errors"]} <= set(ERROR_CODES)
    assert (result["verdict"] == "genuine") == (result["errors"] == [])


def test_the_undamaged_inputs_are_genuine():
    assert verify_chip(FILES, build_trust_store(TRUST), printed_mrz=TD3).to_dict()["verdict"] == "genuine"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(FILES)), st.binary(max_size=200)), st.lists(st.binary(max_size=200)))
def test_arbitrary_bytes_never_raise(files, trust):
    result = verify_chip(files, build_trust_store(trust), printed_mrz=TD3).to_dict()
    assert result["verdict"] in ("not_genuine", "unverifiable")
