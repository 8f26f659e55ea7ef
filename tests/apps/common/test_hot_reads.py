"""The hot path's reads give the very records the ORM gives: every field's value and type, the related record
attached, the order and the limit, on SQLite (which hands dates over as text) and PostgreSQL alike."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.common import hot_reads
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import Crossing, Direction, HeldDocument, Traveller


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def history(db):
    post = Post.objects.create(code="HOT", name="Hot Port", kind="airport", country="UTO", time_zone="Asia/Bangkok")
    traveller = Traveller.objects.create(
        surname="QUILLFEATHER", given_names="ODALYS", birth_date=date(1980, 2, 29), sex="F", nationality="UTO"
    )
    document = HeldDocument.objects.create(
        traveller=traveller,
        document_code="P",
        category="P",
        issuing_state="UTO",
        document_number="HQ1234567",
        expiry_date=date(2031, 5, 6),
    )
    start = timezone.now() - timedelta(days=40)
    for day in range(5):
        Crossing.objects.create(
            traveller=traveller,
            document=document,
            post=post,
            direction=Direction.ENTRY if day % 2 == 0 else Direction.EXIT,
            outcome="admitted",
            occurred_at=start + timedelta(days=day, hours=day),
            admitted_until=date(2027, 1, day + 1) if day % 2 == 0 else None,
        )
    return traveller, document, post


def test_a_document_with_its_traveller_is_the_orms(history):
    _, document, _ = history
    (found,) = hot_reads.select(
        HeldDocument, ("issuing_state", "document_number"), ["UTO", "HQ1234567"], related="traveller", limit=1
    )
    orm = HeldDocument.objects.select_related("traveller").get(pk=document.pk)
    assert _values(found) == _values(orm)
    assert HeldDocument.traveller.is_cached(found)
    assert _values(found.traveller) == _values(orm.traveller)
    assert isinstance(found.expiry_date, date) and isinstance(found.traveller.created_at, datetime)
    assert found.traveller.created_at.tzinfo is not None
    found.save(update_fields=["last_seen_at"])  # an instance the ORM can save again


def test_rows_come_in_the_orms_order_and_limit(history):
    traveller, _, _ = history
    found = hot_reads.select(
        Crossing, ("traveller",), [traveller.pk], related="post", order_by=("-occurred_at",), limit=3
    )
    orm = list(Crossing.objects.filter(traveller=traveller).select_related("post").order_by("-occurred_at")[:3])
    assert [_values(c) for c in found] == [_values(c) for c in orm]
    assert [c.post.code for c in found] == ["HOT"] * 3


def test_nothing_found_is_an_empty_list_and_a_missing_related_record_is_none(history):
    assert hot_reads.select(HeldDocument, ("document_number",), ["NOPE"], related="traveller") == []
    traveller, _, _ = history
    (alone,) = hot_reads.select(Traveller, ("id",), [traveller.pk], related="merged_into")
    assert alone.merged_into is None


def test_instances_are_built_as_the_orms_and_listeners_still_hear_them(history):
    """The hot path builds a plain model's instance without ``Model.__init__``; it must be the same instance, and a
    ``post_init`` receiver connected later must still be called (the instance then comes the ORM's way)."""
    from django.db.models.signals import post_init

    traveller, _, _ = history
    (found,) = hot_reads.select(Traveller, ("id",), [traveller.pk])
    orm = Traveller.objects.get(pk=traveller.pk)
    assert {k: v for k, v in vars(found).items() if k != "_state"} == {
        k: v for k, v in vars(orm).items() if k != "_state"
    }
    assert (found._state.adding, found._state.db) == (orm._state.adding, orm._state.db) == (False, "default")
    assert found == orm and found.full_name == orm.full_name

    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance)

    post_init.connect(listener, sender=Traveller)
    try:
        (again,) = hot_reads.select(Traveller, ("id",), [traveller.pk])
    finally:
        post_init.disconnect(listener, sender=Traveller)
    assert heard == [again] and _values(again) == _values(orm)
