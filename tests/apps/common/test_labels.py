"""The catalogue of labels: every code a core or an app can show an officer has words, and an unknown code is
made readable, never an error. Codes are enumerated from where they are made (the cores' enums and tables, and
the rules' source where a code is a literal), so a new code without words fails here."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.apps.common import labels
from borderdesk.apps.common.labels import KINDS, label, labelled, readable, table
from borderdesk.apps.inspection import models as inspection_models
from borderdesk.apps.inspection.presenters import CONDITIONS
from borderdesk.apps.posts.models import Direction
from borderdesk.apps.travellers.models import CrossingOutcome
from borderdesk.apps.visas.models import VisaKind, VisaStatus
from borderdesk.apps.watchlists.models import Verdict
from borderdesk.core.access import Perm, Role
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework import Action as CaseAction
from borderdesk.core.casework import State as CaseState
from borderdesk.core.casework import uploads
from borderdesk.core.documents import ERROR_CODES, FINDING_CODES, WARNING_CODES
from borderdesk.core.documents.chip import ERROR_CODES as CHIP_ERRORS
from borderdesk.core.documents.layout import LAYOUTS
from borderdesk.core.reference import AlertAction
from borderdesk.core.rules import Outcome
from borderdesk.core.rules.situation import AuthorisationType
from borderdesk.core.rules.visa_matrix import Requirement
from borderdesk.core.rules.visa_on_arrival import KNOWN_DOCUMENTS
from borderdesk.core.screening import IdentityDocument, ListEntry, PartialDate, Query
from borderdesk.core.screening.screener import HIT, POSSIBLE, secondary_features

SRC = Path(labels.__file__).resolve().parents[2]

# What an f-string's placeholder in the rules core can be; a new placeholder must be taught here.
PLACEHOLDERS = {
    "requirement.value": [r.value for r in Requirement],
    "action.value": [a.value for a in AlertAction],
    "held.type.value": [t.value for t in AuthorisationType],
    "name": sorted(KNOWN_DOCUMENTS),
}
# Calls through which the rules core gives a reason, and the position of the reason among their arguments.
REASON_ARGUMENT = {"fail": 1, "refer": 0, "condition": 0, "note": 0, "limit": 1, "_check_held": 2, "AdmitLimit": 1}


def expand(node: ast.expr, placeholders: dict[str, list[str]] = PLACEHOLDERS) -> list[str]:
    """The strings an argument can be: a literal, or an f-string over known placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        texts = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                texts = [t + part.value for t in texts]
            else:
                source = ast.unparse(part.value)
                assert source in placeholders, f"teach the test what {{{source}}} can be"
                texts = [t + value for t in texts for value in placeholders[source]]
        return texts
    if isinstance(node, ast.GeneratorExp):
        return expand(node.elt, placeholders)
    if isinstance(node, ast.IfExp):
        return expand(node.body, placeholders) + expand(node.orelse, placeholders)
    return []  # a variable passed on: its value is a literal somewhere else


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            yield node, func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def rules_reasons() -> set[str]:
    reasons = set()
    for path in (SRC / "core" / "rules").glob("*.py"):
        for call, name in _calls(path):
            receiver = ast.unparse(call.func.value) if isinstance(call.func, ast.Attribute) else ""
            if name in REASON_ARGUMENT and len(call.args) > REASON_ARGUMENT[name]:
                reasons.update(expand(call.args[REASON_ARGUMENT[name]]))
            elif name in ("append", "extend") and receiver == "ineligible":
                reasons.update(expand(call.args[0]))
        for node in ast.walk(ast.parse(path.read_text())):  # reason = "a" if ... else f"{...}_b", passed on
            if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["reason"]:
                reasons.update(expand(node.value))
    return reasons


def rule_results() -> set[str]:
    """What a rule's trace node can say: what ``status`` returns, ``node.result = ...``, ``add("rule", name, r)``."""
    results = set()
    for path in (SRC / "core" / "rules").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name == "status":
                for returned in ast.walk(node):
                    if isinstance(returned, ast.Return):
                        results.update(expand(returned.value))
            elif isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "run.node.result":
                results.update(expand(node.value))
            elif isinstance(node, ast.Call) and len(node.args) > 2 and ast.unparse(node.args[0]) == "'rule'":
                results.update(expand(node.args[2]))
    return results


