"""The indicator registry: each app declares its figures once; reports and dashboards read them.

An app declares an indicator in its own ``indicators.py`` module::

    from practice.indicators import SUM, register

    @register("orders.placed", label=_("Orders placed"), unit=_("orders"), agg=SUM, order=10)
    def orders_placed(period):
        return dict(
            Order.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
            .values("village_id").annotate(n=Count("id")).values_list("village_id", "n")
            .order_by()
        )

``compute(period)`` runs **one aggregate query** and returns ``{unit_id: leaf value}`` keyed by the
unit where each fact happened (a village, a township, a base …). The framework rolls the leaf
values up the unit tree to any unit asked for, so the number of queries never grows with the
number of units, orders or volunteers. What a leaf value is depends on ``agg``:

======== ============================== =====================================
agg      leaf value                     final value of a unit
======== ============================== =====================================
SUM      a number                       the sum over the subtree
MEAN     ``(total, count)``             total / count (None when count is 0)
RATIO    ``(numerator, denominator)``   100 × num / den, a percentage
MEDIAN   a list of numbers              the median (None when empty)
DISTINCT a set of ids                   the size of the union
======== ============================== =====================================
"""

from __future__ import annotations

import importlib
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings

SUM, MEAN, RATIO, MEDIAN, DISTINCT = "sum", "mean", "ratio", "median", "distinct"
AGGS = {SUM, MEAN, RATIO, MEDIAN, DISTINCT}


@dataclass(frozen=True)
class Period:
    """A half-open period [start, end) of local dates, with aware datetimes for queries."""

    first_day: date
    last_day_exclusive: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end(self) -> datetime:
        return datetime.combine(
            self.last_day_exclusive, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return cls(date(year, month, 1), nxt)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1))


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Any
    unit: Any
    agg: str
    compute: Callable[[Period], dict[int, Any]]
    order: int = 100
    higher_is_better: bool = True
    description: Any = ""
    # The URL name of a page that says how the figure is made (an estimate's assumptions).
    details_url: str = ""
    # The capacities (practice.roles.Role) from whom the figure is withheld: a user sees it
    # unless every capacity they read figures in is in here (see :func:`hidden_codes`).
    hidden_from: frozenset = frozenset()

    @property
    def app_label(self) -> str:
        return self.code.split(".", 1)[0]


_registry: dict[str, Indicator] = {}
_discovered = False


def register(code: str, *, label, unit, agg=SUM, order=100, higher_is_better=True, description="",
             details_url="", hidden_from=frozenset()):
    """Decorator that declares ``func(period) -> {unit_id: leaf}`` as the indicator ``code``."""
    if agg not in AGGS:
        raise ValueError(f"unknown aggregation {agg!r}")

    def deco(func):
        _registry[code] = Indicator(
            code=code,
            label=label,
            unit=unit,
            agg=agg,
            compute=func,
            order=order,
            higher_is_better=higher_is_better,
            description=description,
            details_url=details_url,
            hidden_from=frozenset(hidden_from),
        )
        return func

    return deco


def discover() -> None:
    """Import every installed app's ``indicators`` module once."""
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
    _discovered = True


def all_indicators() -> list[Indicator]:
    discover()
    return sorted(_registry.values(), key=lambda i: (i.order, i.code))


def get(code: str) -> Indicator:
    discover()
    return _registry[code]


def hidden_codes(user) -> frozenset[str]:
    """The codes of the indicators withheld from ``user``: those whose ``hidden_from`` holds
    every capacity the user reads figures in (``practice.roles.capacities``): its staff role
    when it has one — being a villager or a volunteer too, which reads no report, does not give
    a reviewer who lives in a village what is withheld from reviewers. A superuser sees every
    one; an account with no capacity at all sees none of the withheld ones."""
    from .roles import SUBTREE_ROLES, capacities

    discover()
    if user is not None and getattr(user, "is_superuser", False) and user.is_active:
        return frozenset()
    held = capacities(user)
    held = (held & SUBTREE_ROLES) or held
    return frozenset(i.code for i in _registry.values()
                     if i.hidden_from and held <= i.hidden_from)


def visible_indicators(user) -> list[Indicator]:
    """The registry's indicators ``user`` may be shown, in order."""
    hidden = hidden_codes(user)
    return [i for i in all_indicators() if i.code not in hidden]


# --- roll-up ------------------------------------------------------------------------------
def _empty(agg):
    return {SUM: 0, MEAN: (0, 0), RATIO: (0, 0), MEDIAN: [], DISTINCT: set()}[agg]


def _merge(agg, acc, leaf):
    if leaf is None:
        return acc
    if agg == SUM:
        return acc + leaf
    if agg in (MEAN, RATIO):
        return (acc[0] + leaf[0], acc[1] + leaf[1])
    if agg == MEDIAN:
        acc.extend(leaf)
        return acc
    acc |= set(leaf)
    return acc


def _final(agg, acc):
    if agg == SUM:
        return float(acc) if isinstance(acc, Decimal) else acc
    if agg == MEAN:
        return round(float(acc[0]) / acc[1], 2) if acc[1] else None
    if agg == RATIO:
        return round(100.0 * float(acc[0]) / acc[1], 1) if acc[1] else None
    if agg == MEDIAN:
        return round(float(statistics.median(acc)), 2) if acc else None
    return len(acc)


def rollup(indicator: Indicator, leaves: dict[int, Any], units: Iterable, paths: dict[int, str]):
    """Final values for ``units`` (objects with ``pk`` and ``path``) from leaf values.

    ``paths`` maps every leaf unit id to its path; a leaf counts for a unit when the leaf's path
    starts with the unit's path.
    """
    by_path = {unit.path: unit.pk for unit in units}
    accs = {unit.pk: _empty(indicator.agg) for unit in units}
    for leaf_id, value in leaves.items():
        path = paths.get(leaf_id)
        if path is None:
            continue
        # Walk the leaf's ancestors ("B/", "B/T1/", "B/T1/V1/"): O(depth) per leaf.
        end = path.find("/")
        while end != -1:
            unit_id = by_path.get(path[: end + 1])
            if unit_id is not None:
                accs[unit_id] = _merge(indicator.agg, accs[unit_id], value)
            end = path.find("/", end + 1)
    return {pk: _final(indicator.agg, acc) for pk, acc in accs.items()}


def evaluate(period: Period, units: Iterable, codes: Iterable[str] | None = None, *,
             progress: Callable[[int, int], None] | None = None):
    """``{unit_id: {code: value}}`` for ``units`` over ``period``: one query per indicator.

    ``progress(done, total)`` is called after each indicator (for a long build's progress bar).
    """
    from .models import Unit

    units = list(units)
    paths = dict(Unit.objects.values_list("pk", "path"))
    wanted = None if codes is None else set(codes)
    chosen = [i for i in all_indicators() if wanted is None or i.code in wanted]
    result: dict[int, dict[str, Any]] = {u.pk: {} for u in units}
    for n, indicator in enumerate(chosen, start=1):
        leaves = indicator.compute(period)
        for unit_id, value in rollup(indicator, leaves, units, paths).items():
            result[unit_id][indicator.code] = value
        if progress is not None:
            progress(n, len(chosen))
    return result
