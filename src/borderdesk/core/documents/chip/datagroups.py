"""The chip's files as ICAO Doc 9303-10 lays them out: BER TLVs, EF.COM, DG1 (the MRZ) and DG2 (the face).

Every reader here returns None for bytes that are not what it expects; none of them raises on any input.
"""

from __future__ import annotations

from dataclasses import dataclass

# EF.COM's tag list names data groups by their tags (Doc 9303-10 table 33).
DG_TAGS = {
    0x61: "DG1", 0x75: "DG2", 0x63: "DG3", 0x76: "DG4", 0x65: "DG5", 0x66: "DG6", 0x67: "DG7", 0x68: "DG8",
    0x69: "DG9", 0x6A: "DG10", 0x6B: "DG11", 0x6C: "DG12", 0x6D: "DG13", 0x6E: "DG14", 0x6F: "DG15", 0x70: "DG16",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Tlv:
    tag: int
    value: bytes
    end: int  # offset just after this TLV in the buffer it was read from


def read_tlv(data: bytes, offset: int = 0) -> Tlv | None:
    """One BER TLV with a definite length (short form or 81-84) whose value is complete, else None."""
    if offset >= len(data):
        return None
    tag, position = data[offset], offset + 1
    if tag & 0x1F == 0x1F:  # multi-byte tag: continuation bytes have the high bit set
        while True:
            if position >= len(data) or position - offset > 4:
                return None
            tag = (tag << 8) | data[position]
            position += 1
            if not data[position - 1] & 0x80:
                break
    if position >= len(data):
        return None
    first, position = data[position], position + 1
    if first < 0x80:
        length = first
    elif 0x81 <= first <= 0x84:
        count = first - 0x80
        if position + count > len(data):
            return None
        length = int.from_bytes(data[position : position + count], "big")
        position += count
    else:
        return None
    if position + length > len(data):
        return None
    return Tlv(tag, data[position : position + length], position + length)


def read_tlvs(data: bytes) -> list[Tlv] | None:
    """The TLVs that fill ``data`` exactly, else None."""
    items, offset = [], 0
    while offset < len(data):
        item = read_tlv(data, offset)
        if item is None:
            return None
        items.append(item)
        offset = item.end
    return items


def _child(data: bytes, tag: int) -> bytes | None:
    children = read_tlvs(data)
    return next((child.value for child in children or () if child.tag == tag), None)


@dataclass(frozen=True, slots=True)
class EfCom:
    lds_version: str
    unicode_version: str
    data_groups: tuple[str, ...]


def parse_ef_com(data: bytes) -> EfCom | None:
    outer = read_tlv(data)
    if outer is None or outer.tag != 0x60:
        return None
    tags = _child(outer.value, 0x5C)
    if tags is None:
        return None
    return EfCom(
        lds_version=(_child(outer.value, 0x5F01) or b"").decode("latin-1"),
        unicode_version=(_child(outer.value, 0x5F36) or b"").decode("latin-1"),
        data_groups=tuple(DG_TAGS.get(tag, f"tag {tag:02X}") for tag in tags),
    )


def dg1_mrz(data: bytes) -> str | None:
    """The MRZ that DG1 holds (TLV 61 holding TLV 5F1F), as one string without line breaks."""
    outer = read_tlv(data)
    if outer is None or outer.tag != 0x61:
        return None
    value = _child(outer.value, 0x5F1F)
    return None if value is None else value.decode("latin-1")


@dataclass(frozen=True, slots=True)
class FaceImage:
    format: str  # "jpeg" or "jpeg2000"
    data: bytes
    width: int | None
    height: int | None


_FACE_HEADER = 14  # "FAC\0", version, record length (4), number of faces (2): ISO/IEC 19794-5:2005
_FACE_INFO = 20  # facial information block before the feature points
_IMAGE_INFO = 12


def parse_dg2(data: bytes) -> FaceImage | None:
    """The first face image of DG2: 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E or 7F2E biometric data } } }."""
    outer = read_tlv(data)
    if outer is None or outer.tag != 0x75:
        return None
    group = _child(outer.value, 0x7F61)
    template = _child(group, 0x7F60) if group is not None else None
    if template is None:
        return None
    record = _child(template, 0x5F2E)
    if record is None:
        record = _child(template, 0x7F2E)
    return None if record is None else _face_from_record(record)


def _face_from_record(record: bytes) -> FaceImage | None:
    if record[:4] != b"FAC\x00" or len(record) < _FACE_HEADER + _FACE_INFO + _IMAGE_INFO:
        return None
    features = int.from_bytes(record[_FACE_HEADER + 4 : _FACE_HEADER + 6], "big")
    info = _FACE_HEADER + _FACE_INFO + 8 * features
    if len(record) < info + _IMAGE_INFO:
        return None
    image_type = record[info + 1]
    width = int.from_bytes(record[info + 2 : info + 4], "big")
    height = int.from_bytes(record[info + 4 : info + 6], "big")
    image = record[info + _IMAGE_INFO :]
    if image.startswith(b"\xff\xd8\xff"):
        return FaceImage("jpeg", image, width, height)
    if image.startswith((b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51")) or (image and image_type == 1):
        return FaceImage("jpeg2000", image, width, height)
    return None
