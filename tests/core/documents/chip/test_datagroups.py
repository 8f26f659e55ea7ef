"""The chip's files: BER TLVs, EF.COM, DG1 and DG2."""

from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.documents.chip import dg1_mrz, parse_dg2, parse_ef_com
from borderdesk.core.documents.chip.datagroups import read_tlv

from .pki import JPEG, TD3, make_dg1, make_dg2, make_ef_com, tlv

JPEG2000 = b"\x00\x00\x00\x0cjP  \r\n\x87\n" + b"\x00" * 40


def test_tlv_lengths_short_and_long():
    for size in (0, 5, 127, 128, 255, 256, 70000):
        item = read_tlv(tlv(0x77, b"\x01" * size) + b"trailing")
        assert item is not None and item.tag == 0x77 and len(item.value) == size
    assert read_tlv(tlv(0x5F1F, b"abc")).tag == 0x5F1F
    assert read_tlv(b"\x77\x82\x01") is None and read_tlv(b"\x77\x05abc") is None and read_tlv(b"\x77\x80") is None


def test_dg1_gives_the_mrz():
    assert dg1_mrz(make_dg1()) == TD3
    assert dg1_mrz(tlv(0x61, tlv(0x5F20, b"x"))) is None and dg1_mrz(b"\x75\x00") is None


def test_dg2_gives_the_face_image_and_its_format():
    face = parse_dg2(make_dg2())
    assert (face.format, face.data, face.width, face.height) == ("jpeg", JPEG, 240, 320)
    assert parse_dg2(make_dg2(JPEG2000)).format == "jpeg2000"
    assert parse_dg2(make_dg2(b"no image at all")) is None
    assert parse_dg2(make_dg2()[:-10]) is None


def test_ef_com_lists_the_data_groups():
    com = parse_ef_com(make_ef_com(b"\x61\x75\x6e\x6f"))
    assert (com.lds_version, com.unicode_version, com.data_groups) == ("0107", "040000", ("DG1", "DG2", "DG14", "DG15"))
    assert parse_ef_com(b"\x60\x02\x5f") is None


@given(st.binary(max_size=300))
def test_the_readers_never_raise(data):
    read_tlv(data)
    dg1_mrz(data)
    parse_dg2(data)
    parse_ef_com(data)
