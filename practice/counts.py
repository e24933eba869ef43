"""Counted lists: the total a page-numbered list shows, kept for a minute per exact query, and
counts shown beside each row of a page (a team's members), kept per row.

A page-numbered list counts every row of its query to show the total and its last page:
4,500 households of a township cost 1 ms of PostgreSQL's time on every page at scale 10, the
banner's 88,000 households 6–9 ms, whichever page is asked for. The count is the same for
every page of the same query, so it is kept in the shared cache under the query's SQL and
parameters (so each scope and filter has its own) for ``SECONDS``.

Freshness: each registered model has a generation number (``practice/generations.py``) that
a saved or deleted row moves, so a household added through the platform shows in the total on
the very next request; writes that send no signal (bulk operations, ``update()``, raw SQL)
show within ``SECONDS``. Inside a transaction nothing is kept or served (it may count rows
that are not committed), and models that are not registered are counted as before.

Rows: :func:`of_rows` (``ScopedQuerySet.load_count``) sets on each object of a page the number
of rows pointing at it — a team's 450 members at scale 10 were counted for each of the page's
20 teams on every request, 1.9 ms of PostgreSQL's time — kept per object in the same way.

Apps register the counted models in ``ready()``: those of page-numbered lists whose tables
grow with the network's life (households, activities, bookings, honours…) and those counted
per row (memberships). The network's structure (units, teams, service items, products,
canteens: hundreds of rows) counts in less time than the cache's round trip takes (units:
0.7 ms counted, 1.0 ms kept), so it is counted as before.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, Model, QuerySet

from . import generations

SECONDS = 60

_registered: set[type[Model]] = set()


def _generation_key(model: type[Model]) -> str:
    return f"counts:generation:{model._meta.label_lower}"


def register(*models: type[Model]) -> None:
    """Keep the counts of queries over ``models``."""
    for model in models:
        _registered.add(model)
        key = _generation_key(model)
        generations.bump_on_change(key, model)


def registered(model: type[Model]) -> bool:
    return model in _registered


def forget() -> None:
    """Count every registered model anew (after writes that send no signal)."""
    for model in _registered:
        generations.bump(_generation_key(model))


def count(queryset: QuerySet) -> int:
    """``queryset.count()``, from the cache when the same query was counted lately."""
    model = queryset.model
    if not _keeps(model, queryset.db):
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # none(), or a filter on an empty list: Django counts 0 unasked
        return queryset.count()
    key = "counts:" + hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()[:40]
    generation, kept = _kept(model, [key])
    if key in kept:
        return kept[key]
    total = queryset.count()
    cache.set(key, (generation, total), SECONDS)
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
        generation, kept = _kept(model, keys.values())
        found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [obj.pk for obj in objects if obj.pk not in found]
    if missing:
        counted = dict(model._base_manager.using(using).filter(**{f"{field}__in": missing})
                       .order_by().values(field).annotate(n=Count("*")).values_list(field, "n"))
        fresh = {pk: counted.get(pk, 0) for pk in missing}
        found.update(fresh)
        if keep:
            cache.set_many({keys[pk]: (generation, n) for pk, n in fresh.items()}, SECONDS)
    for obj in objects:
        setattr(obj, attr, found[obj.pk])


def _keeps(model: type[Model], using: str) -> bool:
    """Are counts over ``model`` kept and served now (registered, outside a transaction)?"""
    return model in _registered and not connections[using].in_atomic_block


def _kept(model: type[Model], keys) -> tuple[int, dict]:
    """The generation of ``model`` and the counts kept under it for ``keys`` (by key; keys
    missing or of an older generation are left out), in one cache round trip."""
    generation_key = _generation_key(model)
    got = cache.get_many([generation_key, *keys])
    generation = got.pop(generation_key, 0)
    return generation, {key: entry[1] for key, entry in got.items() if entry[0] == generation}
