import pytest

from borderdesk.core.reference import SEVERITY_ORDER, AlertAction, severity, strongest_action


def test_the_severity_order_runs_from_inform_to_arrest():
    assert [action.value for action in SEVERITY_ORDER] == ["inform", "discreet_check", "refuse_entry", "arrest"]
    assert severity("inform") < severity("discreet_check") < severity("refuse_entry") < severity("arrest")


def test_the_strongest_action_wins_whatever_the_order_or_spelling():
    assert strongest_action(["inform", AlertAction.ARREST, "discreet_check"]) is AlertAction.ARREST
    assert strongest_action([None, "discreet_check", "inform", ""]) is AlertAction.DISCREET_CHECK
    assert strongest_action(iter(["refuse_entry"])) is AlertAction.REFUSE_ENTRY


def test_no_action_is_no_strongest_action():
    assert strongest_action([]) is None
    assert strongest_action([None, ""]) is None


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        strongest_action(["shoot"])


def test_screening_and_rules_share_the_one_action_type():
    from borderdesk.core.rules.situation import AlertAction as RulesAction
    from borderdesk.core.screening import Action

    assert Action is AlertAction
    assert RulesAction is AlertAction
