"""Loading the rows a page of objects points at through its foreign keys.

``prefetch_related("village")`` would do it in one query per key, but Django 5.2 builds that
query's filter as a tuple lookup (the general form that composite keys need, ticket #36116),
which compiles one expression per value: about 0.35 ms a key for a page of 20 rows, five keys
a quarter of an order list request. :func:`load_foreign` asks the same question with a plain
``pk IN (…)`` and fills the same cache, so templates, serializers and ``order.village`` read
the loaded rows without another query. Querysets offer it as
``ScopedQuerySet.load_related(*names)``. Rows of the small reference tables (units, service
items, teams) come from the process's copy where it may serve them (:mod:`practice.reference`).

:func:`related_count` counts the rows pointing at each row of a list, for the rows shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Count, F, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce

from . import reference


def load_foreign(objects: Sequence[models.Model], names: Iterable[str]) -> None:
    """For each foreign key in ``names`` (direct fields of the objects' model), load the rows
    the objects point at with one query and cache them on the objects."""
    if not objects:
        return
    model = type(objects[0])
    using = objects[0]._state.db or DEFAULT_DB_ALIAS
    for name in names:
        field = _own_foreign_key(model, name)
        values = {getattr(obj, field.attname) for obj in objects} - {None}
        rows = _rows_by(field.target_field, values, using)
        for obj in objects:
            value = getattr(obj, field.attname)
            field.set_cached_value(obj, rows.get(value) if value is not None else None)


def _rows_by(target, values: set, using: str) -> dict:
    """The rows of ``target``'s model whose ``target`` field holds one of ``values``, by that
    value: from the process's copy for a reference table's keys, the rest with one ``IN``
    query."""
    values = set(values)
    related = target.model
    rows = {}
    if values and target.primary_key and reference.available(related, using):
        rows = reference.rows(related, values)
        values -= rows.keys()
    if values:
        queryset = related._base_manager.using(using).filter(
            **{f"{target.name}__in": values}).order_by()
        rows.update((getattr(row, target.attname), row) for row in queryset)
    return rows


def load_many(objects: Sequence[models.Model], name: str, to_attr: str, *,
              also: Iterable[str] = (), order: Callable | None = None,
              queryset: models.QuerySet | None = None) -> None:
    """For the many-to-many field ``name`` of the objects' model, or a foreign key pointing at
    it (``name`` its related name), set on each object a list (``to_attr``) of the rows linked
    to it, with their foreign keys ``also`` loaded (:func:`load_foreign`), sorted by ``order``
    (a key function; else as the query gives them).

    Many-to-many: one query of the link table's two keys, then the rows by key as
    :func:`load_foreign` loads them (``_rows_by``: from the process's copy for reference
    tables).
    ``prefetch_related`` joins the link table to the related table, and for the related
    model's ordering to whatever it names: an activity's teams (ordered by their unit's path)
    joined three tables and hashed all 900 teams, 1.2 ms for PostgreSQL to plan and run at
    scale 10, for the two or three teams a page shows per activity.

    A foreign key pointing here: the rows whose key is one of the objects' (``fk IN (…)``, in
    the related model's ordering, or those of ``queryset`` with its ordering and joins), each
    with its object cached on it, as ``prefetch_related`` gives them but without its filter's
    per-value expressions (see the module's note)."""
    if not objects:
        return
    model = type(objects[0])
    field = model._meta.get_field(name)
    using = objects[0]._state.db or DEFAULT_DB_ALIAS
    keys = [obj.pk for obj in objects]
    related = field.related_model
    linked: dict = {}
    if field.one_to_many and field.auto_created:
        foreign_key = field.field
        if queryset is None:
            queryset = related._base_manager.all()
        rows = list(queryset.using(using).filter(**{f"{foreign_key.attname}__in": keys}))
        owners = {obj.pk: obj for obj in objects}
        for row in rows:
            owner = getattr(row, foreign_key.attname)
            foreign_key.set_cached_value(row, owners[owner])
            linked.setdefault(owner, []).append(row)
    elif field.many_to_many and field.concrete and queryset is None:
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        links = list(through._base_manager.using(using).filter(**{f"{source}__in": keys})
                     .order_by().values_list(source, target))
        by_key = _rows_by(related._meta.pk, {key for _, key in links}, using)
        rows = list(by_key.values())
        for owner, key in links:
            row = by_key.get(key)  # None: deleted since the links were read
            if row is not None:
                linked.setdefault(owner, []).append(row)
    else:
        raise ValueError(f"{model._meta.label}.{name} is neither a many-to-many field of its "
                         "own (without a queryset) nor a foreign key pointing at it")
    if also:
        load_foreign(rows, also)
    for obj in objects:
        found = linked.get(obj.pk, [])
        if order is not None:
            found.sort(key=order)
        setattr(obj, to_attr, found)


def _own_foreign_key(model, name: str):
    """The field ``name`` of ``model`` when it is a foreign key (or one-to-one) of its own."""
    field = model._meta.get_field(name)
    if not (field.many_to_one or field.one_to_one) or not field.concrete:
        raise ValueError(f"{model._meta.label}.{name} is not a foreign key of its own")
    return field


def brief_annotations(model, name: str, fields: Sequence[str]) -> dict:
    """For ``ScopedQuerySet.load_brief``: one select-list subquery per field of the row the
    foreign key ``name`` points at, named ``_brief_<name>_<field>``, in the order of the
    related model's fields (the order ``Model.from_db`` takes values in)."""
    field = _own_foreign_key(model, name)
    related = field.related_model
    wanted = {related._meta.get_field(f).attname for f in fields}
    annotations = {}
    for target in related._meta.concrete_fields:
        if target.attname in wanted and not target.primary_key:
            annotations[f"_brief_{name}_{target.attname}"] = RowColumn(field, target)
    return annotations


class RowColumn(Func):
    """``(SELECT <column> FROM <table> WHERE <key> = <the foreign key>)``: a column of the row
    a foreign key points at, as a select-list subquery of the outer row.

    Written out rather than built as ``Subquery(Model.objects.filter(pk=OuterRef(...)))``,
    whose inner query Django resolves and compiles anew on every request: about 500 Python
    calls a column, a twentieth of a page of orders. Here only the outer column is compiled
    (with the alias the outer query gives its table); the inner table has an alias of its own,
    so a join of the same table in the outer query cannot capture its names.
    """

    template = "(SELECT _row.%(column)s FROM %(table)s _row WHERE _row.%(key)s = %(expressions)s)"

    def __init__(self, foreign_key, target, **extra):
        self.foreign_key, self.target = foreign_key, target
        super().__init__(F(foreign_key.attname), output_field=target, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        quote = connection.ops.quote_name
        related = self.foreign_key.related_model._meta
        return super().as_sql(
            compiler, connection, table=quote(related.db_table),
            column=quote(self.target.column),
            key=quote(self.foreign_key.target_field.column), **extra_context)


class NewestPointingKey(Func):
    """``(SELECT <key> FROM <table> WHERE <foreign key> = <the outer row's key> ORDER BY <key>
    DESC LIMIT 1)``: the key of the newest row of ``model`` whose foreign key ``field`` points
    at the outer row (None when there is none), as a select-list subquery, written out for the
    reason :class:`RowColumn` gives (the ledger's "reversed by" of a page of 20 entries: about
    a tenth of the request as Django's ``Subquery``)."""

    template = ("(SELECT _row.%(key)s FROM %(table)s _row WHERE _row.%(column)s = "
                "%(expressions)s ORDER BY _row.%(key)s DESC LIMIT 1)")

    def __init__(self, model, field: str, **extra):
        self.foreign_key = _own_foreign_key(model, field)
        self.pointing = model
        super().__init__(F(self.foreign_key.target_field.attname),
                         output_field=model._meta.pk, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        quote = connection.ops.quote_name
        meta = self.pointing._meta
        return super().as_sql(
            compiler, connection, table=quote(meta.db_table), key=quote(meta.pk.column),
            column=quote(self.foreign_key.column), **extra_context)


def load_brief(objects: Sequence[models.Model], name: str, annotations: Sequence[str]) -> None:
    """Make the rows ``load_brief`` read (key and brief fields, the rest deferred) and cache
    them on the objects, dropping the annotations they were read as."""
    if not objects:
        return
    field = type(objects[0])._meta.get_field(name)
    related = field.related_model
    prefix = f"_brief_{name}_"
    pk = related._meta.pk.attname
    # Model.from_db takes the values in the order of the model's fields.
    order = [f.attname for f in related._meta.concrete_fields]
    names = sorted([pk, *(a[len(prefix):] for a in annotations)], key=order.index)
    using = objects[0]._state.db or DEFAULT_DB_ALIAS
    for obj in objects:
        values = {a[len(prefix):]: obj.__dict__.pop(a) for a in annotations}
        values[pk] = key = getattr(obj, field.attname)
        row = None if key is None else related.from_db(using, names,
                                                        [values[n] for n in names])
        field.set_cached_value(obj, row)


def related_count(model, field: str):
    """The number of ``model`` rows whose foreign key ``field`` points at the outer row, as a
    correlated subquery for ``annotate()``.

    ``annotate(n=Count("memberships"))`` joins and groups every membership of every team before
    a page of 20 is cut, and the page's count wraps that grouping too: 300 ms for the teams at
    scale 10 (440,000 memberships). PostgreSQL evaluates a subquery in the select list only for
    the rows that survive ORDER BY … LIMIT, and ``count()`` leaves an unused one out.
    It counts rows (``COUNT(*)``), not their keys: the foreign key's index then answers alone
    (an index-only scan), without reading each row (a page of teams: 6.3 → 2.1 ms at scale 10).
    """
    rows = (model._base_manager.filter(**{field: OuterRef("pk")}).order_by().values(field)
            .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(rows), 0)
