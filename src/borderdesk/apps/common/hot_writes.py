"""Writes on the booth's hot path without the ORM's compilers: the rows ``save()`` of new instances (or
``bulk_create``) would insert, and the columns ``save(update_fields=...)`` would update, from SQL built once per
model (and per set of columns).

Django compiles every insert anew, and on PostgreSQL ``bulk_create`` of several rows sends each column as an array,
which psycopg escapes in Python character by character (a JSON column's text most of all): together about as much
CPU as the rest of an inspection's statements. Here each field still gives its value as the ORM asks for it
(``pre_save``: ``auto_now`` and ``auto_now_add`` times; ``get_db_prep_save``: the database's form), the
``pre_save`` and ``post_save`` signals are sent as ``save()`` sends them (the field checks of
``common.field_limits`` run), and the database checks every constraint as before. Only plain values are offered:
a model with parents, a field with a database default or a value that is an expression stays with the ORM."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from django.db import DatabaseError, models, transaction
from django.db.models.base import ModelState
from django.db.models.signals import post_init, post_save, pre_init, pre_save

from borderdesk.apps.common.field_limits import check_fields
from borderdesk.apps.common.hot_reads import database, plain_model


def new(model: type[models.Model], **values) -> models.Model:
    """A new instance, as ``model(**values)`` builds it: every field not given gets its default, a foreign key
    given as an object goes through its descriptor (the same checks and cache). It skips ``Model.__init__``'s
    general walk when nothing could tell the difference (``hot_reads.plain_model``, and nobody listens to
    ``pre_init`` or ``post_init``): an inspection builds a dozen instances, its audit events among them."""
    if not plain_model(model) or pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model(**values)
    instance = model.__new__(model)
    instance._state = ModelState()
    attributes, used = instance.__dict__, 0
    for attname, name, is_relation, make_default, default in _fields(model):
        if is_relation and name in values:
            setattr(instance, name, values[name])
            used += 1
        elif attname in values:
            attributes[attname] = values[attname]
            used += 1
        else:
            attributes[attname] = default if make_default is None else make_default()
    if used != len(values):  # a property, a field given twice or a name that is none: as Django says
        return model(**values)
    return instance


@cache
def _fields(model: type[models.Model]) -> list[tuple]:
    """Each field's names, and how it gets its default: a callable default (``dict``, ``timezone.now``) is called
    for every instance; any other default is one value, which ``get_default()`` hands out every time too."""
    found = []
    for f in model._meta.fields:
        if f.has_default() and callable(f.default):
            make_default = f.default
        elif f.has_db_default():
            make_default = f.get_default  # a new expression for the database each time, as Django gives it
        else:
            make_default = None
        default = None if make_default else f.get_default()
        found.append((f.attname, f.name, f.remote_field is not None, make_default, default))
    return found


def insert(instances: Sequence[models.Model], *, signals: bool = True) -> None:
    """Store new instances of one model and give each its id: one statement, or one per batch of as many rows as
    the database takes at once. ``signals=False`` stores them as this project's ``bulk_create`` does: the field
    checks run, no signal is sent."""
    if not instances:
        return
    model, connection = type(instances[0]), database()
    if not connection.features.can_return_rows_from_bulk_insert:  # a database that cannot say the new ids
        _insert_with_the_orm(model, instances, signals)
        return
    using = connection.alias
    for instance in instances:
        if instance.pk is not None or type(instance) is not model:
            raise ValueError(f"insert() stores new instances of one model, not {instance!r}")
        instance._prepare_related_fields_for_save(operation_name="save")
        if signals:
            pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
        else:
            check_fields(model, instance)
    statement = _statement(connection.vendor, model)
    batch = max(1, min(BATCH, connection.ops.bulk_batch_size(statement.fields, instances)))
    for start in range(0, len(instances), batch):
        _insert_batch(connection, statement, instances[start : start + batch])
    if signals:
        for instance in instances:
            post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)


BATCH = 500  # rows per statement at most


class _Statement:
    """A model's INSERT, its rows' placeholders and the fields that give their values (worked out once)."""

    def __init__(self, model: type[models.Model]):
        connection = database()
        meta = model._meta
        if meta.parents:
            raise TypeError(f"{model.__name__} has parent models: save it with the ORM")
        self.fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field and not f.generated]
        if meta.auto_field is None or any(f.has_db_default() for f in self.fields):
            raise TypeError(f"{model.__name__}: ids or defaults from the database; save it with the ORM")
        qn = connection.ops.quote_name
        self.head = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in self.fields)}) VALUES "
        self.row = f"({', '.join(['%s'] * len(self.fields))})"
        self.tail = f" RETURNING {qn(meta.pk.column)}"
        self.pk_attname = meta.pk.attname

    def sql(self, rows: int) -> str:
        return self.head + ", ".join([self.row] * rows) + self.tail


@cache
def _statement(vendor: str, model: type[models.Model]) -> _Statement:
    return _Statement(model)


def _insert_batch(connection, statement: _Statement, instances: Sequence[models.Model]) -> None:
    params = [
        field.get_db_prep_save(field.pre_save(instance, True), connection)
        for instance in instances
        for field in statement.fields
    ]
    if any(hasattr(value, "resolve_expression") for value in params):
        raise TypeError("an expression as a value: save it with the ORM")
    with transaction.mark_for_rollback_on_error(connection.alias), connection.cursor() as cursor:
        cursor.execute(statement.sql(len(instances)), params)
        ids = cursor.fetchall()
    for instance, (pk,) in zip(instances, ids, strict=True):
        setattr(instance, statement.pk_attname, pk)
        instance._state.adding, instance._state.db = False, connection.alias


def _insert_with_the_orm(model: type[models.Model], instances: Sequence[models.Model], signals: bool) -> None:
    if not signals:
        model.objects.bulk_create(instances)
        return
    for instance in instances:
        instance.save(force_insert=True)


def update(instance: models.Model, fields: Sequence[str]) -> None:
    """Write these fields of a stored instance as ``save(update_fields=fields)`` does: an ``auto_now`` field among
    them gets the time, the signals are sent, and a row that is gone is an error."""
    model, connection = type(instance), database()
    using = connection.alias
    update_fields = frozenset(fields)
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=update_fields)
    sql, columns = _update_statement(connection.vendor, model, tuple(fields))
    params = [field.get_db_prep_save(field.pre_save(instance, False), connection) for field in columns]
    if any(hasattr(value, "resolve_expression") for value in params):
        raise TypeError(f"{model.__name__}: an expression as a value; save it with the ORM")
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, [*params, instance.pk])
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")
    post_save.send(sender=model, instance=instance, created=False, update_fields=update_fields, raw=False, using=using)


@cache
def _update_statement(vendor: str, model: type[models.Model], names: tuple[str, ...]) -> tuple[str, list]:
    connection = database()
    meta = model._meta
    columns = [meta.get_field(name) for name in names]
    if meta.parents or any(not f.concrete or f.primary_key for f in columns):
        raise TypeError(f"{model.__name__}: {names} are not columns of its own table; save it with the ORM")
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(f.column)} = %s" for f in columns)
    return f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(meta.pk.column)} = %s", columns
