"""A scan is one permitted inspection: the officer's permission is asked once at the booth's post, not again by
each service the scan uses (screening, identification, the rules, the document check)."""

from borderdesk.apps.inspection import services
from borderdesk.core.access import Perm
from tests.apps.inspection.conftest import TODAY, passport


def _counting(user):
    asked = []
    can = user.can

    def counted(perm, post=None):
        asked.append((perm, post))
        return can(perm, post)

    user.can = counted
    return asked


def test_a_scan_and_its_decision_each_ask_for_the_permission_once(officer, session):
    asked = _counting(officer)
    inspection = services.start_inspection(officer, session, passport(), today=TODAY)
    assert asked == [(Perm.BORDER_INSPECTION_DECIDE, "TST")]
    asked.clear()
    services.decide(officer, inspection, kind="admit", idempotency_key="once", version=inspection.version, today=TODAY)
    assert asked == [(Perm.BORDER_INSPECTION_DECIDE, "TST")]  # the crossing and the stay are part of the decision


def test_a_typed_document_is_kept_as_typed_and_never_clear(officer, session):
    first = services.start_inspection(officer, session, passport(), today=TODAY)
    again = services.start_inspection(officer, session, f"{first.document.document_number} THA", today=TODAY)
    assert again.document_check["typed"] is True and again.document_check["clear"] is False
    assert "typed" not in first.document_check  # a scanned zone is not marked
