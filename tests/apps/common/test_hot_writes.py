"""The hot path's inserts write the rows the ORM writes: every column's value (JSON, dates, times, foreign keys,
defaults, ``auto_now`` and ``auto_now_add``), the ids given back, the field checks and signals of ``save()``, and
the database's constraints, on SQLite and PostgreSQL alike."""

from datetime import date

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from borderdesk.apps.common import hot_writes
from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.inspection.models import GateRequest, Inspection
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.apps.watchlists.models import Screening

AUTOMATIC = {"id", "created_at", "updated_at"}


@pytest.fixture
def document(port):
    traveller = Traveller.objects.create(
        surname="QUILLFEATHER", given_names="ODALYS", birth_date=date(1980, 2, 29), sex="F", nationality="UTO"
    )
    return HeldDocument.objects.create(
        traveller=traveller, document_code="P", category="P", issuing_state="UTO", document_number="HQ1234567"
    )


def an_inspection(port, document, **fields) -> Inspection:
    return Inspection(
        post=port,
        traveller=document.traveller,
        document=document,
        direction="entry",
        document_check={"valid": True, "findings": [{"code": "x", "note": "ü \\u0000 \" '"}], "score": 0.5},
        recommendation={"outcome": "admit", "admit_until": "2030-01-10", "reasons": [], "evaluation_id": 7},
        answers={"planned_departure": "2030-01-01"},
        **fields,
    )


