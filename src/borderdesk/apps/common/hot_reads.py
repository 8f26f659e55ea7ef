"""Reads on the booth's hot path without the ORM's query compiler: the same model instances (with a related
record attached as ``select_related`` would), from SQL built once per shape and kept.

Django compiles every queryset anew: on this project's hardware a one-row ORM read costs about 0.2-0.5 ms of CPU
against 0.03-0.06 ms for the same statement on a cursor, and an inspection makes a dozen such reads. Only plain
column filters are offered (``column = %s`` joined by AND); anything richer stays with the ORM."""

from __future__ import annotations

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init


def database():
    """The default database's connection of this thread, looked up once. ``django.db.connection`` looks it up
    again at every attribute (a thread-and-task local behind a proxy): some 170 times per inspection when the hot
    paths used it, the fields' conversions included."""
    return connections[DEFAULT_DB_ALIAS]


def rows(sql: str, params: list | tuple = ()) -> list[tuple]:
    """A plain statement's rows (for reads whose values need no conversion: ids, numbers, text)."""
    with database().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def select(
    model: type[models.Model],
    where: tuple[str, ...],
    params: list,
    *,
    related: str | None = None,
    order_by: tuple[str, ...] = (),
    limit: int | None = None,
    for_update: bool = False,
) -> list:
    """Instances of ``model`` whose ``where`` columns equal ``params`` (in order), with the foreign key ``related``
    (a field name) loaded alongside, ordered by ``order_by`` (field names, ``-`` before one for descending)."""
    db = database()
    sql, shape, related_shape = _statement(db.vendor, model, where, related, order_by, limit, for_update)
    found = []
    width = len(shape.names)
    field = model._meta.get_field(related) if related is not None else None
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        found_rows = cursor.fetchall()
    for row in found_rows:
        instance = shape.instance(row[:width], db)
        if field is not None:
            other = row[width:]
            field.set_cached_value(instance, related_shape.instance(other, db) if other[0] is not None else None)
        found.append(instance)
    return found


class _Shape:
    """How a model's row becomes an instance: its field names, and the converters of the columns that have any
    (worked out once: most columns have none on PostgreSQL; SQLite hands dates over as text).

    A model whose fields all keep their values as plain attributes (no file or image field, no ``__init__`` or
    ``from_db`` of its own) gets its loaded instance built as ``Model.__init__`` would build it, without the
    field-by-field walk and the signals nobody listens to: two dozen instances per inspection."""

    def __init__(self, model: type[models.Model]):
        connection = database()
        fields = list(model._meta.concrete_fields)
        self.model, self.names, self.conversions = model, [f.attname for f in fields], []
        for i, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if converters:
                self.conversions.append((i, column, converters))
        self.plain = plain_model(model) and model.from_db.__func__ is models.Model.from_db.__func__

    def instance(self, values, db) -> models.Model:
        values = list(values)
        for i, column, converters in self.conversions:
            if values[i] is not None:
                for converter in converters:
                    values[i] = converter(values[i], column, db)
        model = self.model
        if not self.plain or pre_init.has_listeners(model) or post_init.has_listeners(model):
            return model.from_db(db.alias, self.names, values)
        instance = model.__new__(model)
        instance._state = state = ModelState()
        state.adding, state.db = False, db.alias
        instance.__dict__.update(zip(self.names, values, strict=True))
        return instance


@cache
def plain_model(model: type[models.Model]) -> bool:
    """Whether ``Model.__init__`` would only set each field's value as an attribute: the model has no ``__init__``
    of its own, and every field keeps its value as a plain attribute (no file or image field, no virtual field)."""
    fields = model._meta.fields
    return (
        model.__init__ is models.Model.__init__
        and not model._meta.abstract
        and all(f.column is not None and not f.generated for f in fields)
        and all(type(getattr(model, f.attname, None)) in _PLAIN_ATTRIBUTES for f in fields)
    )


_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@cache
def _statement(vendor, model, where, related, order_by, limit, for_update) -> tuple[str, _Shape, _Shape | None]:
    connection = database()
    qn = connection.ops.quote_name
    columns = [f"m.{qn(f.column)}" for f in model._meta.concrete_fields]
    joins, related_shape = "", None
    if related is not None:
        field = model._meta.get_field(related)
        related_shape = _Shape(field.related_model)
        columns += [f"r.{qn(f.column)}" for f in field.related_model._meta.concrete_fields]
        joins = (
            f" LEFT JOIN {qn(field.related_model._meta.db_table)} r"
            f" ON r.{qn(field.target_field.column)} = m.{qn(field.column)}"
        )
    conditions = " AND ".join(f"m.{qn(model._meta.get_field(name).column)} = %s" for name in where)
    sql = f"SELECT {', '.join(columns)} FROM {qn(model._meta.db_table)} m{joins} WHERE {conditions}"
    if order_by:
        keys = [
            f"m.{qn(model._meta.get_field(name.lstrip('-')).column)}{' DESC' if name.startswith('-') else ''}"
            for name in order_by
        ]
        sql += " ORDER BY " + ", ".join(keys)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if for_update and connection.features.has_select_for_update:
        sql += " FOR UPDATE OF m"
    return sql, _Shape(model), related_shape
