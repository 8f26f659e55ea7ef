"""Sealing at rest and key rotation: the raw database bytes never hold a narrative, an interview record, reasons or
a document; a sealed value copied onto another record does not open; `borderdesk asylum rekey` re-seals every value
with the current key, counts what was current, names what does not open, and may run again."""

import base64
import hashlib
import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from borderdesk.apps.asylum.models import Claim, ClaimDocument, ClaimEvent, Interview
from borderdesk.apps.asylum.services import claims, sealing
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict
from borderdesk.cli import main
from borderdesk.core.casework.uploads import new_key
from tests.actors import SETUP
from tests.apps.asylum.conftest import make_claim, make_claimant

NARRATIVE = "I was detained in Aleppo in 2024 by the militia of Colonel Zarqawi-Hennessy"
REASONS = "The claimant's account of detention by Colonel Zarqawi-Hennessy is consistent and credible"
RECORD = "Q: Who held you? A: The men of Colonel Zarqawi-Hennessy, in the basement of the old mill"
DOCUMENT = b"%PDF-1.4 Medical report: scars consistent with Zarqawi-Hennessy detention"
SECRETS = [NARRATIVE, REASONS, RECORD, DOCUMENT.decode()]


def key_text(**keys: bytes) -> str:
    return ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in keys.items())


