"""Golden cases: tests/core/rules/golden/<pack>/*.yaml, each a list of situations with their expected outcome.

File layout::

    defaults: {situation: {...}}        # merged under each case's situation (one level deep)
    matrix: ["USA,DEU,90", ...]          # optional visa-matrix rows (passport-index layout) for the pack
    cases:
      - name: ...
        date: YYYY-MM-DD
        situation: {...}
        unasked: [purpose, ...]          # optional: facts not asked yet, dropped from the merged situation
        expect: {outcome, refusal_grounds (exact), reasons (included), admit_until, days_used, days_left, fee}
              | {error: <code>}
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from borderdesk.core.rules import (
    RulesError,
    VisaMatrix,
    bundled_pack,
    evaluate_entry,
    situation_from_dict,
)

GOLDEN = Path(__file__).parent / "golden"


def _cases():
    for path in sorted(GOLDEN.glob("*/*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            yield pytest.param(path.parent.name, document, case, id=f"{path.parent.name}/{path.stem}/{case['name']}")


def _situation(document: dict, case: dict) -> dict:
    merged = dict(document.get("defaults", {}).get("situation", {}))
    for key, value in case.get("situation", {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    for key in case.get("unasked", []):  # facts the officer has not asked about yet: absent, not false
        merged.pop(key, None)
    return json.loads(json.dumps(merged, default=str))  # dates as the API would send them


def _matrix(document: dict) -> VisaMatrix | None:
    rows = document.get("matrix")
    return VisaMatrix.from_csv(["Passport,Destination,Requirement", *rows], "golden") if rows else None


@pytest.mark.parametrize(("pack_name", "document", "case"), list(_cases()))
def test_golden_case(pack_name, document, case):
    pack = bundled_pack(pack_name)
    expect = case["expect"]
    on = date.fromisoformat(str(case["date"]))
    if "error" in expect:
        with pytest.raises(RulesError) as caught:
            evaluate_entry(pack, situation_from_dict(_situation(document, case)), on, _matrix(document))
        assert caught.value.code == expect["error"]
        return
    result = evaluate_entry(pack, situation_from_dict(_situation(document, case)), on, _matrix(document))
    explanation = json.dumps({k: v for k, v in result.to_dict().items() if k != "trace"}, indent=1)
    assert result.outcome.value == expect["outcome"], explanation
    assert sorted(g.code for g in result.refusal_grounds) == sorted(expect.get("refusal_grounds", [])), explanation
    assert set(expect.get("reasons", [])) <= set(result.reasons), explanation
    for absent in expect.get("reasons_absent", []):
        assert absent not in result.reasons, explanation
    if "admit_until" in expect:
        expected_until = expect["admit_until"]
        assert result.admit_until == (None if expected_until is None else date.fromisoformat(str(expected_until)))
    for field in ("days_used", "days_left"):
        if field in expect:
            assert getattr(result, field) == expect[field], explanation
    if "fee" in expect:
        assert result.details["visa_on_arrival"].fee_amount == expect["fee"], explanation
    json.dumps(result.to_dict())  # a recorded decision stores this


def test_there_are_at_least_15_golden_cases_per_pack():
    counts: dict[str, int] = {}
    for pack_name, _, _ in (param.values for param in _cases()):
        counts[pack_name] = counts.get(pack_name, 0) + 1
    assert set(counts) == {"uto", "schengen"}
    assert all(count >= 15 for count in counts.values()), counts
