import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.audit import (
    Checkpoint,
    UnreadableCheckpoint,
    check_checkpoints,
    key_id,
    load_private_key,
    load_public_key,
    new_private_key_pem,
    parse_checkpoint_line,
    public_key_pem,
    sign_checkpoint,
    signature_holds,
)

KEY = load_private_key(new_private_key_pem())
OTHER_KEY = load_private_key(new_private_key_pem())
WHEN = "2026-11-29T08:00:00+00:00"


def stored(chains):
    def lookup(chain, seqs):
        return {seq: chains[chain][seq] for seq in seqs if seq in chains.get(chain, {})}

    return lookup


def test_a_signed_checkpoint_verifies_and_survives_a_json_line():
    checkpoint = sign_checkpoint(KEY, chain="audit_events", seq=7, hash="a" * 64, created_at=WHEN)
    assert checkpoint.key_id == key_id(KEY.public_key())
    again = parse_checkpoint_line(checkpoint.to_json_line())
    assert again == checkpoint and signature_holds(again, KEY.public_key())
    assert not signature_holds(checkpoint, OTHER_KEY.public_key())


@given(st.sampled_from(["chain", "seq", "hash", "created_at"]))
def test_changing_any_signed_field_breaks_the_signature(field):
    checkpoint = sign_checkpoint(KEY, chain="audit_events", seq=7, hash="a" * 64, created_at=WHEN)
    changed = {"chain": "access_events", "seq": 8, "hash": "b" * 64, "created_at": "2026-11-30T08:00:00+00:00"}
    forged = dataclasses.replace(checkpoint, **{field: changed[field]})
    assert not signature_holds(forged, KEY.public_key())


def test_public_key_round_trips_through_pem():
    public = load_public_key(public_key_pem(KEY.public_key()))
    assert key_id(public) == key_id(KEY.public_key())


def test_a_checkpoint_that_matches_the_stored_chain_has_no_problem():
    checkpoint = sign_checkpoint(KEY, chain="audit_events", seq=2, hash="b" * 64, created_at=WHEN)
    assert (
        check_checkpoints(
            [checkpoint, checkpoint], KEY.public_key(), stored({"audit_events": {1: "a" * 64, 2: "b" * 64}})
        )
        == []
    )


def test_a_deleted_tail_and_a_rehashed_chain_are_found_naming_the_checkpoint():
    gone = sign_checkpoint(KEY, chain="audit_events", seq=9, hash="c" * 64, created_at=WHEN)
    rehashed = sign_checkpoint(KEY, chain="access_events", seq=1, hash="d" * 64, created_at=WHEN)
    problems = check_checkpoints(
        [gone, rehashed], KEY.public_key(), stored({"audit_events": {1: "a" * 64}, "access_events": {1: "e" * 64}})
    )
    assert [(p.code, p.chain, p.seq) for p in problems] == [
        ("checkpoint_hash_mismatch", "access_events", 1),
        ("checkpoint_event_missing", "audit_events", 9),
    ]
    assert all(p.checkpoint.describe() in p.message for p in problems)


def test_a_forged_checkpoint_is_reported_and_not_trusted():
    forged = Checkpoint("audit_events", 1, "f" * 64, WHEN, key_id(KEY.public_key()), "c2lnbmF0dXJl")
    by_other_key = sign_checkpoint(OTHER_KEY, chain="audit_events", seq=1, hash="f" * 64, created_at=WHEN)
    problems = check_checkpoints([forged, by_other_key], KEY.public_key(), stored({"audit_events": {}}))
    assert [p.code for p in problems] == ["checkpoint_bad_signature"] * 2
    assert any(f"signed with key {by_other_key.key_id}" in p.message for p in problems)


@pytest.mark.parametrize(
    "line", ["", "{}", "[1]", '{"chain": "a", "seq": "x", "hash": "", "created_at": "", "key_id": "", "signature": ""}']
)
def test_an_unreadable_line_says_so(line):
    with pytest.raises(UnreadableCheckpoint):
        parse_checkpoint_line(line)


def test_only_ed25519_keys_are_accepted():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(ValueError, match="Ed25519"):
        load_private_key(pem)
