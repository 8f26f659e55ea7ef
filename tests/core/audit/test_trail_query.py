"""The auditor's query string: every value checked, any input either a query or an error with a stable code."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.audit.trail_query import (
    MAX_SEQ,
    TrailQuery,
    TrailQueryError,
    parse_trail_query,
)

NAMES = ["person", "officer", "post", "action", "purpose", "since", "until", "before", "after", "other"]
CODES = {
    "value_too_long",
    "invalid_character",
    "invalid_person",
    "invalid_post",
    "unknown_action",
    "invalid_date",
    "date_range_reversed",
    "invalid_page",
}
LIKELY = st.one_of(
    st.text(max_size=200),
    st.integers(min_value=-5, max_value=2**70).map(str),
    st.dates().map(date.isoformat),
    st.sampled_from([a.value for a in AuditAction] + ["inspection", "nonsense", "UCX", "ucx"]),
)


@given(st.dictionaries(st.sampled_from(NAMES), LIKELY))
def test_any_query_string_is_a_query_or_a_clear_error(params):
    try:
        query = parse_trail_query(params)
    except TrailQueryError as exc:
        assert exc.code in CODES and exc.field in NAMES and exc.message
        return
    assert parse_trail_query(query.filters()) == TrailQuery(**{**query.__dict__, "before": None, "after": None})
    assert query.before is None or 0 < query.before <= MAX_SEQ


def test_a_full_query_is_read_and_written_back():
    query = parse_trail_query(
        {
            "person": " 42 ",
            "officer": "officer",
            "post": "ucx",
            "action": "inspection",
            "since": "2026-01-01",
            "until": "2026-01-31",
            "before": "900",
            "csrfmiddlewaretoken": "ignored",
        }
    )
    assert query == TrailQuery(42, "officer", "UCX", "inspection", "", date(2026, 1, 1), date(2026, 1, 31), 900)
    assert query.filters() == {
        "person": "42",
        "officer": "officer",
        "post": "UCX",
        "action": "inspection",
        "since": "2026-01-01",
        "until": "2026-01-31",
    }
    assert AuditAction.INSPECTION_DECISION_REFUSE in query.actions
    assert all(action.context == "inspection" for action in query.actions)


def test_one_action_or_none():
    assert parse_trail_query({"action": "inspection.decision.refuse"}).actions == (
        AuditAction.INSPECTION_DECISION_REFUSE,
    )
    assert parse_trail_query({}).actions == () and parse_trail_query({}) == TrailQuery()


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"person": "0"}, "invalid_person"),
        ({"person": str(MAX_SEQ + 1)}, "invalid_person"),
        ({"person": "４２"}, "invalid_person"),  # full-width digits: str.isdigit says yes, a database no
        ({"before": "1.5"}, "invalid_page"),
        ({"since": "2026-1-1"}, "invalid_date"),
        ({"post": "UCX1234567890"}, "invalid_post"),
        ({"purpose": "p" * 151}, "value_too_long"),
    ],
)
def test_bad_values(params, code):
    with pytest.raises(TrailQueryError) as exc:
        parse_trail_query(params)
    assert exc.value.code == code
