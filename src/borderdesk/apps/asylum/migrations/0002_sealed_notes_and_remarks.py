"""Seal what still held the claimant's account in plain text: the corrections the claimant asked for after the
interview was read back (Interview.confirmation_remarks), the safeguard taken for a vulnerable claimant (kept in the
interview's scheduling event) and a senior officer's review note (kept in the timeline's text). The plain values are
sealed into the new fields (BORDERDESK_ASYLUM_KEYS' current key) and removed; going back opens them again."""

from django.db import migrations, models

RETURNED = "Returned for assessment: "


def _seal(record, field, text):
    from borderdesk.apps.asylum.services.sealing import seal_text

    key, sealed = seal_text(record, field, text)
    setattr(record, f"{field}_key", key)
    setattr(record, f"{field}_sealed", sealed)


def _open(record, field) -> str:
    from borderdesk.apps.asylum.services.sealing import unseal_text

    return unseal_text(record, field, getattr(record, f"{field}_sealed"), getattr(record, f"{field}_key"))


def _check_now(schema_editor):
    """PostgreSQL refuses to alter a table with deferred checks pending (the field removed next): run them now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def seal_plain_text(apps, schema_editor):
    Interview = apps.get_model("asylum", "Interview")
    ClaimEvent = apps.get_model("asylum", "ClaimEvent")
    for interview in Interview.objects.exclude(confirmation_remarks=""):
        _seal(interview, "remarks", interview.confirmation_remarks)
        interview.confirmation_remarks = ""
        interview.save(update_fields=["remarks_key", "remarks_sealed", "confirmation_remarks"])
    for event in ClaimEvent.objects.filter(action="schedule_interview"):
        safeguard = event.details.pop("safeguard", None)
        if safeguard is None:
            continue
        interview = Interview.objects.filter(pk=event.details.get("interview"), claim_id=event.claim_id).first()
        if safeguard and interview is not None:
            _seal(interview, "safeguard", safeguard)
            interview.save(update_fields=["safeguard_key", "safeguard_sealed"])
        event.save(update_fields=["details"])
    for event in ClaimEvent.objects.filter(action="return_for_assessment", text__startswith=RETURNED):
        _seal(event, "note", event.text.removeprefix(RETURNED))
        event.text = RETURNED.removesuffix(": ")
        event.save(update_fields=["text", "note_key", "note_sealed"])
    for event in ClaimEvent.objects.filter(action="approve_decision", text__contains=". "):
        event.text, note = event.text.split(". ", 1)  # "Decision approved: <outcome>. <note>"; outcomes have no "."
        _seal(event, "note", note)
        event.save(update_fields=["text", "note_key", "note_sealed"])
    _check_now(schema_editor)


def open_sealed_text(apps, schema_editor):
    Interview = apps.get_model("asylum", "Interview")
    ClaimEvent = apps.get_model("asylum", "ClaimEvent")
    for interview in Interview.objects.exclude(remarks_key=""):
        interview.confirmation_remarks = _open(interview, "remarks")
        interview.save(update_fields=["confirmation_remarks"])
    for interview in Interview.objects.exclude(safeguard_key=""):
        event = ClaimEvent.objects.filter(
            claim_id=interview.claim_id, action="schedule_interview", details__interview=interview.pk
        ).first()
        if event is not None:
            event.details["safeguard"] = _open(interview, "safeguard")
            event.save(update_fields=["details"])
    for event in ClaimEvent.objects.exclude(note_key=""):
        note = _open(event, "note")
        event.text = f"{RETURNED}{note}" if event.action == "return_for_assessment" else f"{event.text}. {note}"
        event.save(update_fields=["text"])
    _check_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("asylum", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimevent",
            name="note_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="claimevent",
            name="note_sealed",
            field=models.BinaryField(blank=True, help_text="A senior officer's review note, sealed", null=True),
        ),
        migrations.AddField(
            model_name="interview",
            name="remarks_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="interview",
            name="remarks_sealed",
            field=models.BinaryField(blank=True, help_text="Corrections the claimant asked for, sealed", null=True),
        ),
        migrations.AddField(
            model_name="interview",
            name="safeguard_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="interview",
            name="safeguard_sealed",
            field=models.BinaryField(blank=True, help_text="The safeguard taken for a vulnerable claimant", null=True),
        ),
        migrations.RunPython(seal_plain_text, open_sealed_text),
        migrations.RemoveField(
            model_name="interview",
            name="confirmation_remarks",
        ),
    ]