def app_reasons() -> set[str]:
    """Reasons the inspection adds to the rules' own (``...["reasons"] = [..., "no_exit_recorded"]``)."""
    reasons = set()
    for path in (SRC / "apps" / "inspection" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Subscript) and ast.unparse(t.slice) == "'reasons'" for t in node.targets
            ):
                lists = [n for n in ast.walk(node.value) if isinstance(n, ast.List)]
                reasons.update(e.value for items in lists for e in items.elts if isinstance(e, ast.Constant))
    return reasons


def screening_features() -> set[str]:
    query = Query(name="A B", birth_date=PartialDate(1980, 1, 1), nationality="UTO", sex="M", document_number="X1")
    entry = ListEntry(
        entry_id="1",
        names=("A B",),
        birth_dates=(PartialDate(1980, 1, 1),),
        nationalities=("UTO",),
        sex="M",
        documents=(IdentityDocument(number="X1"),),
    )
    return {"name", *secondary_features(query, entry)}


def manifest_codes() -> set[str]:
    """#18: what a manifest's reader and its import find wrong, the flags of a row, the lists of a flight."""
    from borderdesk.apps.manifests.services import FLAGS, IMPORT_ERRORS
    from borderdesk.core.manifests import ERROR_CODES

    return set(ERROR_CODES) | set(IMPORT_ERRORS) | set(FLAGS) | {"passengers", "crew"}


CODES_BY_KIND = {
    "outcome": lambda: {o.value for o in Outcome},
    "reason": lambda: rules_reasons() | app_reasons(),
    "rule_result": rule_results,
    "condition": lambda: {value for value, _ in CONDITIONS},
    "requirement": lambda: {r.value for r in Requirement},
    "voa_document": lambda: set(KNOWN_DOCUMENTS),
    "action": lambda: {a.value for a in AlertAction},
    "screening_decision": lambda: {HIT, POSSIBLE},
    "feature": screening_features,
    "finding": lambda: set(FINDING_CODES),
    "mrz_error": lambda: set(ERROR_CODES) | set(WARNING_CODES),
    "document_type": lambda: {letter for layout in LAYOUTS.values() for letter in layout.first_letters},
    "perm": lambda: {p.value for p in Perm},
    "role": lambda: {r.value for r in Role},
    "decision_kind": lambda: set(inspection_models.DecisionKind.values),
    "status": lambda: set(inspection_models.Status.values),
    "approval": lambda: set(inspection_models.Approval.values),
    "alert_kind": lambda: set(inspection_models.AlertKind.values),
    "channel": lambda: set(inspection_models.Channel.values),
    "purpose": lambda: set(inspection_models.Purpose.values),
    "visa_kind": lambda: set(VisaKind.values),
    "visa_status": lambda: set(VisaStatus.values),
    "crossing_outcome": lambda: set(CrossingOutcome.values),
    "direction": lambda: set(Direction.values),
    "verdict": lambda: set(Verdict.values),
    "audit_action": lambda: {a.value for a in AuditAction},
    "file_type": lambda: set(uploads.ALLOWED),
    "case_state": lambda: {state.value for state in CaseState},
    "case_action": lambda: {action.value for action in CaseAction},
    "manifest": manifest_codes,  # #18
    "chip": lambda: set(CHIP_ERRORS) | set(CHIP_ERRORS.values()) | {"genuine"},  # #19
}


def test_every_kind_of_the_catalogue_is_walked():
    assert set(CODES_BY_KIND) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(CODES_BY_KIND))
def test_every_code_a_core_or_app_emits_has_words(kind):
    codes = CODES_BY_KIND[kind]()
    assert codes, f"no {kind} codes found: the enumeration is broken"
    missing = sorted(code for code in codes if not labelled(code, kind))
    assert not missing, f"{kind} codes without words in apps/common/labels.py: {missing}"


