"""Rule A of the contract: the digests, signatures and keys the verifier supports, and nothing else.

``verify_signature`` answers True (verifies), False (does not: a wrong key type is a failure too) or raises
``Unsupported`` when the algorithm, its parameters or the key are outside the supported set. EC keys given with
explicit ECParameters (Doc 9303-12 4.1.6.3 mandates them) are matched to a named curve by p, a, b, G and n.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import algos, keys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    "1.3.14.3.2.26": hashes.SHA1,
    "2.16.840.1.101.3.4.2.4": hashes.SHA224,
    "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
}
_RSA_PKCS1 = {
    "1.2.840.113549.1.1.5": "1.3.14.3.2.26",
    "1.2.840.113549.1.1.14": "2.16.840.1.101.3.4.2.4",
    "1.2.840.113549.1.1.11": "2.16.840.1.101.3.4.2.1",
    "1.2.840.113549.1.1.12": "2.16.840.1.101.3.4.2.2",
    "1.2.840.113549.1.1.13": "2.16.840.1.101.3.4.2.3",
}
_ECDSA = {
    "1.2.840.10045.4.1": "1.3.14.3.2.26",
    "1.2.840.10045.4.3.1": "2.16.840.1.101.3.4.2.4",
    "1.2.840.10045.4.3.2": "2.16.840.1.101.3.4.2.1",
    "1.2.840.10045.4.3.3": "2.16.840.1.101.3.4.2.2",
    "1.2.840.10045.4.3.4": "2.16.840.1.101.3.4.2.3",
}
RSA_ENCRYPTION = "1.2.840.113549.1.1.1"
RSASSA_PSS = "1.2.840.113549.1.1.10"
_MGF1 = "1.2.840.113549.1.1.8"

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey


class Unsupported(Exception):
    """An algorithm, a parameter or a key outside rule A."""


@dataclass(frozen=True, slots=True)
class _Curve:
    p: int
    a: int
    b: int
    g: bytes
    n: int


def _hex_curve(p: str, a: str, b: str, g: str, n: str) -> _Curve:
    return _Curve(p=int(p, 16), a=int(a, 16), b=int(b, 16), g=bytes.fromhex(g), n=int(n, 16))


# Domain parameters as `openssl ecparam -param_enc explicit` gives them (SEC 2, RFC 5639).
CURVE_PARAMETERS = {
    "secp256r1": _hex_curve(
        p=("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
        a=("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
        b=("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
        g=(
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e"
            "162bce33576b315ececbb6406837bf51f5"
        ),
        n=("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
    ),
    "secp384r1": _hex_curve(
        p=("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
        a=("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc"),
        b=("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"),
        g=(
            "04aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760a"
            "b73617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e"
            "5f"
        ),
        n=("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
    ),
    "secp521r1": _hex_curve(
        p=(
            "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            "fffffffffffffffffffffffffffffffffff"
        ),
        a=(
            "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            "ffffffffffffffffffffffffffffffffffc"
        ),
        b=(
            "51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf"
            "073573df883d2c34f1ef451fd46b503f00"
        ),
        g=(
            "0400c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2"
            "ffa8de3348b3c1856a429bf97e7e31c2e5bd66011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd"
            "17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650"
        ),
        n=(
            "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a"
            "5d03bb5c9b8899c47aebb6fb71e91386409"
        ),
    ),
    "brainpoolP256r1": _hex_curve(
        p=("a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377"),
        a=("7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9"),
        b=("26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6"),
        g=(
            "048bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262547ef835c3dac4fd97f8461a14611d"
            "c9c27745132ded8e545c1d54c72f046997"
        ),
        n=("a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"),
    ),
    "brainpoolP384r1": _hex_curve(
        p=("8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123acd3a729901d1a71874700133107ec53"),
        a=("7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f8aa5814a503ad4eb04a8c7dd22ce2826"),
        b=("4a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d57cb4390295dbc9943ab78696fa504c11"),
        g=(
            "041d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8e826e03436d646aaef87b2e247d4af"
            "1e8abe1d7520f9c2a45cb1eb8e95cfd55262b70b29feec5864e19c054ff99129280e4646217791811142820341263c53"
            "15"
        ),
        n=("8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565"),
    ),
    "brainpoolP512r1": _hex_curve(
        p=(
            "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda12ae6a380e6"
            "2881ff2f2d82c68528aa6056583a48f3"
        ),
        a=(
            "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b5"
            "7f1117a72bf2c7b9e7c1ac4d77fc94ca"
        ),
        b=(
            "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc083e67"
            "984050b75ebae5dd2809bd638016f723"
        ),
        g=(
            "0481aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93b97d"
            "5f7c6d5047406a5e688b352209bcb9f8227dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f81"
            "11b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892"
        ),
        n=(
            "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac1047"
            "1db1d381085ddaddb58796829ca90069"
        ),
    ),
}
_CURVES: dict[str, ec.EllipticCurve] = {
    "secp256r1": ec.SECP256R1(),
    "secp384r1": ec.SECP384R1(),
    "secp521r1": ec.SECP521R1(),
    "brainpoolP256r1": ec.BrainpoolP256R1(),
    "brainpoolP384r1": ec.BrainpoolP384R1(),
    "brainpoolP512r1": ec.BrainpoolP512R1(),
}
_CURVE_BY_OID = {
    "1.2.840.10045.3.1.7": "secp256r1",
    "1.3.132.0.34": "secp384r1",
    "1.3.132.0.35": "secp521r1",
    "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
    "1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
    "1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
}


def hash_algorithm(oid: str) -> hashes.HashAlgorithm:
    """The digest of a DigestAlgorithmIdentifier's OID, or Unsupported."""
    if oid not in _DIGESTS:
        raise Unsupported(f"digest algorithm {oid}")
    return _DIGESTS[oid]()


