"""A referral's checks: kind, reason, exactly the shareable fields; plain Python."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.partners import (
    REASON_MAX,
    SHAREABLE,
    VALUE_MAX,
    PartnerProblem,
    check_partner_reference,
    check_referral,
    check_signature_name,
)


def code_of(call) -> str:
    with pytest.raises(PartnerProblem) as refused:
        call()
    return refused.value.code


def test_values_become_text_as_shared():
    draft = check_referral(
        "handover",
        "  Found at sea.  ",
        {
            "birth_date": date(1990, 1, 2),
            "occurred_at": datetime(2026, 3, 1, 4, 5, tzinfo=UTC),
            "latitude": Decimal("41.123456"),
            "remarks": None,
            "surname": " ERIKSSON ",
        },
    )
    assert draft.reason == "Found at sea."
    assert draft.shared == {
        "birth_date": "1990-01-02",
        "occurred_at": "2026-03-01T04:05:00+00:00",
        "latitude": "41.123456",
        "remarks": "",
        "surname": "ERIKSSON",
    }


@given(st.dictionaries(st.text(max_size=30), st.text(max_size=50), min_size=1, max_size=8))
def test_only_shareable_fields_pass(shared):
    if set(shared) <= set(SHAREABLE):
        assert set(check_referral("referral", "why", shared).shared) == set(shared)
    else:
        assert code_of(lambda: check_referral("referral", "why", shared)) == "field_not_shareable"


@pytest.mark.parametrize(
    ("kind", "reason", "shared", "code"),
    [
        ("transfer", "why", {"surname": "A"}, "kind_invalid"),
        ("referral", "", {"surname": "A"}, "reason_required"),
        ("referral", "x" * (REASON_MAX + 1), {"surname": "A"}, "reason_too_long"),
        ("referral", "why", {}, "nothing_shared"),
        ("referral", "why", "surname", "shared_invalid"),
        ("referral", "why", {"surname": ["A"]}, "value_invalid"),
        ("referral", "why", {"surname": True}, "value_invalid"),
        ("referral", "why", {"remarks": "x" * (VALUE_MAX + 1)}, "value_too_long"),
    ],
)
def test_bad_referrals_are_refused_with_a_code(kind, reason, shared, code):
    assert code_of(lambda: check_referral(kind, reason, shared)) == code


def test_signatures_and_references_are_bounded():
    assert check_signature_name("  Sgt   Ana  Lopes ", field="s") == "Sgt Ana Lopes"
    assert code_of(lambda: check_signature_name("   ", field="s")) == "signature_required"
    assert code_of(lambda: check_signature_name("x" * 201, field="s")) == "signature_too_long"
    assert check_partner_reference(" P-1 ") == "P-1"
    assert code_of(lambda: check_partner_reference("x" * 101)) == "partner_reference_too_long"
