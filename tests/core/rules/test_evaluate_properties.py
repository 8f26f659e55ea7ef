"""Properties of entry evaluation over generated situations (Utopia pack): whatever the facts, the result is a
consistent recommendation."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.rules import Outcome, RulesError, bundled_pack, evaluate_entry, situation_from_dict

PACK = bundled_pack("uto")
NATIONALITIES = ["MYS", "DEU", "CHN", "USA", "IRN", "PAK", "UTO"]


@st.composite
def situations(draw):
    on = date(2023, 6, 1) + timedelta(days=draw(st.integers(0, 900)))
    departure = on + timedelta(days=draw(st.integers(0, 150)))
    situation = {
        "nationality": draw(st.sampled_from(NATIONALITIES)),
        "document": {
            "expiry": (on + timedelta(days=draw(st.integers(-30, 1500)))).isoformat(),
            "issued": (on - timedelta(days=draw(st.integers(0, 4000)))).isoformat(),
            "false": draw(st.booleans()),
        },
        "planned_departure": departure.isoformat(),
        "purpose": draw(st.sampled_from([None, "tourism", "business", "space_tourism"])),
        "purpose_documents": draw(st.lists(st.sampled_from(["accommodation_booking", "invitation_letter"]))),
        "means": {"amount": draw(st.integers(0, 20000)), "currency": "UTD"},
        "return_ticket": draw(st.booleans()),
        "accommodation": draw(st.booleans()),
        "threat_assessed": draw(st.booleans()),
        "minor": draw(st.booleans()),
        "travelling_alone": draw(st.booleans()),
        "previous_overstays": draw(st.integers(0, 2)),
    }
    if draw(st.booleans()):
        start = on - timedelta(days=draw(st.integers(1, 400)))
        situation["stay_history"] = [
            {
                "entry": start.isoformat(),
                "exit": min(on - timedelta(days=1), start + timedelta(days=draw(st.integers(0, 150)))).isoformat(),
            }
        ]
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["visa", "eta", "e_visa", "residence_permit"]))
        situation["authorisation"] = {
            "type": kind,
            "valid_from": (on - timedelta(days=10)).isoformat(),
            "valid_to": (on + timedelta(days=draw(st.integers(-5, 200)))).isoformat(),
        }
    if draw(st.booleans()):
        situation["watchlist_alert"] = {
            "action": draw(st.sampled_from(["refuse_entry", "arrest", "discreet_check", "inform"]))
        }
    return situation_from_dict(situation), on


@settings(max_examples=300, deadline=None)
@given(situations())
def test_recommendation_is_consistent(case):
    situation, on = case
    result = evaluate_entry(PACK, situation, on)
    refused = result.outcome is Outcome.REFUSE_RECOMMENDED
    assert refused == bool(result.refusal_grounds)
    if situation.nationality == PACK.jurisdiction:  # own nationals: no stay rule, no end date, never a refusal
        assert result.stay is None and result.admit_until is None and not refused
        assert result.trace.result == result.outcome.value
        return
    if refused:
        assert result.admit_until is None
    else:
        assert on <= result.admit_until <= situation.planned_departure
        if result.admit_until < situation.planned_departure:
            assert result.outcome is not Outcome.ADMIT
    if result.outcome is Outcome.ADMIT:
        assert not result.conditions
    assert result.trace.result == result.outcome.value
    assert result.days_left == max(0, result.stay.limit - result.days_used)
    json.dumps(result.to_dict())


BASE = {
    "nationality": "DEU",
    "document": {"expiry": "2030-01-01", "issued": "2022-01-01"},
    "planned_departure": "2025-03-14",
    "purpose": "tourism",
    "purpose_documents": ["accommodation_booking"],
    "means": {"amount": 5000, "currency": "UTD"},
    "return_ticket": True,
    "accommodation": True,
    "authorisation": {"type": "visa", "valid_from": "2025-01-01", "valid_to": "2025-12-31"},
    "watchlist_alert": {"action": "inform"},
    "stay_history": [{"entry": "2025-01-01", "exit": "2025-01-05"}],
}
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("2025-02-30"),
    st.just("ZZZ"),
)
PATHS = [(key,) for key in BASE] + [
    ("document", "expiry"),
    ("document", "issued"),
    ("means", "amount"),
    ("authorisation", "type"),
    ("authorisation", "valid_to"),
    ("authorisation", "entries_allowed"),
    ("watchlist_alert", "action"),
    ("stay_history", 0),
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATHS), JUNK)
def test_any_bad_fact_is_a_rules_error_never_a_crash(path, junk):
    data = json.loads(json.dumps(BASE))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = junk
    try:
        evaluate_entry(PACK, situation_from_dict(data), date(2025, 3, 1))
    except RulesError as error:
        assert error.code and error.message