def digest(oid: str, data: bytes) -> bytes:
    hasher = hashes.Hash(hash_algorithm(oid))
    hasher.update(data)
    return hasher.finalize()


def _curve_of(parameters: keys.ECDomainParameters) -> ec.EllipticCurve:
    if parameters.name == "named":
        oid = parameters.chosen.dotted
        if oid not in _CURVE_BY_OID:
            raise Unsupported(f"elliptic curve {oid}")
        return _CURVES[_CURVE_BY_OID[oid]]
    if parameters.name != "specified":
        raise Unsupported("implicitly given elliptic curve")
    domain = parameters.chosen
    if domain["field_id"]["field_type"].dotted != "1.2.840.10045.1.1":
        raise Unsupported("elliptic curve over a characteristic-two field")
    given = (
        domain["field_id"]["parameters"].native,
        int.from_bytes(domain["curve"]["a"].native, "big"),
        int.from_bytes(domain["curve"]["b"].native, "big"),
        domain["base"].native,
        domain["order"].native,
    )
    for name, curve in CURVE_PARAMETERS.items():
        if given == (curve.p, curve.a, curve.b, curve.g, curve.n):
            return _CURVES[name]
    raise Unsupported("explicit elliptic curve parameters of no supported curve")


def public_key(info: keys.PublicKeyInfo) -> PublicKey:
    """The key of a SubjectPublicKeyInfo, or Unsupported. A key that does not decode raises ValueError."""
    oid = info["algorithm"]["algorithm"].dotted
    if oid in (RSA_ENCRYPTION, RSASSA_PSS):
        numbers = info["public_key"].parsed
        return rsa.RSAPublicNumbers(numbers["public_exponent"].native, numbers["modulus"].native).public_key()
    if oid == "1.2.840.10045.2.1":
        curve = _curve_of(info["algorithm"]["parameters"])
        return ec.EllipticCurvePublicKey.from_encoded_point(curve, bytes(info["public_key"].native))
    raise Unsupported(f"public key algorithm {oid}")


def _pss_padding(parameters: algos.RSASSAPSSParams) -> tuple[padding.PSS, hashes.HashAlgorithm]:
    message_hash = hash_algorithm(parameters["hash_algorithm"]["algorithm"].dotted)
    mask = parameters["mask_gen_algorithm"]
    if mask["algorithm"].dotted != _MGF1:
        raise Unsupported(f"mask generation function {mask['algorithm'].dotted}")
    mgf_hash = hash_algorithm(mask["parameters"]["algorithm"].dotted)
    if parameters["trailer_field"].native not in (1, "trailer_field_bc"):
        raise Unsupported("RSASSA-PSS trailer field other than 1")
    return padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=parameters["salt_length"].native), message_hash


def verify_signature(
    key_info: keys.PublicKeyInfo,
    algorithm: algos.SignedDigestAlgorithm,
    data: bytes,
    signature: bytes,
    digest_oid: str | None = None,
) -> bool:
    """Does ``signature`` over ``data`` verify with the key? ``digest_oid`` is the SignerInfo's digestAlgorithm,
    the hash that goes with a bare rsaEncryption signature algorithm. Damaged parameters or keys do not verify."""
    try:
        return _verify(key_info, algorithm, data, signature, digest_oid)
    except Unsupported:
        raise
    except Exception:  # asn1crypto parses lazily: damage anywhere in the key or parameters surfaces here
        return False


def _verify(
    key_info: keys.PublicKeyInfo,
    algorithm: algos.SignedDigestAlgorithm,
    data: bytes,
    signature: bytes,
    digest_oid: str | None,
) -> bool:
    oid = algorithm["algorithm"].dotted
    if oid in _RSA_PKCS1 or oid == RSA_ENCRYPTION:
        if oid == RSA_ENCRYPTION and digest_oid is None:
            raise Unsupported("rsaEncryption signature without a digest algorithm")
        message_hash = hash_algorithm(_RSA_PKCS1.get(oid) or digest_oid or "")
        scheme: padding.AsymmetricPadding | ec.ECDSA = padding.PKCS1v15()
    elif oid == RSASSA_PSS:
        scheme, message_hash = _pss_padding(algorithm["parameters"])
    elif oid in _ECDSA:
        message_hash = hash_algorithm(_ECDSA[oid])
        scheme = ec.ECDSA(message_hash)
    else:
        raise Unsupported(f"signature algorithm {oid}")
    try:
        key = public_key(key_info)
        if isinstance(scheme, ec.ECDSA):
            if not isinstance(key, ec.EllipticCurvePublicKey):
                return False
            key.verify(signature, data, scheme)
        else:
            if not isinstance(key, rsa.RSAPublicKey):
                return False
            key.verify(signature, data, scheme, message_hash)
    except (InvalidSignature, ValueError):
        return False
    return True
