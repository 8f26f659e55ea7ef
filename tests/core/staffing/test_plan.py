"""Booths per hour (CONTRACTS.md section 5): the worked example, each rule of the contract, properties against the
exact reference model, and the input's checks."""

from __future__ import annotations

import decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from borderdesk.core.staffing import (
    MAX_HOURS,
    MAX_LOAD_ERLANGS,
    HourDemand,
    StaffingError,
    StaffingRequest,
    plan,
    staffing_request,
)
from tests.core.staffing import reference_model

CONTRACT_REQUEST = {
    "service_seconds": 60,
    "target_wait_seconds": 1500,
    "target_share": 0.95,
    "hours": [{"hour": "06:00", "arrivals": 600}, {"hour": "07:00", "arrivals": 1400}],
}


def test_the_contracts_worked_example():
    hours = plan(staffing_request(CONTRACT_REQUEST)).to_dict()["hours"]
    assert hours[0] == {
        "hour": "06:00",
        "booths": 11,
        "load_erlangs": 10.0,
        "share_within_target": 1.0,
        "mean_wait_seconds": 40.9,
        "occupancy": 0.9091,
    }
    booths, a = reference_model.fewest_booths(Fraction(1400), Fraction(60), Fraction(1500), Fraction("0.95"))
    exact_c = reference_model.erlang_c(booths, a)
    assert hours[1] == {
        "hour": "07:00",
        "booths": booths,
        "load_erlangs": 23.3333,
        "share_within_target": 1.0,
        "mean_wait_seconds": round(float(exact_c * 60 / (booths - a)), 1),
        "occupancy": round(float(a / booths), 4),
    }


def test_no_arrivals_need_no_booth_and_the_hours_keep_their_order():
    request = {**CONTRACT_REQUEST, "hours": [{"hour": "09:00", "arrivals": 0}, {"hour": "08:00", "arrivals": 600}]}
    hours = plan(staffing_request(request)).to_dict()["hours"]
    assert [hour["hour"] for hour in hours] == ["09:00", "08:00"]
    assert hours[0] == {
        "hour": "09:00",
        "booths": 0,
        "load_erlangs": 0.0,
        "share_within_target": 1.0,
        "mean_wait_seconds": 0.0,
        "occupancy": 0.0,
    }
    assert hours[1]["booths"] == 11
    assert plan(staffing_request({**CONTRACT_REQUEST, "hours": []})).to_dict() == {"hours": []}


def test_a_whole_load_needs_more_booths_than_the_load():
    # n > a strictly: at exactly 10 Erlangs, 10 booths would never empty the queue
    request = {**CONTRACT_REQUEST, "target_wait_seconds": 0, "target_share": 0.01}
    assert plan(staffing_request(request)).hours[0].booths == 11


def test_a_target_wait_of_zero_asks_that_share_not_wait_at_all():
    # the share is then 1 - C(n, 10): 1 - 0.2853 with 13 booths misses 0.8, 1 - 0.1741 with 14 meets it
    request = {**CONTRACT_REQUEST, "target_wait_seconds": 0, "target_share": 0.8}
    first = plan(staffing_request(request)).hours[0]
    assert (first.booths, round(first.share_within_target, 4)) == (14, 0.8259)


arrivals = st.one_of(
    st.integers(min_value=0, max_value=900), st.fractions(min_value=0, max_value=900, max_denominator=10)
)
service_seconds = st.integers(min_value=1, max_value=240)
target_waits = st.integers(min_value=0, max_value=3600)
target_shares = st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100), max_denominator=1000)


@given(arrivals=arrivals, service=service_seconds, wait=target_waits, share=target_shares)
def test_the_booths_agree_with_the_exact_reference(arrivals, service, wait, share):
    expected, a = reference_model.fewest_booths(Fraction(arrivals), Fraction(service), Fraction(wait), share)
    # Leave out the ties that only the 60th digit decides: floats cannot, and need not, split them.
    for n in (expected - 1, expected):
        if n > a:
            gap = reference_model.share_within(n, a, Fraction(wait), Fraction(service)) - reference_model.as_decimal(
                share
            )
            assume(abs(gap) > decimal.Decimal("1e-9"))

    request = StaffingRequest(service, wait, float(share), (HourDemand("06:00", float(arrivals)),))
    hour = plan(request).hours[0]
    assert hour.booths == expected
    assert hour.load_erlangs == pytest.approx(float(a), rel=1e-14)
    if expected:
        exact_c = reference_model.erlang_c(expected, a)
        assert hour.mean_wait_seconds == pytest.approx(float(exact_c * service / (expected - a)), rel=1e-9)
        assert hour.occupancy == pytest.approx(float(a / expected), rel=1e-14)
        assert hour.share_within_target >= float(share)


