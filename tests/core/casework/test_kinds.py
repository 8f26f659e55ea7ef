"""Kinds of application as data: the bundled ones load, a bad one is refused with a stable code and the path of the
first bad field, and the answers decide which fields are asked, which documents are owed and what is paid."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest
import yaml

from borderdesk.core.access import Role
from borderdesk.core.casework import (
    KindError,
    Period,
    WorkingCalendar,
    answer_problems,
    bundled_kind,
    bundled_kinds,
    decision_due,
    fee_for,
    load_kind,
    missing_answers,
    required_documents,
    visible_fields,
)
from borderdesk.core.casework.kinds import LETTERS, ROLE_NAMES

KIND_DIR = resources.files("borderdesk.core.casework") / "kinds"
BUNDLED = (
    "change_of_status",
    "extension_of_stay",
    "family_reunification",
    "long_stay_visa",
    "naturalisation",
    "permanent_residence",
    "short_stay_visa",
    "study_permit",
    "work_permit",
)


def document(kind_id: str = "short_stay_visa") -> dict:
    """A fresh, unshared copy of a bundled kind's YAML (the JSON round trip undoes YAML's anchors)."""
    return json.loads(json.dumps(yaml.safe_load((KIND_DIR / f"{kind_id}.yaml").read_text(encoding="utf-8"))))


def codes(documents) -> list[str]:
    return [item.code for item in documents]


# -- the bundled kinds ------------------------------------------------------------------------------------------


def test_every_bundled_kind_loads_and_is_named_after_its_file():
    assert tuple(sorted(bundled_kinds())) == BUNDLED
    for kind_id in BUNDLED:
        text = (KIND_DIR / f"{kind_id}.yaml").read_text(encoding="utf-8")
        assert load_kind(text) == bundled_kind(kind_id)


@pytest.mark.parametrize("kind_id", BUNDLED)
def test_every_value_that_is_law_cites_it(kind_id):
    kind = bundled_kind(kind_id)
    bases = [kind.legal_basis, kind.fee.legal_basis, kind.decision_deadline.legal_basis, kind.four_eyes.legal_basis]
    bases += [item.legal_basis for item in kind.documents] + [rate.legal_basis for rate in kind.fee.rates]
    assert all(basis and basis.instrument and basis.article and basis.url.startswith("https://") for basis in bases)
    assert kind.deciders and kind.deciders <= ROLE_NAMES
    assert kind.four_eyes.outcomes and kind.four_eyes.outcomes <= {"approve", "refuse"}
    assert all(getattr(kind.letters, name) for name in LETTERS)


def test_casework_knows_the_same_roles_as_access():
    # casework may not import core.access (the cores are independent); its copy of the role names must not drift.
    assert {role.value for role in Role} == ROLE_NAMES


def test_a_bundled_deadline_counts_with_the_posts_calendar():
    berlin = WorkingCalendar("DE", subdivision="BE")
    assert bundled_kind("short_stay_visa").decision_deadline.period == Period(15)
    assert decision_due(date(2026, 3, 2), bundled_kind("short_stay_visa").decision_deadline.period, berlin) == date(
        2026, 3, 17
    )
    # Ten working days from Friday 2026-07-17 at a Utopian office: the Day of the Island (24th) does not count.
    extension = bundled_kind("extension_of_stay").decision_deadline.period
    assert extension == Period(10, working=True)
    assert decision_due(date(2026, 7, 17), extension, WorkingCalendar("UTO")) == date(2026, 8, 3)


def test_where_a_kind_is_lodged_and_what_needs_a_second_pair_of_eyes():
    visa, extension, work = (
        bundled_kind("short_stay_visa"),
        bundled_kind("extension_of_stay"),
        bundled_kind("work_permit"),
    )
    assert visa.may_be_lodged_at("embassy") and visa.may_be_lodged_at("consulate")
    assert not visa.may_be_lodged_at("inland_office") and not visa.may_be_lodged_at("airport")
    assert extension.may_be_lodged_at("inland_office") and not extension.may_be_lodged_at("consulate")
    assert work.may_be_lodged_at("inland_office") and work.may_be_lodged_at("embassy")
    assert visa.needs_approval("refuse") and not visa.needs_approval("approve")
    assert bundled_kind("permanent_residence").needs_approval("approve")


def test_an_unknown_kind_names_the_kinds_there_are():
    with pytest.raises(KindError) as refused:
        bundled_kind("golden_visa")
    assert refused.value.code == "unknown_kind" and "short_stay_visa" in refused.value.message


def test_a_new_kind_needs_no_code():
    data = document("short_stay_visa")
    data.update(id="airport_transit_visa", title="Airport transit visa")
    kind = load_kind(data)
    assert kind.id == "airport_transit_visa" and kind.form == bundled_kind("short_stay_visa").form


# -- refused, with a stable code and the path of the first bad field --------------------------------------------


def _set(path: tuple, value):
    def mutate(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return mutate


def _drop(path: tuple):
    def mutate(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return mutate


REFUSALS = {
    "missing_field": (_drop(("fee", "currency")), "fee.currency"),
    "malformed_input": (_set(("documents", 1, "required"), "yes"), "documents[1].required"),
    "unknown_field": (_set(("documents", 5, "when", "equal"), "tourism"), "documents[5].when.equal"),
    "unknown_role": (_set(("deciders", 1), "consul"), "deciders[1]"),
    "unknown_condition_field": (
        _set(("documents", 2, "when"), {"field": "sponsor", "equals": "x"}),
        "documents[2].when.field",
    ),
    "unknown_choice": (_set(("documents", 5, "when", "equals"), "family_visits"), "documents[5].when.equals"),
    "unknown_nationality": (
        _set(("fee", "exemptions", 0, "nationalities", 2), "XYZ"),
        "fee.exemptions[0].nationalities[2]",
    ),
    "duplicate": (_set(("documents", 9, "code"), "photograph"), "documents[9].code"),
    "unknown_outcome": (_set(("four_eyes", "outcomes"), ["refuse", "annul"]), "four_eyes.outcomes[1]"),
}


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_each_error_code_names_the_bad_field(code):
    mutate, path = REFUSALS[code]
    data = document()
    mutate(data)
    with pytest.raises(KindError) as refused:
        load_kind(data)
    assert (refused.value.code, refused.value.path) == (code, path)
    assert path in str(refused.value) and refused.value.to_dict()["path"] == path


def test_yaml_that_does_not_parse_is_refused_with_its_position():
    with pytest.raises(KindError) as refused:
        load_kind("id: x\ntitle: [unclosed\n")
    assert refused.value.code == "yaml_syntax" and "line" in refused.value.message


@pytest.mark.parametrize(
    ("mutate", "code", "path"),
    [
        # A form field's condition may only name a field asked before it (so conditions never go round in circles).
        (
            _set(("form", 0, "when"), {"field": "entries", "equals": "single"}),
            "unknown_condition_field",
            "form[0].when.field",
        ),
        (_set(("form", 4, "when"), {"field": "purpose"}), "missing_field", "form[4].when"),
        (_set(("form", 4, "when", "in"), ["tourism"]), "malformed_input", "form[4].when.in"),
        (_set(("form", 8, "choices"), ["yes", "no"]), "malformed_input", "form[8].choices"),
        (_drop(("form", 0, "choices")), "missing_field", "form[0].choices"),
        (_set(("form", 0, "choices", 1), "tourism"), "duplicate", "form[0].choices[1]"),
        (_set(("form", 0, "type"), "dropdown"), "malformed_input", "form[0].type"),
        (_set(("form", 3, "key"), "purpose"), "duplicate", "form[3].key"),
        (_set(("form", 2, "key"), "Departure Date"), "malformed_input", "form[2].key"),
        (_set(("fee", "default"), 80.555), "malformed_input", "fee.default"),
        (_set(("fee", "default"), -1), "malformed_input", "fee.default"),
        (_set(("fee", "currency"), "utd"), "malformed_input", "fee.currency"),
        (_set(("fee", "exemptions", 0, "nationalities", 0), "GEO"), "duplicate", "fee.exemptions[0].nationalities[0]"),
        (_set(("decision_deadline", "days"), 0), "malformed_input", "decision_deadline.days"),
        (_set(("decision_deadline", "count"), "business"), "malformed_input", "decision_deadline.count"),
        (_drop(("four_eyes", "legal_basis")), "missing_field", "four_eyes.legal_basis"),
        (_set(("legal_basis", "url"), "legislation.utopia.example"), "malformed_input", "legal_basis.url"),
        (_set(("lodged_at",), "airport"), "malformed_input", "lodged_at"),
        (_drop(("letters", "interview_invitation")), "missing_field", "letters.interview_invitation"),
        (_set(("deciders",), []), "missing_field", "deciders"),
        (_set(("documents", 6, "when", "in"), ["business", "holiday"]), "unknown_choice", "documents[6].when.in[1]"),
    ],
)
def test_more_mistakes_and_where_they_are_reported(mutate, code, path):
    data = document()
    mutate(data)
    with pytest.raises(KindError) as refused:
        load_kind(data)
    assert (refused.value.code, refused.value.path) == (code, path)


def test_condition_values_are_checked_against_the_fields_type():
    data = document("work_permit")
    data["documents"][4]["when"]["equals"] = "no"  # shortage_occupation is a boolean: true or false
    with pytest.raises(KindError) as refused:
        load_kind(data)
    assert (refused.value.code, refused.value.path) == ("malformed_input", "documents[4].when.equals")


def test_a_four_eyes_rule_that_names_no_outcome_needs_no_citation():
    data = document()
    data["four_eyes"] = {"outcomes": []}
    assert not load_kind(data).needs_approval("refuse")


# -- what the answers decide ------------------------------------------------------------------------------------


def test_a_sponsor_letter_only_for_family_visits():
    kind = bundled_kind("short_stay_visa")
    base = {"travel_document_copy", "photograph", "travel_medical_insurance", "means_of_subsistence", "accommodation"}
    assert set(codes(required_documents(kind, {"purpose": "family_visit"}))) == base | {"sponsor_letter"}
    assert set(codes(required_documents(kind, {"purpose": "tourism"}))) == base
    assert set(codes(required_documents(kind, {"purpose": "business"}))) == base | {"invitation_letter"}
    assert set(codes(required_documents(kind, {}))) == base  # an optional document (return ticket) is never owed


def test_refugee_sponsors_need_not_prove_income_or_housing():
    kind = bundled_kind("family_reunification")
    refugee = codes(required_documents(kind, {"sponsor_status": "refugee", "relationship": "child"}))
    citizen = codes(required_documents(kind, {"sponsor_status": "citizen", "relationship": "child"}))
    assert "sponsor_income" not in refugee and "sponsor_residence_permit" in refugee and "birth_certificate" in refugee
    assert {"sponsor_income", "sponsor_housing", "sponsor_identity_card"} <= set(citizen)


def test_a_boolean_condition_is_met_by_false():
    kind = bundled_kind("work_permit")
    assert "labour_market_test" in codes(required_documents(kind, {"shortage_occupation": False}))
    assert "labour_market_test" not in codes(required_documents(kind, {"shortage_occupation": True}))
    assert "labour_market_test" not in codes(required_documents(kind, {}))


def _chained_kind():
    """purpose -> host_relationship (family visits only) -> a document owed only for a spouse."""
    data = document()
    data["documents"].append(
        {
            "code": "marriage_certificate",
            "title": "Marriage certificate",
            "required": True,
            "when": {"field": "host_relationship", "equals": "spouse"},
            "legal_basis": data["documents"][5]["legal_basis"],
        }
    )
    return load_kind(data)


def test_a_condition_on_a_field_not_asked_does_not_hold():
    kind = _chained_kind()
    owed = codes(required_documents(kind, {"purpose": "family_visit", "host_relationship": "spouse"}))
    assert "marriage_certificate" in owed
    # The host relationship is left over from an earlier answer; for tourism it is not asked, so it counts for nothing.
    owed = codes(required_documents(kind, {"purpose": "tourism", "host_relationship": "spouse"}))
    assert "marriage_certificate" not in owed and "sponsor_letter" not in owed


def test_fields_asked_and_answers_missing():
    kind = bundled_kind("short_stay_visa")
    assert "host_name" not in [field.key for field in visible_fields(kind, {"purpose": "tourism"})]
    assert "host_name" in [field.key for field in visible_fields(kind, {"purpose": "family_visit"})]
    answers = {
        "purpose": "family_visit",
        "arrival_date": "2026-05-01",
        "departure_date": "2026-05-20",
        "entries": "single",
        "host_name": "  ",  # blank text is no answer
        "previous_visa": False,  # False is one
    }
    assert missing_answers(kind, answers) == ["host_name", "host_relationship"]
    assert missing_answers(kind, {**answers, "host_name": "Raphael Hythloday", "host_relationship": "sibling"}) == []
    assert missing_answers(kind, {})[:4] == ["purpose", "arrival_date", "departure_date", "entries"]


def test_a_country_condition_accepts_an_alias():
    data = document("permanent_residence")
    data["documents"].append(
        {
            "code": "renunciation_certificate",
            "title": "Certificate of renunciation of German nationality",
            "required": True,
            "when": {"field": "previous_nationality", "in": ["D", "AUT"]},
            "legal_basis": data["documents"][0]["legal_basis"],
        }
    )
    kind = load_kind(data)
    assert kind.documents[-1].when.values == ("DEU", "AUT")
    for answer in ("DEU", "D", "deu"):
        assert "renunciation_certificate" in codes(required_documents(kind, {"previous_nationality": answer}))
    assert "renunciation_certificate" not in codes(required_documents(kind, {"previous_nationality": "FRA"}))


def test_fees_by_nationality():
    kind = bundled_kind("short_stay_visa")
    default, georgian, nepali = fee_for(kind, "D"), fee_for(kind, "GEO"), fee_for(kind, "NPL")
    assert (default.amount, default.currency, default.exempt) == (Decimal(80), "UTD", False)
    assert default.legal_basis.article == "art. 4(1)"
    assert georgian.amount == Decimal(35) and "facilitation" in georgian.legal_basis.article
    assert nepali.amount == Decimal(0) and nepali.exempt and "art. 12(1)(a)" in nepali.legal_basis.article
    assert fee_for(bundled_kind("permanent_residence"), "XXA").exempt  # stateless persons pay nothing
    with pytest.raises(KindError) as refused:
        fee_for(kind, "UTOPIA")
    assert refused.value.code == "unknown_nationality"


def test_amounts_keep_their_cents():
    data = document()
    data["fee"]["default"] = 80.5
    assert fee_for(load_kind(data), "FRA").amount == Decimal("80.50")


def test_of_two_mistakes_the_first_written_is_reported():
    data = document()
    data["id"], data["letters"]["decision"] = "Short Stay", "Decision Letter"
    data["form"][0]["label"] = ""
    with pytest.raises(KindError) as refused:
        load_kind(data)
    assert refused.value.path == "id"
    data["id"] = "short_stay_visa"
    with pytest.raises(KindError) as refused:
        load_kind(data)
    assert refused.value.path == "form[0].label"


def test_answers_of_the_wrong_kind_are_named_by_field():
    kind = bundled_kind("short_stay_visa")
    good = {"purpose": "transit", "arrival_date": date(2026, 5, 1), "final_destination": "d", "previous_visa": False}
    assert answer_problems(kind, {**good, "means_per_day": 120, "host_name": ""}) == {}
    problems = answer_problems(
        kind,
        {
            "purpose": "holiday",
            "arrival_date": "01/05/2026",
            "final_destination": "Narnia",
            "previous_visa": "no",
            "means_per_day": "lots",
            "shoe_size": 42,
        },
    )
    assert sorted(problems) == [
        "arrival_date",
        "final_destination",
        "means_per_day",
        "previous_visa",
        "purpose",
        "shoe_size",
    ]
    assert "'holiday' is not a choice of 'purpose'" in problems["purpose"]
    assert "not a question" in problems["shoe_size"]
