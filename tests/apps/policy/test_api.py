"""POST /api/v1/stay (CONTRACTS.md section 2), POST /api/v1/rules/evaluate, GET /api/v1/rules/refusal-grounds."""

from __future__ import annotations

import json

import pytest

from borderdesk.apps.policy.models import Evaluation
from tests.apps.policy.conftest import ON

pytestmark = pytest.mark.django_db

CONTRACT_IN = {
    "stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}],
    "on": "2014-12-01",
    "entry_on": "2015-01-01",
    "limit": 90,
    "window": 180,
}
CONTRACT_OUT = {
    "on": "2014-12-01",
    "days_used": 47,
    "days_remaining": 43,
    "overstay_days": 0,
    "entry_on": "2015-01-01",
    "latest_exit": "2015-03-31",
}


def post(client, url, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


def test_stay_answers_exactly_the_contract(client_for, officer):
    response = post(client_for(officer), "/api/v1/stay", CONTRACT_IN)
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in CONTRACT_OUT} == CONTRACT_OUT


def test_stay_defaults_and_a_stay_still_going_on(client_for, officer):
    body = post(
        client_for(officer), "/api/v1/stay", {"stays": [{"entry": "2025-01-01", "exit": None}], "on": "2025-01-10"}
    ).json()
    assert body["days_used"] == 10 and body["days_remaining"] == 80 and body.get("latest_exit") is None


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"stays": [{"entry": "2014-09-30", "exit": "2014-08-15"}], "on": "2014-12-01"}, "end_before_start"),
        (
            {
                "stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}, {"entry": "2014-09-01", "exit": "2014-09-05"}],
                "on": "2014-12-01",
            },
            "overlapping_stays",
        ),
        ({"stays": [{"entry": "15/08/2014"}], "on": "2014-12-01"}, "malformed_date"),
        ("{not json", "malformed_input"),
        ([1, 2], "malformed_input"),
    ],
)
def test_stay_bad_input_is_a_422_problem_with_a_code(client_for, officer, body, code):
    response = post(client_for(officer), "/api/v1/stay", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_the_api_needs_a_signed_in_user_with_the_permission(client, client_for, make_user):
    assert post(client, "/api/v1/stay", CONTRACT_IN).status_code == 401
    auditor = make_user("aud", "auditor", all_posts=True)
    response = post(client_for(auditor), "/api/v1/stay", CONTRACT_IN)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_evaluate_returns_the_recommendation_with_trace_and_stores_it(client_for, officer, situation):
    response = post(
        client_for(officer), "/api/v1/rules/evaluate", {"situation": situation(), "date": ON, "post": "TST"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == "admit" and body["advisory"] is True and body["trace"]["children"]
    assert Evaluation.objects.get(pk=body["evaluation_id"]).post_code == "TST"


def test_evaluate_bad_situation_is_a_problem_with_code_and_path(client_for, officer, situation):
    bad = situation()
    del bad["planned_departure"]
    response = post(client_for(officer), "/api/v1/rules/evaluate", {"situation": bad, "date": ON, "post": "TST"})
    assert response.status_code == 422
    assert response.json()["code"] == "missing_field" and response.json()["field"] == "planned_departure"
    response = post(client_for(officer), "/api/v1/rules/evaluate", {"date": ON})
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_refusal_grounds_in_force(client_for, officer):
    body = client_for(officer).get("/api/v1/rules/refusal-grounds", {"on": ON}).json()
    assert body["pack"]["id"] == "uto" and body["on"] == ON
    assert body["grounds"][0]["code"] == "UIA-12-1-a" and body["grounds"][0]["legal_basis"]["article"]
    response = client_for(officer).get("/api/v1/rules/refusal-grounds", {"on": "2010-01-01"})
    assert response.status_code == 422 and response.json()["code"] == "no_rule_in_force"
    response = client_for(officer).get("/api/v1/rules/refusal-grounds", {"on": "yesterday"})
    assert response.status_code == 422
