"""Auditors see alerts at once (a badge in the header that refreshes itself, a page listing them with who, when,
where and which record) and acknowledge each once, with a note, which the audit trail records."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from borderdesk.apps.audit import alerts
from borderdesk.apps.audit.models import AuditEvent, AuditorAlert
from borderdesk.apps.audit.services import raise_auditor_alert
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import atomic_block

NOTE = "Spoke to the officer: the claimant was in hospital, opening justified"


@pytest.fixture
def alert(officer, port):
    with atomic_block():
        return raise_auditor_alert(
            "asylum_emergency_opening",
            "officer opened protection claim PC-TST-2026-000001 in an emergency, not assigned to it",
            actor=officer,
            instance=port,
            post_code=port.code,
        )


@pytest.fixture
def second_auditor(make_user):
    return make_user("auditor2", "auditor", all_posts=True)


def test_an_auditor_sees_the_waiting_alert_and_acknowledges_it_with_a_note(auditor, alert):
    assert alerts.open_count(auditor) == 1
    assert [a.pk for a in alerts.alerts(auditor).open] == [alert.pk]

    done = alerts.acknowledge(auditor, alert.pk, f"  {NOTE}  ")

    assert (done.acknowledged_by, done.acknowledgement) == (auditor, NOTE)
    assert alerts.open_count(auditor) == 0
    listed = alerts.alerts(auditor)
    assert listed.open == [] and [a.pk for a in listed.acknowledged] == [alert.pk]
    event = AuditEvent.objects.get(action="audit.alert.acknowledge")
    assert (event.object_type, event.object_id, event.actor_username) == (
        "audit.auditoralert",
        str(alert.pk),
        "auditor",
    )
    assert event.new_values == {
        "kind": "asylum_emergency_opening",
        "about": "posts.post " + str(alert.object_id),
        "acknowledged": True,
    }


def test_acknowledging_twice_says_who_did_it_first(auditor, second_auditor, alert):
    alerts.acknowledge(auditor, alert.pk, NOTE)
    with pytest.raises(Conflict) as refused:
        alerts.acknowledge(second_auditor, alert.pk, "I looked too, all in order")
    assert refused.value.code == "alert_already_acknowledged" and "auditor" in refused.value.message
    assert AuditorAlert.objects.get().acknowledged_by == auditor
    assert AuditEvent.objects.filter(action="audit.alert.acknowledge").count() == 1


@pytest.mark.parametrize(
    ("note", "code"), [("", "note_required"), ("ok", "note_required"), ("x" * 301, "note_too_long")]
)
def test_a_note_is_needed_and_limited(auditor, alert, note, code):
    with pytest.raises(Invalid) as refused:
        alerts.acknowledge(auditor, alert.pk, note)
    assert refused.value.code == code
    assert AuditorAlert.objects.get().acknowledged_at is None


@pytest.mark.parametrize("alert_id", ["999999", "-1", "abc", "1; DROP TABLE", "9" * 40])
def test_an_alert_that_is_not_there_is_not_found(auditor, alert, alert_id):
    with pytest.raises(NotFound) as refused:
        alerts.acknowledge(auditor, alert_id, NOTE)
    assert refused.value.code == "alert_not_found"


def test_only_auditors_see_or_acknowledge_alerts(officer, admin_user, alert):
    for user in (officer, admin_user):
        for call in (
            lambda u: alerts.alerts(u),
            lambda u: alerts.open_count(u),
            lambda u: alerts.acknowledge(u, alert.pk, NOTE),
        ):
            with pytest.raises(PermissionDenied):
                call(user)
    assert AuditorAlert.objects.get().acknowledged_at is None


def test_the_header_shows_auditors_the_count_and_refreshes_it(auditor, officer, alert, client_for):
    page = client_for(auditor).get(reverse("audit:trail")).content.decode()
    assert 'data-testid="alerts-badge"' in page and 'hx-trigger="every 30s"' in page
    assert 'data-testid="alerts-count">1<' in page
    badge = client_for(auditor).get(reverse("audit:alerts-badge")).content.decode()
    assert 'data-testid="alerts-count">1<' in badge and "<html" not in badge
    assert 'data-testid="alerts-badge"' not in client_for(officer).get(reverse("home")).content.decode()


def test_the_page_lists_and_acknowledges_and_keeps_a_refused_note(auditor, alert, client_for):
    client = client_for(auditor)
    page = client.get(reverse("audit:alerts")).content.decode()
    assert f'data-testid="alert-{alert.pk}"' in page and "posts.post" in page and "officer" in page

    refused = client.post(reverse("audit:alert-acknowledge", args=[alert.pk]), {"note": "ok"})
    assert refused.status_code == 422
    assert "note_required" in refused.content.decode() and ">ok</textarea>" in refused.content.decode()

    done = client.post(reverse("audit:alert-acknowledge", args=[alert.pk]), {"note": NOTE})
    assert done.status_code == 302 and done["Location"] == reverse("audit:alerts")
    again = client.post(reverse("audit:alert-acknowledge", args=[alert.pk]), {"note": NOTE})
    assert again.status_code == 409 and "alert_already_acknowledged" in again.content.decode()
    page = client.get(reverse("audit:alerts")).content.decode()
    assert 'data-testid="no-alerts"' in page and NOTE in page
    assert 'data-testid="alerts-count">0<' in client.get(reverse("audit:alerts-badge")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_auditors_at_once_acknowledge_it_once(auditor, second_auditor, alert):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL's row locks")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def acknowledge(user):
        try:
            barrier.wait()
            alerts.acknowledge(user, alert.pk, NOTE)
            outcomes.append("done")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=acknowledge, args=(user,)) for user in (auditor, second_auditor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["alert_already_acknowledged", "done"]
    assert AuditEvent.objects.filter(action="audit.alert.acknowledge").count() == 1
