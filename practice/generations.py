"""Generation numbers: the one way cached data of this project is forgotten.

A cache entry records (or its key carries) the generation it was computed under; moving the
generation makes every older entry invalid at once, on every worker sharing the cache, without
having to find the entries. Used by the API token cache (``practice/auth.py``), the dashboard
figures and the assessment's live scores (``practice/reports/selectors.py``).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def current(key: str) -> int:
    return cache.get(key, 0)


def bump(key: str) -> None:
    """Move the generation ``key`` now."""
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted
        cache.set(key, 1, None)


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