@pytest.fixture(autouse=True)
def keys_of_their_own(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_ASYLUM_KEYS = ""


def _seal_text(record, sealed_column: str, key_column: str, bound_as: str, text: str) -> None:
    key_id, sealed = sealing.seal_text(record, bound_as, text)
    type(record).objects.filter(pk=record.pk).update(**{sealed_column: sealed, key_column: key_id})


def sealed_claim(unit, port, reference="PC-UTAS-2026-000001", surname="HASSAN", number="N0123456"):
    """A claim with every kind of sealed value, sealed with the keys configured now."""
    claim = make_claim(unit, port, make_claimant(surname=surname, number=number), reference=reference)
    _seal_text(claim, "narrative_sealed", "narrative_key", "narrative", NARRATIVE)
    _seal_text(claim, "reasons_sealed", "reasons_key", "reasons", REASONS)
    interview = Interview.objects.create(claim=claim, scheduled_for=datetime(2026, 3, 9, 9, tzinfo=UTC), language="ar")
    _seal_text(interview, "record_sealed", "record_key", "record", RECORD)
    document = ClaimDocument.objects.create(
        claim=claim,
        content_type="application/pdf",
        filename="report.pdf",
        size=len(DOCUMENT),
        sha256=hashlib.sha256(DOCUMENT).hexdigest(),
        sealed=b"",
        key="",
        added_at=datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    key_id, sealed = sealing.seal_value(document, "content", DOCUMENT)
    ClaimDocument.objects.filter(pk=document.pk).update(sealed=sealed, key=key_id)
    return claim, interview, document


def opened(claim, interview, document) -> list[str]:
    """Every sealed value of the claim as it opens from the database now."""
    claim = Claim.objects.get(pk=claim.pk)
    interview = Interview.objects.get(pk=interview.pk)
    document = ClaimDocument.objects.get(pk=document.pk)
    return [
        sealing.unseal_text(claim, "narrative", claim.narrative_sealed, claim.narrative_key),
        sealing.unseal_text(claim, "reasons", claim.reasons_sealed, claim.reasons_key),
        sealing.unseal_text(interview, "record", interview.record_sealed, interview.record_key),
        sealing.unseal_value(document, "content", document.sealed, document.key).decode(),
    ]


def raw_bytes(table: str) -> bytes:
    """Every value of every row of ``table`` as the database hands it over, text and binary alike."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = cursor.fetchall()
    return b"\x00".join(
        bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode() for row in rows for value in row
    )


# --- At rest -------------------------------------------------------------------------------------------------------


def test_the_raw_rows_never_hold_the_plaintext(unit, port):
    claim, interview, document = sealed_claim(unit, port)
    assert opened(claim, interview, document) == SECRETS
    stored = b"".join(raw_bytes(model._meta.db_table) for model in (Claim, Interview, ClaimDocument))
    assert stored  # the rows are there, read as the database holds them
    for secret in SECRETS:
        for fragment in (secret.encode(), b"Zarqawi-Hennessy", secret[:24].encode()):
            assert fragment not in stored
            assert fragment.hex().encode() not in stored.lower()  # nor as the hex a driver may show of a blob


def test_a_sealed_value_copied_onto_another_claim_or_field_does_not_open(unit, port):
    claim = Claim.objects.get(pk=sealed_claim(unit, port)[0].pk)
    other = make_claim(unit, port, make_claimant(surname="OTHER", number="N999"), reference="PC-UTAS-2026-000002")
    Claim.objects.filter(pk=other.pk).update(narrative_sealed=claim.narrative_sealed, narrative_key="local")
    other.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        sealing.unseal_text(other, "narrative", other.narrative_sealed, other.narrative_key)
    assert refused.value.code == "sealed_record_damaged"
    with pytest.raises(Conflict) as refused:  # the narrative put where the reasons are
        sealing.unseal_text(claim, "reasons", claim.narrative_sealed, claim.narrative_key)
    assert refused.value.code == "sealed_record_damaged"


def test_a_value_altered_at_rest_does_not_open(unit, port):
    claim = Claim.objects.get(pk=sealed_claim(unit, port)[0].pk)
    altered = bytearray(bytes(claim.narrative_sealed))
    altered[-1] ^= 1
    with pytest.raises(Conflict) as refused:
        sealing.unseal_text(claim, "narrative", bytes(altered), claim.narrative_key)
    assert refused.value.code == "sealed_record_damaged"


# --- Rotating the keys ---------------------------------------------------------------------------------------------


def test_rotating_reseals_everything_and_then_the_old_key_can_go(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    first = sealed_claim(unit, port)
    second = sealed_claim(unit, port, reference="PC-UTAS-2026-000002", surname="OMAR", number="N7654321")
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)
    progress: list[tuple[str, int, int]] = []

    outcome = sealing.rekey(SETUP, batch_size=1, progress=lambda *step: progress.append(step))

    assert (outcome.key_id, outcome.resealed, outcome.current, outcome.failed) == ("new", 8, 0, [])
    assert ("asylum.claim.narrative", 2, 2) in progress and ("asylum.claimdocument.content", 1, 2) in progress
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)
    assert opened(*first) == SECRETS and opened(*second) == SECRETS
    assert set(Claim.objects.values_list("narrative_key", flat=True)) == {"new"}
    event = AuditEvent.objects.get(action="asylum.keys.rotate")
    assert event.new_values == {"key": "new", "resealed": 8, "already_current": 0, "failed": 0}
    assert NARRATIVE not in json.dumps(event.new_values)


def test_rotating_again_changes_nothing_and_counts_what_is_current(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    sealed = sealed_claim(unit, port)
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)
    sealing.rekey(SETUP)
    stored = bytes(Claim.objects.get().narrative_sealed)

    again = sealing.rekey(SETUP)

    assert (again.resealed, again.current, again.failed) == (0, 4, [])
    assert bytes(Claim.objects.get().narrative_sealed) == stored
    assert opened(*sealed) == SECRETS


def test_a_value_that_does_not_open_is_reported_and_kept_and_the_rest_is_resealed(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    _, interview, _ = sealed_claim(unit, port)
    sealed = bytes(Interview.objects.get().record_sealed)
    damaged = sealed[:-1] + bytes([sealed[-1] ^ 0xFF])  # a new last byte, whatever it was
    Interview.objects.filter(pk=interview.pk).update(record_sealed=damaged)
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)

    outcome = sealing.rekey(SETUP)

    assert outcome.resealed == 3
    assert outcome.failed == [
        {"record": "asylum.interview.record", "id": interview.pk, "key": "old", "code": "sealed_record_damaged"}
    ]
    kept = Interview.objects.get()
    assert (bytes(kept.record_sealed), kept.record_key) == (damaged, "old")
    assert Claim.objects.get().narrative_key == "new"


def test_a_key_removed_too_soon_is_reported_not_lost(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    sealed_claim(unit, port)
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)

    outcome = sealing.rekey(SETUP)

    assert outcome.resealed == 0 and len(outcome.failed) == 4
    assert {failed["code"] for failed in outcome.failed} == {"sealed_key_missing"}
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)  # the key put back: everything still opens
    assert sealing.rekey(SETUP).resealed == 4


def test_rotation_does_not_touch_the_claims_version(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    sealed_claim(unit, port)
    before = Claim.objects.values_list("version", "updated_at").get()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)
    sealing.rekey(SETUP)
    assert Claim.objects.values_list("version", "updated_at").get() == before


def test_the_command_rekeys_and_says_what_it_did(unit, port, settings, capsys):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    sealed = sealed_claim(unit, port)
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)

    assert main(["asylum", "rekey", "--json", "--batch-size", "2"]) == 0
    assert json.loads(capsys.readouterr().out) == {"key": "new", "resealed": 4, "already_current": 0, "failed": []}
    assert main(["asylum", "rekey"]) == 0
    assert "Re-sealed 0 values with key new; 4 were already sealed with it; 0 do not open." in capsys.readouterr().out
    event = AuditEvent.objects.filter(action="asylum.keys.rotate").first()
    assert event.actor_username.startswith("system:asylum rekey")
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)
    assert opened(*sealed) == SECRETS


def test_the_command_fails_naming_what_does_not_open(unit, port, settings, capsys):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    claim, _, _ = sealed_claim(unit, port)
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)
    assert main(["asylum", "rekey"]) == 1
    out, err = capsys.readouterr()
    assert f"asylum.claim.narrative id {claim.pk} (key old): sealed_key_missing" in out
    assert "left as they were" in err
    assert main(["asylum", "rekey", "--batch-size", "0"]) == 2


def test_every_sealed_column_of_the_asylum_models_is_rotated():
    from django.apps import apps

    rotated = {(field.model, field.column) for field in sealing.sealed_fields()}
    binary = {
        (model, field.name)
        for model in apps.get_app_config("asylum").get_models()
        for field in model._meta.get_fields()
        if field.get_internal_type() == "BinaryField"
    }
    assert binary == rotated


def test_a_rotation_stopped_half_way_keeps_what_it_did_and_the_next_run_goes_on(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    first = sealed_claim(unit, port)
    second = sealed_claim(unit, port, reference="PC-UTAS-2026-000002", surname="OMAR", number="N7654321")
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)

    def stop_after_the_first_batch(label, done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sealing.rekey(SETUP, batch_size=1, progress=stop_after_the_first_batch)
    assert sorted(Claim.objects.values_list("narrative_key", flat=True)) == ["new", "old"]

    outcome = sealing.rekey(SETUP, batch_size=1)

    assert (outcome.resealed, outcome.current, outcome.failed) == (7, 1, [])
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)
    assert opened(*first) == SECRETS and opened(*second) == SECRETS


# --- The claimant's corrections, the interview's safeguard, a review note -------------------------------------------

REMARKS = "My brother was taken by Colonel Zarqawi-Hennessy's men, not my cousin"
SAFEGUARD = "Female officer and interpreter: survivor of Zarqawi-Hennessy's detention"
NOTE = "Weigh the Zarqawi-Hennessy testimony against the 2025 country report"


def notes_sealed(unit, port):
    claim = make_claim(unit, port, make_claimant())
    interview = Interview.objects.create(claim=claim, scheduled_for=datetime(2026, 3, 9, 9, tzinfo=UTC), language="ar")
    _seal_text(interview, "remarks_sealed", "remarks_key", "remarks", REMARKS)
    _seal_text(interview, "safeguard_sealed", "safeguard_key", "safeguard", SAFEGUARD)
    event = claims.add_event(
        claim, SETUP, "transition", action="return_for_assessment", text="Returned", sealed_note=NOTE
    )
    return interview, event


def notes_opened(interview, event) -> list[str]:
    interview, event = Interview.objects.get(pk=interview.pk), ClaimEvent.objects.get(pk=event.pk)
    return [
        sealing.unseal_text(interview, "remarks", interview.remarks_sealed, interview.remarks_key),
        sealing.unseal_text(interview, "safeguard", interview.safeguard_sealed, interview.safeguard_key),
        sealing.unseal_text(event, "note", event.note_sealed, event.note_key),
    ]


def test_corrections_safeguards_and_review_notes_are_sealed_and_rotated(unit, port, settings):
    old, new = new_key(), new_key()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(old=old)
    sealed = notes_sealed(unit, port)
    stored = b"".join(raw_bytes(model._meta.db_table) for model in (Interview, ClaimEvent))
    assert b"Zarqawi-Hennessy" not in stored and b"Zarqawi-Hennessy".hex().encode() not in stored.lower()
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new, old=old)

    outcome = sealing.rekey(SETUP)

    assert (outcome.resealed, outcome.failed) == (3, [])
    settings.BORDERDESK_ASYLUM_KEYS = key_text(new=new)
    assert notes_opened(*sealed) == [REMARKS, SAFEGUARD, NOTE]
