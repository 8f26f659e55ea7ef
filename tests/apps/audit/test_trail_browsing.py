"""The auditor's trail: filters on both chains, keyset pages, the streamed CSV export (itself audited), the person
record opened from an event (a read like any other), refusals and malformed queries answered with a clear code."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.audit.recording import record_access, record_change
from borderdesk.apps.travellers.models import Crossing, HeldDocument, Traveller
from borderdesk.apps.visas.models import Visa
from borderdesk.core.audit.actions import AuditAction

TODAY = datetime.now(UTC).date()


@pytest.fixture
def trail(port, other_port, officer, make_user):
    """Two officers at two posts; two travellers; changes and reads about each."""
    elsewhere = make_user("harbour", "border_officer", posts=[other_port.code])
    mira = Traveller.objects.create(surname="SOLBERG", given_names="MIRA", nationality="NOR")
    tomas = Traveller.objects.create(surname="KRAL", given_names="TOMAS", nationality="CZE")
    document = HeldDocument.objects.create(
        traveller=mira, document_code="P", category="P", issuing_state="NOR", document_number="NO1"
    )
    crossing = Crossing.objects.create(
        traveller=mira, document=document, post=port, direction="entry", outcome="admitted", occurred_at=timezone.now()
    )
    visa = Visa.objects.create(
        number="EV1", kind="e_visa", traveller=mira, valid_from=TODAY, valid_until=TODAY + timedelta(days=9)
    )
    record_change(officer, AuditAction.TRAVELLERS_TRAVELLER_CREATE, mira, new={"surname": "SOLBERG"})
    record_change(officer, AuditAction.TRAVELLERS_CROSSING_ADMITTED, crossing, post_code="TST")
    record_change(elsewhere, AuditAction.TRAVELLERS_TRAVELLER_CREATE, tomas, new={"surname": "KRAL"})
    # As a visa's recording was written before visas had their own app: old trails keep naming it so.
    record_change(
        elsewhere, AuditAction.TRAVELLERS_VISA_RECORD, object_type="travellers.visa", object_id=visa.pk, post_code="OTH"
    )
    record_access(officer, mira, purpose="primary inspection")
    record_access(elsewhere, tomas, purpose="visa look-up")
    return {"mira": mira, "tomas": tomas, "crossing": crossing, "visa": visa}


def shown(client, name="audit:trail", **params) -> list[int]:
    response = client.get(reverse(name), params)
    assert response.status_code == 200, response.content[:500]
    return [event.seq for event in response.context["page"].events]


def seqs(model, **lookup) -> list[int]:
    return list(model.objects.filter(**lookup).order_by("-seq").values_list("seq", flat=True))


def test_changes_filtered_by_officer_post_action_and_context(client_for, auditor, trail):
    client = client_for(auditor)
    assert shown(client, officer="harbour") == seqs(AuditEvent, actor_username="harbour")
    assert shown(client, post="oth") == seqs(AuditEvent, post_code="OTH") != []
    create = "travellers.traveller.create"
    assert shown(client, action=create) == seqs(AuditEvent, action=create) != []
    assert shown(client, action="travellers") == seqs(AuditEvent, action__startswith="travellers.")
    assert len(shown(client, action="travellers", officer="harbour")) == 2


def test_changes_filtered_by_person_cover_their_crossings_and_visas(client_for, auditor, trail):
    events = AuditEvent.objects.filter(seq__in=shown(client_for(auditor), person=trail["mira"].pk))
    assert sorted(e.action for e in events) == [
        "travellers.crossing.admitted",
        "travellers.traveller.create",
        "travellers.visa.record",
    ]
    assert shown(client_for(auditor), person=10**9) == []


def test_reads_filtered_by_person_officer_and_purpose(client_for, auditor, trail):
    client = client_for(auditor)
    mira = str(trail["mira"].pk)
    assert shown(client, "audit:accesses", person=mira) == seqs(AccessEvent, object_id=mira)
    assert shown(client, "audit:accesses", officer="harbour") == seqs(AccessEvent, actor_username="harbour")
    assert shown(client, "audit:accesses", purpose="VISA") == seqs(AccessEvent, purpose="visa look-up")


def test_a_time_range_is_whole_utc_days_both_included(client_for, auditor, trail):
    client = client_for(auditor)
    today, tomorrow, yesterday = (
        TODAY.isoformat(),
        (TODAY + timedelta(1)).isoformat(),
        (TODAY - timedelta(1)).isoformat(),
    )
    assert shown(client, since=today, until=today) == seqs(AuditEvent)
    assert shown(client, since=tomorrow) == [] and shown(client, until=yesterday) == []
    assert shown(client, until="9999-12-31") == seqs(AuditEvent)


def test_pages_walk_the_whole_trail_older_and_back_newer(client_for, auditor, port):
    for n in range(120):
        record_change(auditor, AuditAction.POSTS_POST_UPDATE, port, new={"n": n})
    client = client_for(auditor)
    wanted = seqs(AuditEvent, action="posts.post.update")
    pages, params = [], {"action": "posts.post.update"}
    while True:
        page = client.get(reverse("audit:trail"), params).context["page"]
        pages.append([e.seq for e in page.events])
        if page.older is None:
            break
        params = {"action": "posts.post.update", "before": page.older}
    assert [len(p) for p in pages] == [50, 50, 20] and [seq for page in pages for seq in page] == wanted
    back = client.get(reverse("audit:trail"), {"action": "posts.post.update", "after": pages[1][0]}).context["page"]
    assert [e.seq for e in back.events] == pages[0] and back.newer is None
    assert client.get(reverse("audit:trail"), {"before": pages[1][0]}).context["page"].newer is not None
    body = client.get(reverse("audit:trail"), {"action": "posts.post.update"}).content.decode()
    assert f"action=posts.post.update&amp;before={pages[0][-1]}" in body


def test_actions_are_shown_in_words_with_a_link_to_the_record_they_concern(client_for, auditor, trail):
    body = client_for(auditor).get(reverse("audit:trail")).content.decode()
    assert "Crossing: admitted" in body and "Traveller record created" in body
    crossing_event = AuditEvent.objects.get(object_type="travellers.crossing")
    crossing = f'{reverse("audit:record", args=["changes", crossing_event.seq])}#crossing-{trail["crossing"].pk}"'
    assert crossing in body
    person_event = AuditEvent.objects.filter(object_type="travellers.traveller").first()
    assert f'{reverse("audit:record", args=["changes", person_event.seq])}#person"' in body
    post_event = AuditEvent.objects.filter(object_type="posts.post").first()
    assert reverse("audit:record", args=["changes", post_event.seq]) not in body


def test_opening_the_record_from_an_event_is_a_read_on_record(client_for, auditor, trail):
    event = AuditEvent.objects.get(object_type="travellers.visa")
    response = client_for(auditor).get(reverse("audit:record", args=["changes", event.seq]))
    body = response.content.decode()
    assert response.status_code == 200 and "MIRA SOLBERG" in body and "EV1" in body and "NO1" in body
    read = AccessEvent.objects.latest("seq")
    assert (read.actor_username, read.object_type, read.object_id) == (
        "auditor",
        "travellers.traveller",
        str(trail["mira"].pk),
    )
    assert (
        read.purpose == "audit review"
        and read.detail == f"from changes event #{event.seq}: travellers.visa {trail['visa'].pk}"
    )
    access = AccessEvent.objects.get(actor_username="harbour")
    assert client_for(auditor).get(reverse("audit:record", args=["accesses", access.seq])).status_code == 200


@pytest.mark.parametrize(
    ("chain", "seq", "code"),
    [("changes", None, "record_not_found"), ("changes", 2**70, "event_not_found"), ("nonsense", 1, "unknown_chain")],
)
def test_a_record_that_cannot_be_opened_is_a_clear_404(client_for, auditor, trail, chain, seq, code):
    seq = seq or AuditEvent.objects.filter(object_type="posts.post").first().seq
    before = AccessEvent.objects.count()
    response = client_for(auditor).get(reverse("audit:record", args=[chain, seq]))
    assert response.status_code == 404 and f">{code}<".encode() in response.content
    assert AccessEvent.objects.count() == before


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_streams_the_filtered_changes_and_is_itself_audited(client_for, auditor, trail):
    client = client_for(auditor)
    response = client.get(reverse("audit:changes-csv"), {"person": trail["mira"].pk})
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="borderdesk-audit-changes-')
    export = AuditEvent.objects.get(action="audit.trail.export")
    rows = read_csv(response)
    assert [row["action"] for row in rows] == [
        "travellers.traveller.create",
        "travellers.crossing.admitted",
        "travellers.visa.record",
    ]
    first = AuditEvent.objects.get(seq=int(rows[0]["seq"]))
    assert rows[0] == {
        "seq": str(first.seq),
        "occurred_at": first.occurred_at.astimezone(UTC).isoformat(),
        "officer": "officer",
        "post": "TST",
        "action": "travellers.traveller.create",
        "action_words": "Traveller record created",
        "object_type": "travellers.traveller",
        "object_id": str(trail["mira"].pk),
        "old_values": "",
        "new_values": '{"surname": "SOLBERG"}',
        "hash": first.hash,
    }
    assert export.actor_username == "auditor" and export.new_values == {
        "chain": "changes",
        "filters": {"person": str(trail["mira"].pk)},
        "up_to_seq": export.seq - 1,
    }


def test_the_reads_export_and_a_formula_written_as_text(client_for, auditor, trail):
    record_access('=HYPERLINK("http://evil")', trail["tomas"], purpose="+1", detail="@SUM(A1)")
    rows = read_csv(client_for(auditor).get(reverse("audit:accesses-csv"), {"person": trail["tomas"].pk}))
    assert [(r["officer"], r["purpose"], r["detail"]) for r in rows] == [
        ("harbour", "visa look-up", ""),
        ('\'=HYPERLINK("http://evil")', "'+1", "'@SUM(A1)"),
    ]
    assert AuditEvent.objects.get(action="audit.trail.export").new_values["chain"] == "accesses"


def test_the_export_leaves_out_what_is_written_after_it_began(client_for, auditor, port, trail):
    response = client_for(auditor).get(reverse("audit:changes-csv"))
    head = AuditEvent.objects.get(action="audit.trail.export").new_values["up_to_seq"]
    record_change(auditor, AuditAction.POSTS_POST_UPDATE, port, new={"late": True})
    assert [int(row["seq"]) for row in read_csv(response)][-1] == head


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({"person": "abc"}, "invalid_person", "person"),
        ({"person": "9" * 40}, "invalid_person", "person"),
        ({"officer": "x" * 10_000}, "value_too_long", "officer"),
        ({"post": "<script>"}, "invalid_post", "post"),
        ({"action": "inspection.decision.teleport"}, "unknown_action", "action"),
        ({"since": "2026-02-30"}, "invalid_date", "since"),
        ({"until": "20260101"}, "invalid_date", "until"),
        ({"since": "2026-02-02", "until": "2026-02-01"}, "date_range_reversed", "since"),
        ({"before": "-1"}, "invalid_page", "before"),
        ({"before": "5", "after": "1"}, "invalid_page", "before"),
        ({"officer": "bad\x01name"}, "invalid_character", "officer"),
    ],
)
def test_a_malformed_query_gets_a_clear_code_and_no_events(client_for, auditor, trail, params, code, field):
    client = client_for(auditor)
    response = client.get(reverse("audit:trail"), params)
    assert response.status_code == 422 and response.context["error"].code == code
    assert response.context["error"].field == field and f">{code}<".encode() in response.content
    exported = client.get(reverse("audit:changes-csv"), params)
    assert exported.status_code == 422 and f">{code}<".encode() in exported.content
    assert not AuditEvent.objects.filter(action="audit.trail.export").exists()


def test_officers_are_refused_every_trail_page_and_the_refusal_is_recorded(client_for, officer, trail):
    client = client_for(officer)
    event = AuditEvent.objects.get(object_type="travellers.crossing")
    for url in [
        reverse("audit:trail"),
        reverse("audit:accesses"),
        reverse("audit:changes-csv"),
        reverse("audit:accesses-csv"),
        reverse("audit:record", args=["changes", event.seq]),
    ]:
        response = client.get(url)
        assert response.status_code == 403 and b"SOLBERG" not in response.content
        assert AuditEvent.objects.filter(action="access.denied", new_values__path=url).count() == 1
    assert not AuditEvent.objects.filter(action="audit.trail.export").exists()
