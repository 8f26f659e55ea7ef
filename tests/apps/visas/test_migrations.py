"""Visas moved from the travellers app into their own: a database that already holds visas keeps every one, with
its id, its crossings and its audit history, and a cancelled visa becomes a revoked one."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from borderdesk.apps.travellers.models import Crossing
from borderdesk.apps.visas.models import Visa, VisaStatus

BEFORE = [("travellers", "0002_settled_exits"), ("visas", None)]


def _migrate(targets):
    """Migrate the test database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_visas_on_record_before_the_move_are_found_after_it():
    try:
        kept, cancelled, crossing = _visas_at_the_old_state(_migrate(BEFORE))
        assert "travellers_visa" in connection.introspection.table_names()
    finally:
        _migrate(_latest())

    assert "travellers_visa" not in connection.introspection.table_names()
    visa = Visa.objects.get(pk=kept)
    assert (visa.number, visa.kind, visa.status, visa.valid_until) == (
        "EV2026777",
        "e_visa",
        "valid",
        date(2026, 12, 31),
    )
    assert visa.traveller.surname == "OKAFOR" and visa.document.document_number == "A07654321"
    assert Crossing.objects.get(pk=crossing).visa == visa  # the foreign key followed the table
    ended = Visa.objects.get(pk=cancelled)
    assert ended.status == VisaStatus.REVOKED and "before visas had a status" in ended.ended_reason
    # New visas take ids after the old ones, in the same table.
    assert Visa.objects.create(
        number="EV2026778",
        kind="e_visa",
        traveller=visa.traveller,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 2, 1),
    ).pk > max(kept, cancelled)


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_without_losing_a_visa():
    from borderdesk.apps.posts.models import Post
    from borderdesk.apps.travellers.models import HeldDocument, Traveller

    traveller = Traveller.objects.create(surname="ADEYEMI", given_names="NGOZI", nationality="NGA")
    HeldDocument.objects.create(
        traveller=traveller, document_code="P", category="P", issuing_state="NGA", document_number="A01111111"
    )
    Post.objects.create(code="TST", name="Test", kind="airport", country="UTO", time_zone="UTC")
    Visa.objects.create(
        number="EV1", kind="e_visa", traveller=traveller, valid_from=date(2026, 1, 1), valid_until=date(2026, 2, 1)
    )
    Visa.objects.create(
        number="EV2",
        kind="e_visa",
        traveller=traveller,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 2, 1),
        status=VisaStatus.ANNULLED,
    )
    try:
        old = _migrate(BEFORE)
        visas = old.get_model("travellers", "Visa").objects.order_by("number")
        assert [(v.number, v.cancelled) for v in visas] == [("EV1", False), ("EV2", True)]
    finally:
        _migrate(_latest())
    assert sorted(Visa.objects.values_list("number", flat=True)) == ["EV1", "EV2"]


def _visas_at_the_old_state(apps) -> tuple[int, int, int]:
    Post = apps.get_model("posts", "Post")
    Traveller = apps.get_model("travellers", "Traveller")
    HeldDocument = apps.get_model("travellers", "HeldDocument")
    OldVisa = apps.get_model("travellers", "Visa")
    OldCrossing = apps.get_model("travellers", "Crossing")
    post = Post.objects.create(code="TST", name="Test", kind="airport", country="UTO", time_zone="UTC")
    traveller = Traveller.objects.create(surname="OKAFOR", given_names="CHINEDU", nationality="NGA")
    document = HeldDocument.objects.create(
        traveller=traveller, document_code="P", category="P", issuing_state="NGA", document_number="A07654321"
    )
    kept = OldVisa.objects.create(
        number="EV2026777",
        kind="e_visa",
        traveller=traveller,
        document=document,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        entries_allowed=2,
    )
    cancelled = OldVisa.objects.create(
        number="EV2026001",
        kind="e_visa",
        traveller=traveller,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 3, 1),
        cancelled=True,
    )
    crossing = OldCrossing.objects.create(
        traveller=traveller,
        document=document,
        post=post,
        direction="entry",
        outcome="admitted",
        occurred_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
        visa=kept,
    )
    return kept.pk, cancelled.pk, crossing.pk
