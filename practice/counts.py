"""Counted lists: the total a page-numbered list shows, kept for a minute per exact query, and
counts shown beside each row of a page (a team's members), kept per row.

A page-numbered list counts every row of its query to show the total and its last page:
4,500 households of a township cost 1 ms of PostgreSQL's time on every page at scale 10, the
banner's 88,000 households 6–9 ms, whichever page is asked for. The count is the same for
every page of the same query, so it is kept under the query's SQL and parameters (so each
scope and filter has its own) for ``SECONDS``: in the process that counted it and in the
shared cache, so that the other workers need not count it again.

Freshness: the kept counts have one generation number (``practice/generations.py``) that a
saved or deleted row of any registered model moves, so a household added through the platform
shows in the total on the very next request; writes that send no signal (bulk operations,
``update()``, raw SQL) show within ``SECONDS``. A request reads the generation once, in the
same cache round trip as its API token (``generations.read_once_per_request``), so a total
this process kept costs no round trip at all. One number rather than one per model: each key
more in that round trip cost every API request about 28 Python calls (4 % of a page of orders
for fifteen models), and counting again after a write to another table costs one COUNT.
Inside a transaction nothing is kept or served (it may count rows that are not committed),
and models that are not registered are counted as before.

Rows: :func:`of_rows` (``ScopedQuerySet.load_count``) sets on each object of a page the number
of rows pointing at it — a team's 450 members at scale 10 were counted for each of the page's
20 teams on every request, 1.9 ms of PostgreSQL's time — kept per object in the same way.

Apps register, in ``ready()``, the model of every page-numbered list and the models counted
per row (memberships).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Model, QuerySet

from . import generations

SECONDS = 60
# Totals this process keeps (key -> (generation, total, until)); beyond as many, it starts
# afresh.
LOCAL_ENTRIES = 4096

_registered: set[type[Model]] = set()
_local: dict[str, tuple[int, int, float]] = {}


GENERATION = "counts:generation"
generations.read_once_per_request(GENERATION)


def register(*models: type[Model]) -> None:
    """Keep the counts of queries over ``models``."""
    _registered.update(models)
    generations.bump_on_change(GENERATION, *models)


def registered(model: type[Model]) -> bool:
    return model in _registered


def forget() -> None:
    """Count every registered model anew (after writes that send no signal)."""
    _local.clear()
    generations.bump(GENERATION)


def query_key(sql: str, params) -> str:
    """The key of the total of the query ``sql`` with ``params`` (no LIMIT or OFFSET)."""
    params = tuple(params or ())
    return "counts:" + hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()[:40]


def count(queryset: QuerySet, key: str | None = None) -> int:
    """``queryset.count()``, kept when the same query was counted lately. ``key`` is the
    query's :func:`query_key` when the caller has its SQL at hand (it saves compiling it)."""
    model = queryset.model
    if not _keeps(model, queryset.db):
        return queryset.count()
    if key is None:
        try:
            key = query_key(*queryset.query.sql_with_params())
        except EmptyResultSet:  # none(), or a filter on an empty list: Django counts 0 unasked
            return queryset.count()
    generation, kept = _kept([key])
    if key in kept:
        return kept[key]
    total = queryset.count()
    _keep(generation, {key: total})
    return total


def of_rows(objects, model: type[Model], field: str, attr: str) -> None:
    """Set ``attr`` on each of ``objects`` to the number of ``model`` rows whose foreign key
    ``field`` points at it: kept counts where fresh, one grouped query for the others."""
    if not objects:
        return
    using = objects[0]._state.db or DEFAULT_DB_ALIAS
    keep = _keeps(model, using)
    found: dict = {}
    if keep:
        label = f"counts:rows:{model._meta.label_lower}:{field}:"
        keys = {obj.pk: f"{label}{obj.pk}" for obj in objects}
        generation, kept = _kept(keys.values())
        found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [obj.pk for obj in objects if obj.pk not in found]
    if missing:
        counted = dict(model._base_manager.using(using).filter(**{f"{field}__in": missing})
                       .order_by().values(field).annotate(n=Count("*")).values_list(field, "n"))
        fresh = {pk: counted.get(pk, 0) for pk in missing}
        found.update(fresh)
        if keep:
            _keep(generation, {keys[pk]: n for pk, n in fresh.items()})
    for obj in objects:
        setattr(obj, attr, found[obj.pk])


def _keeps(model: type[Model], using: str) -> bool:
    """Are counts over ``model`` kept and served now (registered, outside a transaction)?"""
    return model in _registered and not connections[using].in_atomic_block


def _kept(keys) -> tuple[int, dict]:
    """The generation (as this request read it) and the counts kept under it for
    ``keys`` (by key; keys missing, expired or of another generation are left out): from this
    process where it kept them, from the shared cache for the others (one round trip)."""
    generation = generations.current(GENERATION)
    now = time.time()

    def fresh(entry) -> bool:  # (generation, total, until), as _keep writes it
        return isinstance(entry, tuple) and len(entry) == 3 and entry[0] == generation \
            and entry[2] > now

    found, ask = {}, []
    for key in keys:
        entry = _local.get(key)
        if fresh(entry):
            found[key] = entry[1]
        else:
            ask.append(key)
    if ask:
        for key, entry in cache.get_many(ask).items():
            if fresh(entry):
                found[key] = entry[1]
                _remember(key, entry)
    return generation, found


def _keep(generation: int, totals: dict) -> None:
    """Keep ``totals`` (by key) counted under ``generation``, here and in the shared cache."""
    until = time.time() + SECONDS
    entries = {key: (generation, total, until) for key, total in totals.items()}
    for key, entry in entries.items():
        _remember(key, entry)
    cache.set_many(entries, SECONDS)


def _remember(key: str, entry: tuple) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[key] = entry
