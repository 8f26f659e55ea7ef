"""Rule-pack loading, validation, versions in force, evaluation and its trace."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from borderdesk.core.rules import (
    CHECKS,
    NotInForceError,
    Outcome,
    PackLoadError,
    PackRegistry,
    RulesError,
    Validity,
    VisaMatrix,
    assess_visa_on_arrival,
    bundled_pack,
    evaluate_entry,
    load_pack,
    parse_pack,
    situation_from_dict,
    validate_pack,
)

PACKS = Path(str(resources.files("borderdesk.core.rules") / "packs"))
D = date.fromisoformat


def pack_texts(name: str) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in (PACKS / name).glob("*.yaml")}


def traveller(**overrides) -> dict:
    base = {
        "nationality": "MYS",
        "document": {"expiry": "2030-01-01", "issued": "2022-01-01"},
        "planned_departure": "2025-03-14",
        "purpose": "tourism",
        "purpose_documents": ["accommodation_booking"],
        "means": {"amount": 5000, "currency": "UTD"},
        "return_ticket": True,
        "accommodation": True,
    }
    return {**base, **overrides}


@pytest.mark.parametrize("name", ["uto", "schengen"])
def test_bundled_packs_load_with_a_legal_basis_everywhere(name):
    pack = bundled_pack(name)
    assert pack.rules and pack.refusal_grounds
    for rule in pack.rules:
        assert rule.legal_basis.url.startswith("https://")
        for parameter in rule.parameters.values():
            assert all(value.legal_basis.article for value in parameter.values)
    assert {check for rule in pack.rules for check in [rule.check]} <= set(CHECKS)


def test_schengen_catalogue_is_annex_v_part_b():
    grounds = bundled_pack("schengen").refusal_grounds
    assert sorted(grounds) == list("ABCDEFGHI")
    assert all("Annex V, Part B" in ground.legal_basis.article for ground in grounds.values())


def _broken(texts: dict[str, str], file: str, old: str, new: str) -> dict[str, str]:
    assert old in texts[file], old
    return {**texts, file: texts[file].replace(old, new, 1)}


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "path_start"),
    [
        (
            "pack.yaml",
            "    check: means_of_subsistence\n",
            "    check: means_of_subsistance\n",
            "unknown_check",
            "rules[4].check",
        ),
        (
            "pack.yaml",
            "  - id: watchlist\n    check: watchlist\n    title: No entry ban or refusal alert\n"
            "    valid_from: 2019-07-01\n",
            "  - id: watchlist\n    check: watchlist\n    title: No entry ban or refusal alert\n"
            "    valid_from: 2019-07-32\n",
            "malformed_date",
            "rules[7].valid_from",
        ),
        (
            "pack.yaml",
            "{alert_refuse_entry: UIA-12-1-h}",
            "{alert_refuse_entry: UIA-99}",
            "unknown_ground",
            "rules[7].grounds.alert_refuse_entry",
        ),
        ("pack.yaml", "{threat: UIA-12-1-i}", "{}", "missing_ground", "rules[8].grounds.threat"),
        (
            "pack.yaml",
            "            valid_to: 2024-12-31\n            value: 50\n",
            "            valid_to: 2024-11-30\n            value: 50\n",
            "value_gap",
            "rules[4].parameters.amount_per_day",
        ),
        (
            "pack.yaml",
            "            valid_to: 2024-12-31\n            value: 50\n",
            "            valid_to: 2025-01-31\n            value: 50\n",
            "overlapping_values",
            "rules[4].parameters.amount_per_day",
        ),
        (
            "pack.yaml",
            "values: [{valid_from: 2019-07-01, value: UTD}]",
            "values: [{valid_from: 2019-07-01, value: utd}]",
            "bad_value",
            "rules[4].parameters.currency.values[0].value",
        ),
        (
            "pack.yaml",
            "url: https://legislation.utopia.example/uia-2019#s31",
            "url: legislation/s31",
            "bad_url",
            "rules[7].legal_basis.url",
        ),
        (
            "pack.yaml",
            "    valid_from: 2024-01-01\n    legal_basis:\n      instrument: Utopia Immigration (Amendment) Act 2023\n",
            "    valid_from: 2023-12-01\n    legal_basis:\n      instrument: Utopia Immigration (Amendment) Act 2023\n",
            "overlapping_rules",
            "rules[6]",
        ),
        (
            "pack.yaml",
            "values: [{valid_from: 2024-01-01, value: 120}]",
            "values: [{valid_from: 2024-01-01, value: 365}]",
            "limit_not_below_window",
            "rules[6].parameters.limit_days",
        ),
        (
            "visa_policy.yaml",
            "[BRN, KHM,",
            "[BRN, XYZ, KHM,",
            "unknown_nationality",
            "visa_policy.groups[0].nationalities[1]",
        ),
        (
            "visa_policy.yaml",
            "nationalities: [BGD, COL,",
            "nationalities: [BGD, MYS, COL,",
            "nationality_in_two_groups",
            "visa_policy.groups[4]",
        ),
        ("visa_policy.yaml", "nationalities: [BGD, COL,", "nationalities: [BGD, XKX, COL,", None, None),
        ("visa_policy.yaml", "[BRN, KHM,", "[BRN, XKX, KHM,", None, None),
        (
            "pack.yaml",
            "by_nationality: {CHN: 30,",
            "by_nationality: {XKX: 20, RKS: 25, CHN: 30,",
            "bad_value",
            "rules[2].parameters.fee",
        ),
        (
            "refusal_grounds.yaml",
            "  - code: UIA-12-1-b\n    title: False travel document\n",
            "  - code: UIA-12-1-b\n    title: False travel document\n    legal_basis_missing: true\n",
            None,
            None,
        ),
        (
            "refusal_grounds.yaml",
            "refusal_grounds:\n",
            "refusal_grounds:\n  - code: X\n    title: [\n",
            "yaml_syntax",
            "",
        ),
    ],
)
def test_bad_pack_is_rejected_with_file_path_and_code(file, old, new, code, path_start):
    texts = _broken(pack_texts("uto"), file, old, new)
    issues = validate_pack(texts)
    if code is None:  # an unknown extra key inside a ground is tolerated: nothing to report
        assert issues == []
        return
    assert any(issue.code == code and issue.file == file and issue.path.startswith(path_start) for issue in issues), [
        str(issue) for issue in issues
    ]


def test_missing_legal_basis_is_reported():
    texts = _broken(
        pack_texts("schengen"),
        "pack.yaml",
        "    title: Not a threat (Art. 6(1)(e))\n    valid_from: 2016-04-12\n    legal_basis:\n",
        "    title: Not a threat (Art. 6(1)(e))\n    valid_from: 2016-04-12\n    legal_basis_moved:\n",
    )
    with pytest.raises(PackLoadError) as caught:
        parse_pack(texts)
    assert any(
        issue.code == "missing_legal_basis" and issue.path == "rules[6].legal_basis" for issue in caught.value.issues
    )
    assert caught.value.code == "invalid_pack"
    json.dumps(caught.value.to_dict())


def test_missing_included_file_and_unreadable_directory(tmp_path):
    texts = pack_texts("uto")
    del texts["visa_policy.yaml"]
    assert any(issue.code == "missing_file" for issue in validate_pack(texts))
    with pytest.raises(PackLoadError) as caught:
        load_pack(tmp_path)
    assert caught.value.issues[0].code == "cannot_read"


def test_a_pack_that_does_not_load_never_replaces_the_one_in_force():
    registry = PackRegistry()
    registry.publish_documents(pack_texts("uto"))
    bad = _broken(pack_texts("uto"), "pack.yaml", 'version: "2025.1"', 'version: "2026.1"\nvalid_to: 2010-01-01')
    with pytest.raises(PackLoadError):
        registry.publish_documents(bad)
    assert [pack.version for pack in registry.versions("uto")] == ["2025.1"]
    assert registry.in_force("uto", D("2025-03-01")).version == "2025.1"


def test_the_version_in_force_on_the_decision_date_is_used():
    uto = bundled_pack("uto")
    registry = PackRegistry()
    old = registry.publish(replace(uto, validity=Validity(D("2019-07-01"), D("2025-12-31"))))
    newer = registry.publish(replace(uto, version="2026.1", validity=Validity(D("2026-01-01"))))
    assert registry.in_force("uto", D("2025-12-31")) is old
    assert registry.in_force("uto", D("2026-01-01")) is newer
    with pytest.raises(NotInForceError) as caught:
        registry.in_force("uto", D("2019-06-30"))
    assert caught.value.code == "no_rule_in_force"
    with pytest.raises(RulesError) as caught:
        registry.publish(newer)
    assert caught.value.code == "duplicate_version"
    result = registry.evaluate("uto", situation_from_dict(traveller(planned_departure="2026-01-10")), D("2026-01-01"))
    assert result.pack_version == "2026.1"
    assert result.to_dict()["pack"] == {"id": "uto", "version": "2026.1"}


def test_trace_names_every_rule_value_and_fact_and_serialises():
    pack = bundled_pack("uto")
    result = evaluate_entry(pack, situation_from_dict(traveller()), D("2025-03-01"))
    recorded = json.loads(json.dumps(result.to_dict()))
    assert recorded["pack"] == {"id": "uto", "version": "2025.1"}
    assert recorded["advisory"] is True
    in_force = [rule.id for rule in pack.rules_in_force(D("2025-03-01")) if rule.check != "visa_on_arrival"]
    assert result.trace.names("rule") == in_force
    assert {"amount_per_day", "limit_days", "min_validity_after_departure_months"} <= set(result.trace.names("value"))
    assert {"document.expiry", "means.amount", "planned_departure", "return_ticket"} <= set(result.trace.names("fact"))
    means = next(node for node in recorded["trace"]["children"] if node["name"] == "means_of_subsistence")
    amount = next(node for node in means["children"] if node["name"] == "amount_per_day")
    assert amount["result"] == 75
    assert amount["detail"]["validity"] == {"valid_from": "2025-01-01", "valid_to": None}
    assert amount["detail"]["legal_basis"]["instrument"] == "Utopia Immigration (Amendment) Regulations 2024"


def test_refusal_is_only_ever_a_recommendation_with_grounds_and_legal_text():
    result = evaluate_entry(bundled_pack("uto"), situation_from_dict(traveller(threat_assessed=True)), D("2025-03-01"))
    assert result.outcome is Outcome.REFUSE_RECOMMENDED
    assert result.admit_until is None
    [ground] = result.refusal_grounds
    assert ground.code == "UIA-12-1-i" and ground.legal_basis.article == "s. 12(1)(i)"


def test_schengen_pack_needs_a_matrix():
    situation = situation_from_dict(traveller(nationality="USA", means={"amount": 5000, "currency": "EUR"}))
    with pytest.raises(RulesError) as caught:
        evaluate_entry(bundled_pack("schengen"), situation, D("2025-03-01"))
    assert caught.value.code == "visa_matrix_required"
    no_admission = VisaMatrix.from_csv("Passport,Destination,Requirement\nUSA,DEU,no admission\n")
    result = evaluate_entry(bundled_pack("schengen"), situation, D("2025-03-01"), no_admission)
    assert [g.code for g in result.refusal_grounds] == ["C"]
    assert "nationality_not_admitted" in result.reasons


def test_visa_on_arrival_assessment():
    pack = bundled_pack("uto")
    eligible = assess_visa_on_arrival(pack, situation_from_dict(traveller(nationality="IND")), D("2025-03-01"))
    assert eligible.to_dict() == {
        "eligible": True,
        "reasons": [],
        "fee": {"amount": 30, "currency": "UTD"},
        "length_of_stay_days": 30,
        "entries": 1,
        "valid_until": "2025-03-30",
        "documents_required": ["return_ticket", "means_of_subsistence", "accommodation"],
        "documents_missing": [],
        "documents_to_check": [],
    }
    refused = assess_visa_on_arrival(
        pack,
        situation_from_dict(
            traveller(nationality="IND", return_ticket=False, watchlist_alert={"action": "refuse_entry"})
        ),
        D("2025-03-01"),
    )
    assert not refused.eligible
    assert set(refused.reasons) == {"watchlist_refuse_entry", "visa_on_arrival_missing_return_ticket"}
    not_listed = assess_visa_on_arrival(pack, situation_from_dict(traveller(nationality="IRN")), D("2025-03-01"))
    assert not_listed.reasons == ["nationality_not_eligible_for_visa_on_arrival"]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"nationality": "MY"}, "nationality"),
        ({"document": None}, "document"),
        ({"document": {"expiry": "2030-02-30"}}, "document.expiry"),
        ({"means": {"amount": -1}}, "means.amount"),
        ({"means": {"amount": float("nan")}}, "means.amount"),
        ({"authorisation": {"type": "golden_ticket"}}, "authorisation.type"),
        ({"watchlist_alert": {"action": "shoot"}}, "watchlist_alert.action"),
        ({"previous_overstays": "two"}, "previous_overstays"),
        ({"stay_history": [{"entry": "2025-01-05", "exit": "2025-01-01"}]}, "stay_history"),
    ],
)
def test_malformed_situations_name_the_field(data, path):
    with pytest.raises(RulesError) as caught:
        situation_from_dict(traveller(**data))
    assert caught.value.details["path"] == path


def test_core_imports_no_django_and_no_upper_layer():
    import subprocess
    import sys

    code = (
        "import sys, borderdesk.core.rules as r; r.bundled_pack('uto'); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'ninja') or "
        "m.startswith(('borderdesk.apps', 'borderdesk.config', 'borderdesk.cli', 'borderdesk.api'))]; "
        "print(','.join(bad))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == ""


def test_a_pack_that_writes_kosovo_as_xkx_applies_to_a_kosovar_passport_rks():
    texts = _broken(pack_texts("uto"), "visa_policy.yaml", "[BRN, KHM,", "[BRN, XKX, KHM,")
    texts = _broken(texts, "pack.yaml", "by_nationality: {CHN: 30,", "by_nationality: {XKX: 20, CHN: 30,")
    pack = parse_pack(texts)
    determination = pack.visa_policy.determine("RKS", D("2025-03-01"))
    assert (determination.source, determination.requirement.days) == ("part_a_visa_free_30", 30)
    situation = situation_from_dict(traveller(nationality="RKS"))
    assert evaluate_entry(pack, situation, D("2025-03-01")).outcome is Outcome.ADMIT
    fee = pack.rule_for_check("visa_on_arrival", D("2025-03-01")).value("fee", D("2025-03-01")).value
    assert fee["by_nationality"]["RKS"] == 20
