"""Every action the trail can hold has words and a context the action filter groups it under."""

from borderdesk.core.audit.actions import CONTEXT_LABELS, LABELS, AuditAction, actions_by_context


def test_every_action_has_words_and_a_known_context():
    assert set(LABELS) == set(AuditAction)
    assert all(action.label and action.label != action.value for action in AuditAction)
    assert {action.context for action in AuditAction} == set(CONTEXT_LABELS)


def test_the_filter_groups_list_each_action_once():
    listed = [action for _, _, actions in actions_by_context() for action in actions]
    assert sorted(listed) == sorted(AuditAction)
    assert AuditAction.INSPECTION_DECISION_REFUSE.label == "Refused entry"