def test_the_enumeration_finds_the_reasons_officers_asked_about():
    reasons = rules_reasons()
    assert {"purpose_not_examined", "visa_free", "visa_required_not_held", "watchlist_arrest"} <= reasons
    assert {"holds_e_visa", "visa_on_arrival_missing_return_ticket", "planned_departure"} <= reasons
    assert "no_exit_recorded" in app_reasons()
    assert {"pass", "fail", "refer", "condition", "not_in_force", "eligible", "not_eligible"} == rule_results()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_table_holds_a_label_for_nothing_or_an_empty_label(kind):
    for code, words in table(kind).items():
        assert code and str(words).strip() and str(words) != code


def test_the_words_the_issue_asks_for():
    assert label("refuse_entry") == "Refuse entry"
    assert label("refer_to_secondary") == "Refer to secondary"
    assert label("visa_required_not_held", "reason") == "No valid visa"
    assert label(AlertAction.REFUSE_ENTRY) == "Refuse entry"
    assert label("purpose_not_examined") == "Purpose of the visit not yet asked"
    assert label("refuse", "decision_kind") == "Refuse entry"
    assert label("pending_approval", "status") == "Waiting for a senior officer's approval"
    assert label("border:decision:approve") == "Approve refusals and detentions"
    assert label("inspection.decision.refuse") == "Refused entry"  # the audit core's words


def test_a_kind_chooses_between_codes_spelled_alike():
    assert label("exit", "decision_kind") == "Record exit"
    assert label("exit", "direction") == "Exit"
    assert label("visa_free", "requirement") == "Visa-free"


def test_unknown_codes_are_made_readable():
    assert label("some_new_reason") == "Some new reason"
    assert label("REFUSEENTRY") == "Refuseentry"
    assert label("posts.lane.update") == "Lane updated"
    assert label("casework:appeal:lodge") == "Casework appeal lodge"
    assert label("x", "reason") == "X"
    assert label(None) == label("") == ""
    assert label(42) == "42"


@given(st.text(max_size=40))
def test_any_code_gives_words_and_never_fails(code):
    words = label(code)
    assert isinstance(words, str)
    assert words.strip() or not re.sub(r"[\s_.:\-]", "", code)


def test_readable_keeps_a_word_s_own_capitals():
    assert readable("UIA-12-1-a") == "UIA 12 1 a"


def test_the_template_filters_are_builtins():
    rendered = Template('{{ a|label }} / {{ b|label:"direction" }} / {{ c|labels:"reason"|join:", " }}').render(
        Context({"a": "refuse_recommended", "b": "exit", "c": ["visa_free", "no_return_ticket"]})
    )
    assert rendered == "Refuse entry / Exit / Visa-free, No return or onward ticket"


@pytest.mark.parametrize(
    "code, words",
    [("P", "Passport"), ("PO", "Passport"), ("ID", "Identity card"), ("AC", "Crew member certificate"), ("V", "Visa")],
)
def test_a_document_code_says_what_the_document_is(code, words):
    assert labels.document_type(code) == words
    assert Template("{{ c|document_type }}").render(Context({"c": code})) == words


def test_an_unknown_document_code_is_shown_as_it_is():
    assert labels.document_type("XZ") == "XZ" and labels.document_type("") == ""


def test_values_that_may_be_codes_are_worded_only_when_known():
    rendered = Template(
        "{{ a|label_if_known }} / {{ b|label_if_known }} / {{ c|label_if_known }} / {{ d|label_if_known }}"
    )
    context = Context({"a": "refuse_entry", "b": "2031-06-01", "c": ["return_ticket", "x_y"], "d": 3})
    assert rendered.render(context) == "Refuse entry / 2031-06-01 / Return or onward ticket, x_y / 3"


def test_the_words_are_marked_for_translation():
    with translation.override("fr"):
        assert label("visa_free") == "Visa-free"  # no French catalogue compiled yet: English, not the code
    assert type(labels.REASON["visa_free"]).__name__ == "__proxy__"


def test_a_date_in_the_code_is_no_problem():
    assert label(date(2026, 1, 1)) == "2026 01 01"
