"""The figures store: a period's figures for the whole network, computed once and kept.

:func:`period_values` answers ``{unit_id: {code: value}}`` for the banner, every township and
every village: from the cache; else from the stored :class:`FigureSnapshot` (one query), having
a worker recompute it in the background when it is older than the cache would keep it; else by
computing it (one aggregate query per indicator) and storing it in both. :func:`invalidate`
forgets everything after a rebuild. The dashboards, the drill-down and the assessment read the
figures through here; ``reports.selectors`` stays a module of plain reads.

A cache is an optimisation only: version numbers in the keys make "forget" one increment, and
with the cache unreachable every call computes or reads the snapshot, as it should.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from practice.indicators import Period, all_indicators, evaluate
from practice.models import Level, Unit, User
from practice.outbox import resolve_task

from .models import Assessment, AssessmentItem, FigureSnapshot, ManualItem, ManualScore

CACHE_CURRENT = 5 * 60  # a period still running: figures move
CACHE_PAST = 24 * 60 * 60  # a finished period: figures change only with late corrections
# A stale snapshot waiting for its recomputation is kept this long in the cache, so that the
# dashboards do not read the stored figures on every request meanwhile.
CACHE_STALE = 60
# Version numbers in the cache's keys: moving one forgets every entry made under the older one
# (the entries expire on their own). Without a cache every read is a miss, as it should be.
_GENERATION_KEY = "reports:generation"
logger = logging.getLogger(__name__)


def _version(key: str) -> int:
    return cache.get(key, 0)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted
        cache.set(key, 1, None)


def invalidate() -> None:
    """Forget cached figures (after a rebuild): new keys, old ones expire on their own; stored
    snapshots are invalidated, so none of them is shown again."""
    _bump(_GENERATION_KEY)
    FigureSnapshot.objects.filter(invalidated=False).update(invalidated=True)


def _snapshot_key(period: Period, codes) -> str:
    digest = hashlib.sha1("|".join(codes).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{period.first_day}:{period.last_day_exclusive}:{digest}"


def _period_key(period: Period, codes) -> str:
    return f"reports:values:{_version(_GENERATION_KEY)}:{_snapshot_key(period, codes)}"


def _ttl(period: Period) -> int:
    return CACHE_PAST if period.last_day_exclusive <= timezone.localdate() else CACHE_CURRENT


def period_values(period: Period, codes=None, *, use_cache=True) -> dict[int, dict]:
    """``{unit_id: {code: value}}`` for the banner, every township and every village.

    One aggregate query per indicator, whatever the amount of data. The result is cached and
    also stored as a :class:`FigureSnapshot`: with the cache empty, a snapshot is served at once
    (one query) and, once older than the cache's lifetime, recomputed in the background.
    """
    indicators = [i for i in all_indicators() if codes is None or i.code in set(codes)]
    chosen = [i.code for i in indicators]
    key = _period_key(period, chosen)
    if use_cache:
        hit = cache.get(key)
        if hit is not None:
            return hit
        snapshot = FigureSnapshot.objects.filter(
            key=_snapshot_key(period, chosen), invalidated=False
        ).first()
        if snapshot is not None:
            values = {int(unit_id): row for unit_id, row in snapshot.values.items()}
            age = (timezone.now() - snapshot.computed_at).total_seconds()
            if age < _ttl(period):
                cache.set(key, values, int(_ttl(period) - age) + 1)
            else:
                # kept briefly, then replaced by the recomputation when it lands
                cache.set(key, values, CACHE_STALE)
                _refresh_later(period, chosen)
            return values
    return _compute_and_store(period, chosen, key)


def _compute_and_store(period: Period, codes: list[str], key: str) -> dict[int, dict]:
    units = Unit.objects.exclude(level=Level.BASE).only("pk", "path").order_by()
    values = evaluate(period, units, codes)
    FigureSnapshot.objects.bulk_create(
        [FigureSnapshot(key=_snapshot_key(period, codes), values=values,
                        computed_at=timezone.now(), invalidated=False)],
        update_conflicts=True, unique_fields=["key"],
        update_fields=["values", "computed_at", "invalidated"],
    )
    cache.set(key, values, _ttl(period))
    return values


def _refresh_later(period: Period, codes) -> None:
    """Have a worker recompute a stale snapshot (once, however many requests see it stale)."""
    lock = f"reports:refreshing:{_snapshot_key(period, codes)}"
    if not cache.add(lock, 1, 120):
        return
    try:
        resolve_task("reports.tasks.refresh_figures").delay(
            str(period.first_day), str(period.last_day_exclusive), codes)
    except Exception as exc:  # the broker is down: the next request asks again
        cache.delete(lock)
        logger.warning("figures not refreshed (%s); the snapshot stays", exc)


_ASSESSMENT_VERSION_KEY = "reports:assessment-version"


def connect_assessment_signals() -> None:
    """Forget cached live scores when an assessment, its items or scores, a unit or a person
    (the rows name the townships and their heads) changes: at once, and again when the
    transaction commits (a reader in between may have cached what was not yet committed)."""

    def forget(**_kwargs):
        _bump(_ASSESSMENT_VERSION_KEY)
        transaction.on_commit(lambda: _bump(_ASSESSMENT_VERSION_KEY))

    for model in (Assessment, AssessmentItem, ManualItem, ManualScore, Unit, User):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(forget, sender=model, weak=False,
                           dispatch_uid=f"assessment-cache-{model._meta.label}-{name}")


def live_scores(assessment_id: int, compute):
    """An unfinalised assessment's scores, cached as long as the figures they come from; any
    change to what they are made of other than the figures forgets them."""
    versions = cache.get_many([_ASSESSMENT_VERSION_KEY, _GENERATION_KEY])
    key = (f"reports:assessment:{assessment_id}:{versions.get(_ASSESSMENT_VERSION_KEY, 0)}:"
           f"{versions.get(_GENERATION_KEY, 0)}")
    results = cache.get(key)
    if results is None:
        results = compute()
        cache.set(key, results, CACHE_CURRENT)
    return results
