"""Generation numbers: the one way cached data of this project is forgotten.

A cache entry records (or its key carries) the generation it was computed under; moving the
generation makes every older entry invalid at once, on every worker sharing the cache, without
having to find the entries. Used by the API token cache (``practice/auth.py``), the reference
tables (``practice/reference.py``), the kept counts (``practice/counts.py``), the dashboard
figures and the assessment's live scores (``practice/reports/selectors.py``).

A generation registered with :func:`read_once_per_request` is read at most once per request
(a request sees one state of the data it names), and it rides along with the request's first
cache read through :func:`get_many` — the API token's lookup — instead of costing a round trip
of its own (a tenth of a millisecond on every page that names units, teams or service items).
"""

import threading

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

_once_per_request: set[str] = set()
# .values: the generations read in this request ({} at its start), None outside a request
_request = threading.local()


def read_once_per_request(key: str) -> None:
    _once_per_request.add(key)


def current(key: str) -> int:
    values = getattr(_request, "values", None)
    if values is None or key not in _once_per_request:
        return cache.get(key, 0)
    if key not in values:
        values[key] = cache.get(key, 0)
    return values[key]


def get_many(keys: list[str]) -> dict:
    """``cache.get_many(keys)``, reading in the same round trip the generations this request
    will read once and has not read yet."""
    values = getattr(_request, "values", None)
    extra = [key for key in _once_per_request if key not in values] if values is not None else []
    got = cache.get_many([*keys, *extra])
    for key in extra:
        values[key] = got.pop(key, 0)
    return got


def bump(key: str) -> None:
    """Move the generation ``key`` now."""
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted
        cache.set(key, 1, None)
    values = getattr(_request, "values", None)
    if values is not None:
        values.pop(key, None)  # this request's next read sees the move


def bump_on_change(key: str, *models) -> None:
    """Move ``key`` whenever a row of ``models`` is saved or deleted: at once, and again when
    the transaction commits (a reader between the two may have cached what was not yet
    committed, under the generation of the first move)."""

    def receiver(**_kwargs):
        bump(key)
        transaction.on_commit(lambda: bump(key))

    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(receiver, sender=model, weak=False,
                           dispatch_uid=f"generation-{key}-{model._meta.label}-{name}")


def _request_started(**_kwargs) -> None:
    _request.values = {}


def _request_finished(**_kwargs) -> None:
    _request.values = None


request_started.connect(_request_started, dispatch_uid="generations-request-started")
request_finished.connect(_request_finished, dispatch_uid="generations-request-finished")
