"""Policy authors, officers and travellers for the policy app's tests."""

from __future__ import annotations

import copy

import pytest

SITUATION = {
    "nationality": "MYS",
    "document": {"expiry": "2030-01-01", "issued": "2022-01-01"},
    "planned_departure": "2025-03-14",
    "purpose": "tourism",
    "purpose_documents": ["accommodation_booking"],
    "means": {"amount": 5000, "currency": "UTD"},
    "return_ticket": True,
    "accommodation": True,
}
ON = "2025-03-01"


@pytest.fixture
def situation():
    def make(**changes):
        data = copy.deepcopy(SITUATION)
        data.update(changes)
        return data

    return make


@pytest.fixture
def author_a(make_user):
    return make_user("author_a", "policy_author", all_posts=True)


@pytest.fixture
def author_b(make_user):
    return make_user("author_b", "policy_author", all_posts=True)


def replace_in(files: dict, name: str, old: str, new: str) -> dict:
    assert old in files[name], f"{old!r} not in {name}"
    return {**files, name: files[name].replace(old, new, 1)}
