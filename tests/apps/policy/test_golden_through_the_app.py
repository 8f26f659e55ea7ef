"""The core's golden cases, evaluated through ``recommend_entry`` with the packs published in the database:
the same answers as the core gives from the bundled files."""

from __future__ import annotations

from datetime import date

import pytest

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.policy import services
from borderdesk.apps.policy.models import Evaluation
from tests.actors import SETUP
from tests.core.rules.test_golden import _cases, _situation

pytestmark = pytest.mark.django_db


def _matrix_csv(document: dict) -> bytes | None:
    rows = document.get("matrix")
    return "\n".join(["Passport,Destination,Requirement", *rows]).encode() if rows else None


@pytest.mark.parametrize(("pack_name", "document", "case"), list(_cases()))
def test_golden_case_through_recommend_entry(admin_user, pack_name, document, case):
    matrix = _matrix_csv(document)
    if matrix:
        services.import_visa_matrix(admin_user, matrix, f"golden-{pack_name}.csv")
    on = date.fromisoformat(str(case["date"]))
    expect = case["expect"]
    situation = _situation(document, case)
    if "error" in expect:
        with pytest.raises(Invalid) as caught:
            services.recommend_entry(SETUP, situation, on=on, post_code=None, purpose="golden", pack_id=pack_name)
        assert caught.value.code == expect["error"]
        return
    record = services.recommend_entry(SETUP, situation, on=on, post_code=None, purpose="golden", pack_id=pack_name)
    answer = record.as_dict()
    assert answer["outcome"] == expect["outcome"]
    assert sorted(g["code"] for g in answer["refusal_grounds"]) == sorted(expect.get("refusal_grounds", []))
    assert set(expect.get("reasons", [])) <= set(answer["reasons"])
    if "admit_until" in expect:
        assert answer["admit_until"] == (None if expect["admit_until"] is None else str(expect["admit_until"]))
    for name in ("days_used", "days_left"):
        if name in expect:
            assert answer[name] == expect[name]
    stored = Evaluation.objects.get(pk=record.evaluation_id)
    assert stored.pack_version.number == 1 and stored.recommendation["outcome"] == expect["outcome"]