def stored(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def test_an_inspection_is_the_row_that_save_writes(port, document):
    by_the_orm = an_inspection(port, document)
    by_the_orm.save()
    inserted = an_inspection(port, document)
    hot_writes.insert([inserted])
    assert inserted.pk and inserted.pk != by_the_orm.pk and not inserted._state.adding
    orm_row, row = stored(Inspection, by_the_orm.pk), stored(Inspection, inserted.pk)
    assert {k: v for k, v in row.items() if k not in AUTOMATIC} == {
        k: v for k, v in orm_row.items() if k not in AUTOMATIC
    }
    assert row["status"] == "open" and row["version"] == 1 and row["channel"] == "booth"  # the fields' defaults
    # auto_now_add and auto_now: set on the instance as save() sets them, and stored as they are there
    assert inserted.created_at is not None and row["created_at"] == inserted.created_at
    assert row["updated_at"] == inserted.updated_at
    inserted.notes = "saved again"
    inserted.save(update_fields=["notes"])  # an instance the ORM goes on with
    assert stored(Inspection, inserted.pk)["notes"] == "saved again"


def test_several_rows_are_one_statement_and_each_gets_its_id(officer):
    screenings = [screening(officer, purpose=f"manifest line {n}") for n in range(3)]
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        hot_writes.insert(screenings, signals=False)
    assert len([q for q in queries.captured_queries if q["sql"].startswith("INSERT")]) == 1
    assert [Screening.objects.get(pk=s.pk).purpose for s in screenings] == [f"manifest line {n}" for n in range(3)]


def test_more_rows_than_a_statement_takes_go_in_batches(officer):
    screenings = [screening(officer, purpose=f"line {n}") for n in range(hot_writes.BATCH + 1)]
    hot_writes.insert(screenings, signals=False)
    assert len({s.pk for s in screenings}) == hot_writes.BATCH + 1
    assert Screening.objects.get(pk=screenings[-1].pk).purpose == f"line {hot_writes.BATCH}"


def screening(officer, purpose: str) -> Screening:
    return Screening(
        actor=officer,
        actor_username=officer.username,
        post_code="TST",
        purpose=purpose,
        query={"name": "A B"},
        person_fingerprint="f",
        lists={"un": 1},
        hits=0,
        possibles=0,
    )


def test_the_field_checks_refuse_what_save_and_bulk_create_refuse(port, document, officer):
    with pytest.raises(Invalid) as refused:
        hot_writes.insert([an_inspection(port, document, notes="a\x00b")])
    assert refused.value.code == "nul_character"
    with pytest.raises(Invalid) as refused:
        hot_writes.insert([screening(officer, "x" * 201)], signals=False)
    assert refused.value.code == "value_too_long"
    assert not Inspection.objects.exists() and not Screening.objects.exists()


def test_save_sends_its_signals_and_the_bulk_form_sends_none(port, document, officer):
    seen = []

    def before(sender, instance, **kwargs):
        seen.append(("pre_save", sender.__name__, instance.pk))

    def after(sender, instance, created, **kwargs):
        seen.append(("post_save", sender.__name__, instance.pk, created))

    pre_save.connect(before)
    post_save.connect(after)
    try:
        inspection = an_inspection(port, document)
        hot_writes.insert([inspection])
        hot_writes.insert([screening(officer, "no signals")], signals=False)
    finally:
        pre_save.disconnect(before)
        post_save.disconnect(after)
    assert seen == [("pre_save", "Inspection", None), ("post_save", "Inspection", inspection.pk, True)]


def test_the_database_still_checks_every_constraint(port, officer):
    def request() -> GateRequest:
        return GateRequest(caller=officer, post=port, key_digest="k" * 64, request_digest="r" * 64)

    hot_writes.insert([request()])
    with pytest.raises(IntegrityError), transaction.atomic():
        hot_writes.insert([request()])  # the same caller, post and key: gate_key_once_per_caller_and_post
    assert GateRequest.objects.count() == 1


def test_what_only_the_orm_can_write_is_refused(port, document):
    with pytest.raises(TypeError):
        hot_writes.insert([an_inspection(port, document, version=F("version") + 1)])
    saved = an_inspection(port, document)
    saved.save()
    with pytest.raises(ValueError):
        hot_writes.insert([saved])
    assert Inspection.objects.count() == 1


def test_an_update_writes_what_save_with_update_fields_writes(port, document):
    inspection = an_inspection(port, document)
    hot_writes.insert([inspection])
    twin = Inspection.objects.get(pk=inspection.pk)
    before = stored(Inspection, inspection.pk)
    for record in (inspection, twin):
        record.status, record.notes, record.version = "closed", "decided", 2
        record.recommendation = {**record.recommendation, "overstay_days": 3}
    twin.save(update_fields=["status", "recommendation", "version", "updated_at"])
    by_the_orm = stored(Inspection, twin.pk)
    hot_writes.update(inspection, ["status", "recommendation", "version", "updated_at"])
    row = stored(Inspection, inspection.pk)
    assert {k: v for k, v in row.items() if k != "updated_at"} == {
        k: v for k, v in by_the_orm.items() if k != "updated_at"
    }
    assert row["notes"] == before["notes"] == ""  # a field not named is not written
    assert row["updated_at"] == inspection.updated_at > before["updated_at"]  # auto_now
    assert row["created_at"] == before["created_at"]  # auto_now_add only when added


def test_an_update_sends_the_signals_checks_the_fields_and_needs_the_row(port, document):
    inspection = an_inspection(port, document)
    hot_writes.insert([inspection])
    seen = []

    def after(sender, instance, created, update_fields, **kwargs):
        seen.append((sender.__name__, created, update_fields))

    post_save.connect(after)
    try:
        hot_writes.update(inspection, ["notes"])
    finally:
        post_save.disconnect(after)
    assert seen == [("Inspection", False, frozenset({"notes"}))]
    inspection.notes = "a\x00b"
    with pytest.raises(Invalid):
        hot_writes.update(inspection, ["notes"])
    Inspection.objects.filter(pk=inspection.pk).delete()
    inspection.notes = "gone"
    with pytest.raises(DatabaseError), transaction.atomic():
        hot_writes.update(inspection, ["notes"])


def built(instance) -> dict:
    """What an instance holds: its values and cached related records, and its state."""
    values = {k: v for k, v in vars(instance).items() if k != "_state"}
    return {**values, "_state": (instance._state.adding, instance._state.db)}


def test_a_new_instance_is_the_one_the_model_builds(port, document, officer):
    from borderdesk.apps.audit.models import AuditEvent

    given = {
        "post": port,
        "traveller_id": document.traveller_id,
        "document": document,
        "direction": "entry",
        "recommendation": {"outcome": "admit"},
    }
    assert built(hot_writes.new(Inspection, **given)) == built(Inspection(**given))
    assert built(hot_writes.new(Inspection)) == built(Inspection())  # every default, the callable ones too
    event = {"actor": None, "actor_username": "system", "action": "x", "object_id": "7", "new_values": {"a": 1}}
    assert built(hot_writes.new(AuditEvent, **event)) == built(AuditEvent(**event))
    made = hot_writes.new(Inspection, **given)
    assert made.post is port and made.post_id == port.pk and made.status == "open" and made._state.adding
    hot_writes.insert([made])
    assert Inspection.objects.get(pk=made.pk).document_id == document.pk


def test_a_new_instance_refuses_or_takes_what_the_model_does(port, officer):
    with pytest.raises(TypeError) as by_the_model:
        Inspection(no_such_field=1)
    with pytest.raises(TypeError) as built_here:
        hot_writes.new(Inspection, no_such_field=1)
    assert str(built_here.value) == str(by_the_model.value)
    twice = {"post": port, "post_id": port.pk}  # Django takes both: so does the copy, the model's own way
    assert built(hot_writes.new(Inspection, **twice)) == built(Inspection(**twice))
    with pytest.raises(ValueError):
        hot_writes.new(Inspection, post=officer)  # a user where a post belongs: the descriptor's own check


def test_a_new_instance_is_heard_by_init_listeners(port):
    from django.db.models.signals import post_init

    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance.direction)

    post_init.connect(listener, sender=Inspection)
    try:
        hot_writes.new(Inspection, post=port, direction="exit")
    finally:
        post_init.disconnect(listener, sender=Inspection)
    assert heard == ["exit"]