@given(
    first=st.floats(min_value=0, max_value=200_000),
    more=st.floats(min_value=0, max_value=100_000),
    service=st.floats(min_value=1, max_value=90),
    wait=st.floats(min_value=0, max_value=3600),
    share=st.floats(min_value=0.01, max_value=0.99),
)
def test_more_arrivals_never_need_fewer_booths(first, more, service, wait, share):
    hours = (HourDemand("a", first), HourDemand("b", first + more))
    fewer, busier = plan(StaffingRequest(service, wait, share, hours)).hours
    assert fewer.booths <= busier.booths


@given(
    arrivals=st.floats(min_value=0, max_value=100_000),
    service=st.floats(min_value=1, max_value=90),
    wait=st.floats(min_value=0, max_value=3600),
    longer=st.floats(min_value=0, max_value=3600),
    share=st.floats(min_value=0.01, max_value=0.98),
    higher=st.floats(min_value=0, max_value=0.01),
)
def test_a_stricter_target_never_needs_fewer_booths(arrivals, service, wait, longer, share, higher):
    hour = (HourDemand("06:00", arrivals),)
    base = plan(StaffingRequest(service, wait, share, hour)).hours[0].booths
    assert plan(StaffingRequest(service, wait, share + higher, hour)).hours[0].booths >= base
    assert plan(StaffingRequest(service, wait + longer, share, hour)).hours[0].booths <= base


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"target_share": 0}, "share_out_of_range"),
        ({"target_share": 1}, "share_out_of_range"),
        ({"target_share": 1.5}, "share_out_of_range"),
        ({"target_share": -0.1}, "share_out_of_range"),
        ({"service_seconds": 0}, "non_positive_service_time"),
        ({"service_seconds": -60}, "non_positive_service_time"),
        ({"target_wait_seconds": -1}, "negative_target_wait"),
        ({"hours": [{"hour": "06:00", "arrivals": -1}]}, "negative_arrivals"),
        ({"hours": [{"hour": "06:00", "arrivals": 1e12}]}, "load_too_large"),
        ({"hours": [{"hour": "06:00", "arrivals": 10**400}]}, "wrong_type"),
        ({"hours": [{"hour": "06:00", "arrivals": 1}] * (MAX_HOURS + 1)}, "too_many_hours"),
        ({"service_seconds": None}, "missing_field"),
        ({"hours": [{"hour": "06:00"}]}, "missing_field"),
        ({"hours": [{"arrivals": 5}]}, "missing_field"),
        ({"target_share": "0.95"}, "wrong_type"),
        ({"service_seconds": True}, "wrong_type"),
        ({"target_wait_seconds": float("nan")}, "wrong_type"),
        ({"service_seconds": float("inf")}, "wrong_type"),
        ({"hours": {"06:00": 600}}, "wrong_type"),
        ({"hours": [600]}, "wrong_type"),
        ({"hours": [{"hour": 6, "arrivals": 600}]}, "wrong_type"),
        ({"hours": [{"hour": ["06:00"], "arrivals": 600}]}, "wrong_type"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code(change, code):
    with pytest.raises(StaffingError) as raised:
        staffing_request({**CONTRACT_REQUEST, **change})
    assert raised.value.code == code
    assert raised.value.message and len(raised.value.message) < 200


@pytest.mark.parametrize("missing", ["service_seconds", "target_wait_seconds", "target_share", "hours"])
def test_every_field_is_required(missing):
    request = {key: value for key, value in CONTRACT_REQUEST.items() if key != missing}
    with pytest.raises(StaffingError) as raised:
        staffing_request(request)
    assert (raised.value.code, missing in raised.value.message) == ("missing_field", True)


@pytest.mark.parametrize("request_", [[CONTRACT_REQUEST], "06:00", 600, None])
def test_anything_but_an_object_is_refused(request_):
    with pytest.raises(StaffingError) as raised:
        staffing_request(request_)
    assert raised.value.code == "not_an_object"


def test_the_dataclasses_check_themselves_when_built_directly():
    with pytest.raises(StaffingError) as raised:
        HourDemand("06:00", float("nan"))
    assert raised.value.code == "negative_arrivals"
    with pytest.raises(StaffingError) as raised:
        StaffingRequest(60, 1500, 0.95, (HourDemand("06:00", MAX_LOAD_ERLANGS * 60 + 1),))
    assert raised.value.code == "load_too_large"
    assert StaffingRequest(60, 1500, 0.95, (HourDemand("06:00", MAX_LOAD_ERLANGS * 60),)).hours[0].arrivals > 0
