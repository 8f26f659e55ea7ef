"""Chips and trust material for the app tests (#19), from the chip core's test PKI: a Utopia country signing CA,
its document signer, and a chip with a real JPEG face that a browser can be shown."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from asn1crypto import pem
from PIL import Image

from tests.core.documents.chip.pki import (
    Party,
    World,
    issue,
    make_dg1,
    make_dg2,
    make_master_list,
    make_world,
    name,
    new_key,
    utc,
)


def face_jpeg(colour=(200, 150, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 64), colour).save(out, format="JPEG")
    return out.getvalue()


def utopia(kind: str = "p256", mrz: str | None = None, country: str = "UT") -> World:
    """A genuine chip signed by Utopia's CSCA, with a real face image; its MRZ is ``mrz`` (the lines of a data page
    joined or not), else the ICAO specimen's (issuing state UTO)."""
    world = make_world(kind, country=country)
    world.data_groups[2] = make_dg2(face_jpeg())
    if mrz is not None:
        world.data_groups[1] = make_dg1(mrz.replace("\n", ""))
    return world


def swapped_face(world: World) -> dict[str, bytes]:
    """The chip's files with another face in DG2: the security object still lists the first face's hash."""
    return world.files | {"DG2": make_dg2(face_jpeg((20, 40, 220)))}


def pem_of(*certificates) -> bytes:
    return b"".join(pem.armor("CERTIFICATE", c.dump()) for c in certificates)


@dataclass
class MasterListIssuer:
    root: Party  # the anchor the administrators import first
    signer: Party

    def sign(self, *cscas) -> bytes:
        return make_master_list(list(cscas), self.signer)

    def forge(self, *cscas) -> bytes:
        return make_master_list(list(cscas), replace(self.signer, key=new_key("p256")))


def master_list_issuer() -> MasterListIssuer:
    root = issue(name("UN", "Master List CA"), new_key("p256"), None, not_before=utc(2020), not_after=utc(2040),
                 ca=True)  # fmt: skip
    signer = issue(name("UN", "Master List Signer"), new_key("p256"), root, not_before=utc(2020),
                   not_after=utc(2040), ca=False)  # fmt: skip
    return MasterListIssuer(root, signer)
