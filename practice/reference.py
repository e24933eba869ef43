"""Reference rows: the small tables that nearly every page shows beside its own rows.

A page of orders names each order's village, handling unit, service item and team. Loading
them took a query of about a millisecond per key (a third of the request at scale 10) from
tables of a few hundred rows that change a few times a year: the units, the service items,
the teams. Each process keeps such a table whole, and :func:`practice.related.load_foreign`
takes the rows from it.

Freshness: the tables are kept under a generation number (``practice/generations.py``) that
any saved or deleted row of them moves. A request reads the generation once (with the API
token's lookup, or on first use), so a renamed village shows on the very next request on
every worker.
Writes that send no signal (``queryset.update()``, bulk operations, raw SQL) show once the
table is older than ``MAX_AGE`` seconds; ``forget()`` moves the generation at once (the demo
loader calls it).

Only committed rows are ever kept or served: inside a transaction (``atomic``), or outside a
request (tasks, commands, the shell), the rows come from the database as before. Callers get
fresh instances, never the kept ones, so changing one changes nothing shared.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.base import ModelState
from django.db.models.signals import post_delete, post_save

from . import generations

KEY = "reference:generation"
MAX_AGE = 60.0

_registered: set[type[models.Model]] = set()
# model -> (generation, loaded at (monotonic seconds), {pk: template instance})
_tables: dict[type[models.Model], tuple[int, float, dict]] = {}
_request = threading.local()


def register(*models_: type[models.Model]) -> None:
    """Keep the rows of ``models_`` per process (small tables that rarely change)."""
    for model in models_:
        _registered.add(model)
    generations.bump_on_change(KEY, *models_)
    generations.read_once_per_request(KEY)
    for model in models_:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(_changed, sender=model, weak=False,
                           dispatch_uid=f"reference-local-{model._meta.label}-{name}")


def forget() -> None:
    """Make every process read its tables again (after writes that send no signal)."""
    generations.bump(KEY)
    _changed()


def _changed(**_kwargs) -> None:
    _tables.clear()


def _request_started(**_kwargs) -> None:
    _request.active = True


def _request_finished(**_kwargs) -> None:
    _request.active = False


request_started.connect(_request_started, dispatch_uid="reference-request-started")
request_finished.connect(_request_finished, dispatch_uid="reference-request-finished")


def available(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> bool:
    """May rows of ``model`` come from the kept table now?"""
    return (model in _registered and getattr(_request, "active", False)
            and not connections[using].in_atomic_block)


def rows(model: type[models.Model], pks: Iterable) -> dict:
    """Fresh instances of the rows of ``model`` with these primary keys, by key; keys the
    kept table does not hold (rows newer than it) are left out. Call only when
    :func:`available`."""
    generation = generations.current(KEY)
    table = _tables.get(model)
    now = time.monotonic()
    if table is None or table[0] != generation or now - table[1] > MAX_AGE:
        table = (generation, now, {row.pk: row for row in model._base_manager.order_by()})
        _tables[model] = table
    kept = table[2]
    return {pk: _copy(kept[pk]) for pk in pks if pk in kept}


def _copy(template: models.Model) -> models.Model:
    obj = template.__class__.__new__(template.__class__)
    obj.__dict__.update(template.__dict__)
    state = obj._state = ModelState()
    state.adding = False
    state.db = template._state.db
    return obj
