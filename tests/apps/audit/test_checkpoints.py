"""Finding 9: someone with database access deletes the tail of a chain or re-hashes it, drops a trigger, or forges
a checkpoint; `verify` must say so."""

import json
import stat

import pytest
from django.db import connection
from django.urls import reverse

from borderdesk.apps.audit import checkpoints, triggers
from borderdesk.apps.audit.models import AccessEvent, AuditEvent, Checkpoint
from borderdesk.apps.audit.services import audit_batch, record_access, record_change, verify_audit, verify_trail
from borderdesk.core.audit import GENESIS_HASH, link_hash, sign_checkpoint
from borderdesk.core.audit.actions import AuditAction
from tests.actors import SETUP


@pytest.fixture
def events(audit_keys, officer, port):
    for n in range(5):
        record_change(officer, AuditAction.POSTS_POST_UPDATE, port, new={"n": n})
    record_access(officer, port, purpose="inspection")
    return AuditEvent.objects.order_by("seq")


@pytest.fixture
def checkpointed(events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        written = checkpoints.checkpoint_heads()
    return written


def tampering():
    """Someone with raw database access goes around the triggers, then puts them back."""

    class Tamper:
        def __enter__(self):
            triggers.remove(connection)

        def __exit__(self, *exc):
            triggers.install(connection)

    return Tamper()


def audit_report(**kwargs):
    verification = verify_audit(**kwargs)
    return verification, next(r for r in verification.chains if r.name == "audit_events")


def test_a_checkpoint_signs_each_chain_head_in_the_database_and_in_the_file(checkpointed, events):
    head = events.last()
    assert [(c.chain, c.seq) for c in checkpointed] == [("audit_events", head.seq), ("access_events", 1)]
    assert Checkpoint.objects.filter(chain="audit_events", seq=head.seq, hash=head.hash).exists()
    lines = checkpoints.checkpoint_file().read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [head.seq, 1]
    verification, report = audit_report()
    assert verification.intact and report.intact and report.broken is None
    assert report.checkpoints_checked == 1 and report.last_seq == head.seq and report.last_hash == head.hash
    assert verification.checkpoint_sources == ["database", str(checkpoints.checkpoint_file())]


def test_the_signing_key_is_made_once_and_kept_private(audit_keys):
    key = checkpoints.signing_key()
    path = checkpoints.signing_key_path()
    assert path == audit_keys / "data" / "audit_signing_key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert checkpoints.signing_key().public_key() == key.public_key()


def test_a_deleted_tail_is_found_by_the_checkpoint_outside_the_database(checkpointed, events):
    head = events.last()
    with tampering():
        AuditEvent.objects.filter(seq__gte=head.seq - 1).delete()
        Checkpoint.objects.all().delete()  # the intruder removes the database's own copy too
    verification, report = audit_report()
    assert not verification.intact
    assert report.broken.reason == "checkpoint_event_missing" and report.broken.seq == head.seq
    assert f"checkpoint audit_events #{head.seq}" in report.broken.message
    assert report.checked == head.seq - 2  # every remaining link is itself fine
    assert not verify_trail()[0].intact


def test_a_deleted_tail_followed_by_new_events_is_found(checkpointed, events, officer):
    head = events.last()
    with tampering():
        AuditEvent.objects.filter(seq__gte=head.seq - 1).delete()
    record_change(officer, AuditAction.POSTS_POST_UPDATE, new={})
    record_change(officer, AuditAction.POSTS_POST_UPDATE, new={})
    _, report = audit_report()
    assert report.broken.reason == "checkpoint_hash_mismatch" and report.broken.seq == head.seq


def test_a_rehashed_chain_is_found_by_the_checkpoint(checkpointed, events):
    victim = events[1]
    with tampering():
        AuditEvent.objects.filter(pk=victim.pk).update(new_values={"n": 1000})
        prev = GENESIS_HASH
        for event in AuditEvent.objects.order_by("seq"):
            digest = link_hash(prev, event.chain_payload())
            AuditEvent.objects.filter(pk=event.pk).update(prev_hash=prev, hash=digest)
            prev = digest
    verification, report = audit_report()
    assert report.checked == events.count()  # the links alone look perfect
    assert report.broken.reason == "checkpoint_hash_mismatch"
    assert [p.code for p in report.checkpoint_problems] == ["checkpoint_hash_mismatch"]  # same in database and file
    assert "rewritten" in report.broken.message and not verification.intact


def test_a_forged_checkpoint_is_reported(checkpointed, events, tmp_path):
    from borderdesk.core.audit import load_private_key, new_private_key_pem

    head = events.last()
    forged = sign_checkpoint(
        load_private_key(new_private_key_pem()),
        chain="audit_events",
        seq=head.seq,
        hash=head.hash,
        created_at="2026-11-29T08:00:00+00:00",
    )
    outside = tmp_path / "handed-over.jsonl"
    outside.write_text(forged.to_json_line() + "not json\n")
    verification, report = audit_report(checkpoint_file=outside)
    assert report.broken is None and not report.intact
    assert [p.code for p in report.checkpoint_problems] == ["checkpoint_bad_signature"]
    assert [p.code for p in verification.problems] == ["checkpoint_unreadable"]
    assert verification.checkpoint_sources == ["database", str(outside)]


def test_checkpoints_are_checked_with_the_public_key_an_outsider_holds(checkpointed, tmp_path):
    from borderdesk.core.audit import load_private_key, new_private_key_pem, public_key_pem

    other = tmp_path / "other.pem"
    other.write_bytes(public_key_pem(load_private_key(new_private_key_pem()).public_key()))
    verification = verify_audit(public_key_file=other)
    codes = {p.code for report in verification.chains for p in report.checkpoint_problems}
    assert codes == {"checkpoint_bad_signature"} and not verification.intact
    mine = tmp_path / "mine.pem"
    mine.write_bytes(public_key_pem(checkpoints.signing_key().public_key()))
    assert verify_audit(public_key_file=mine).intact


@pytest.mark.parametrize("table", triggers.TABLES)
def test_a_dropped_trigger_is_reported(events, table):
    triggers.remove(connection, (table,))
    try:
        verification = verify_audit()
    finally:
        triggers.install(connection)
    assert not verification.intact
    reported = [name for r in verification.chains for name in r.missing_triggers]
    reported += [p.message for p in verification.problems if p.code == "trigger_missing"]
    assert len(reported) == 2 and all(table in name for name in reported)
    assert verify_audit().intact


def test_a_disabled_trigger_is_reported_on_postgresql(events):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite triggers cannot be disabled, only dropped")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred foreign-key checks
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
    _, report = audit_report()
    assert report.missing_triggers == ("audit_auditevent_append_only",)


def test_the_plain_chain_check_works_without_any_checkpoint(events):
    verification = verify_audit()
    assert verification.intact and verification.checkpoint_sources == ["database"]
    assert all(r.checkpoints_checked == 0 for r in verification.chains)


def test_the_app_writes_a_checkpoint_each_time_a_chain_passes_n_events(
    db, audit_keys, settings, django_capture_on_commit_callbacks
):
    settings.BORDERDESK_AUDIT_CHECKPOINT_EVERY = 3
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(7):
            record_change(SETUP, AuditAction.AUDIT_TRAIL_VERIFY, object_type="t", object_id=str(n))
        with audit_batch():  # one batch passing 9: a checkpoint of its last event
            for n in range(4):
                record_change(SETUP, AuditAction.AUDIT_TRAIL_VERIFY, object_type="t", object_id=f"b{n}")
    seqs = list(Checkpoint.objects.filter(chain="audit_events").values_list("seq", flat=True))
    assert seqs == [3, 6, 11]
    assert Checkpoint.objects.get(seq=11).hash == AuditEvent.objects.get(seq=11).hash
    assert len(checkpoints.checkpoint_file().read_text().splitlines()) == 3
    assert verify_audit().intact


def test_no_automatic_checkpoint_when_switched_off(db, audit_keys, settings):
    settings.BORDERDESK_AUDIT_CHECKPOINT_EVERY = 0
    for n in range(5):
        record_access(SETUP, purpose="test", object_type="t", object_id=str(n))
    assert not Checkpoint.objects.exists() and AccessEvent.objects.count() == 5


def test_the_verify_button_shows_checkpoint_and_trigger_findings(auditor, checkpointed, events, client_for):
    head = events.last()  # the event the checkpoint signed
    client = client_for(auditor)  # signing in is itself in the trail: before the tampering, not after it
    with tampering():
        AuditEvent.objects.filter(seq__gte=head.seq).delete()
    triggers.remove(connection, ("audit_accessevent",))
    try:
        response = client.post(reverse("audit:verify"))
    finally:
        triggers.install(connection)
    text = response.content.decode()
    assert response.status_code == 200
    assert f"checkpoint audit_events #{head.seq}" in text and "checkpoint_event_missing" in text
    assert "audit_accessevent_no" in text or "audit_accessevent_append_only" in text
    assert AuditEvent.objects.order_by("-seq").first().new_values["intact"] is False


def test_an_unusable_signing_key_never_fails_the_request(audit_keys, settings, officer, caplog):
    settings.BORDERDESK_AUDIT_SIGNING_KEY = str(audit_keys / "nowhere" / "key.pem")
    settings.BORDERDESK_AUDIT_CHECKPOINT_EVERY = 1
    event = record_change(officer, AuditAction.POSTS_POST_UPDATE, new={})
    assert AuditEvent.objects.filter(pk=event.pk).exists() and not Checkpoint.objects.exists()
    assert "no automatic audit checkpoint" in caplog.text and "key.pem" in caplog.text
    with pytest.raises(checkpoints.SigningKeyError) as refused:
        checkpoints.checkpoint_heads()  # the operator's command does say so
    assert refused.value.code == "audit_signing_key_unusable"
