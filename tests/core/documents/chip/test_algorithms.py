"""Rule A: the curve table is right, and explicit parameters are matched to named curves or refused."""

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from borderdesk.core.documents.chip.algorithms import (
    CURVE_PARAMETERS,
    Unsupported,
    digest,
    hash_algorithm,
    public_key,
    verify_signature,
)

from .pki import CURVES, new_key, sign, spki

_UNCOMPRESSED = (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


@pytest.mark.parametrize(("table_name", "curve"), list(CURVES.values()))
def test_the_curve_table_matches_the_curves_cryptography_implements(table_name, curve):
    parameters = CURVE_PARAMETERS[table_name]
    size = (parameters.p.bit_length() + 7) // 8
    generator = ec.derive_private_key(1, curve).public_key().public_bytes(*_UNCOMPRESSED)
    assert generator == parameters.g
    x, y = int.from_bytes(parameters.g[1 : 1 + size], "big"), int.from_bytes(parameters.g[1 + size :], "big")
    assert (y * y - (x**3 + parameters.a * x + parameters.b)) % parameters.p == 0
    # (n - 1) G = -G: the order and the field prime are right too
    minus_g = ec.derive_private_key(parameters.n - 1, curve).public_key().public_bytes(*_UNCOMPRESSED)
    assert minus_g == b"\x04" + x.to_bytes(size, "big") + (parameters.p - y).to_bytes(size, "big")


@pytest.mark.parametrize("kind", list(CURVES))
def test_explicit_parameters_name_their_curve(kind):
    key = new_key(kind)
    loaded = public_key(spki(key, explicit=True))
    assert loaded.curve.name == key.curve.name and loaded.public_numbers() == key.public_key().public_numbers()


def test_explicit_parameters_of_another_curve_are_unsupported():
    info = spki(new_key("bp256"), explicit=True)
    curve = info["algorithm"]["parameters"].chosen["curve"]
    curve["b"] = bytes([curve["b"].native[0] ^ 1]) + curve["b"].native[1:]
    with pytest.raises(Unsupported):
        public_key(info)


def test_unsupported_keys_and_digests():
    with pytest.raises(Unsupported):
        public_key(spki(new_key("ed25519")))
    with pytest.raises(Unsupported):
        public_key(spki(ec.generate_private_key(ec.SECP256K1())))
    with pytest.raises(Unsupported):
        hash_algorithm("1.2.840.113549.2.5")  # MD5
    assert len(digest("2.16.840.1.101.3.4.2.3", b"")) == 64


def test_an_rsa_key_given_as_id_rsassa_pss():
    key = new_key("rsa")
    info = spki(key)
    pss_info = keys.PublicKeyInfo({"algorithm": {"algorithm": "rsassa_pss"}, "public_key": info["public_key"].parsed})
    assert pss_info["algorithm"]["algorithm"].dotted == "1.2.840.113549.1.1.10"
    signed_with, signature = sign(key, "pss", b"data")
    assert verify_signature(pss_info, signed_with, b"data", signature) is True
    assert verify_signature(pss_info, signed_with, b"other", signature) is False


def test_a_bare_rsa_encryption_signature_needs_the_signer_info_digest():
    key = new_key("rsa")
    signed_with, signature = sign(key, "rsa", b"data", "sha384")
    assert verify_signature(spki(key), signed_with, b"data", signature, "2.16.840.1.101.3.4.2.2") is True
    with pytest.raises(Unsupported):
        verify_signature(spki(key), signed_with, b"data", signature)
