"""Reads of the points supermarket: querysets and aggregates, always scoped to the user."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from practice.models import Household, Level, Unit
from practice.selectors import households_matching, search_text

from .models import (
    Category,
    Deposit,
    DepositLine,
    Entry,
    EntryKind,
    Product,
    Redemption,
    RedemptionLine,
    Supermarket,
)


def households_with_balance(user):
    """The households the user may see, each with ``balance`` (0 before its first entry)."""
    return (
        Household.objects.for_user(user)
        .select_related("village")
        .annotate(
            balance=Coalesce(F("points_account__balance"), Value(0), output_field=IntegerField())
        )
        .in_network_order()
    )


def household_search(user, query: str, limit: int = 20):
    """Find a household by its number, the head's name or any of its phones (the household's
    or a member's): the one rule of practice/selectors.py, with balances."""
    query = search_text(query)
    if not query:
        return households_with_balance(user).none()
    return households_matching(households_with_balance(user), query)[:limit]


def entries_of(household):
    return (
        Entry.objects.filter(household=household)
        # What the lists show: the entry, the id of its reversal if any, and ids of the rest.
        .with_reversal_id()
        .order_by("-id")
    )


def shelf(supermarket):
    """The goods on a supermarket's shelf."""
    return Product.objects.filter(supermarket=supermarket, active=True).order_by(
        "sort_order", "name"
    )


def supermarkets_for(user):
    return Supermarket.objects.for_user(user).select_related("village", "village__township")


def village_for_prices(user):
    """The village whose prices a user sees by default: their own when they work in one."""
    unit = user.unit if user.unit_id else None
    if unit is not None and unit.level == Level.VILLAGE:
        return unit
    if user.household_id:
        return user.household.village
    return None


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def categories_with_prices(prices: dict):
    """Active categories that have a price: id, name (and Mongolian name), price per jin and
    points per jin."""
    return [
        {"id": c.pk, "name": c.name, "name_mn": c.name_mn, "price_per_jin": prices[c.pk],
         "points_per_jin": _plain(prices[c.pk] * 10)}
        for c in Category.objects.filter(active=True)
        if c.pk in prices
    ]


def _local_day_bounds(day: datetime.date):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def today_totals(user, day: datetime.date | None = None) -> dict:
    """The day's figures at the supermarkets the user may see (for the cashier's page)."""
    start, end = _local_day_bounds(day or timezone.localdate())
    deposits = Deposit.objects.for_user(user).between(start, end)
    redemptions = Redemption.objects.for_user(user).between(start, end)
    d = deposits.aggregate(n=Count("id"), points=Sum("points"), weight=Sum("weight_jin"))
    r = redemptions.aggregate(n=Count("id"), points=Sum("points"), value=Sum("value_yuan"))
    return {
        "deposits": d["n"],
        "points_issued": d["points"] or 0,
        "weight_jin": d["weight"] or Decimal("0"),
        "redemptions": r["n"],
        "points_redeemed": r["points"] or 0,
        "value_yuan": r["value"] or Decimal("0"),
    }


# --- statistics for the monthly reports -----------------------------------------------------
# A deposit or redemption that was reversed never happened, in every figure below.
def _deposits(start, end):
    return Deposit.objects.in_force().between(start, end)


def _redemptions(start, end):
    return Redemption.objects.in_force().between(start, end)


def _sum_by_village(records, field) -> dict[int, Decimal | int]:
    return dict(
        records.values("household__village_id")
        .annotate(total=Sum(field))
        .values_list("household__village_id", "total")
        .order_by()
    )


def weight_by_village(start, end) -> dict[int, Decimal]:
    return _sum_by_village(_deposits(start, end), "weight_jin")


def points_issued_by_village(start, end) -> dict[int, int]:
    return _sum_by_village(_deposits(start, end), "points")


def points_redeemed_by_village(start, end) -> dict[int, int]:
    return _sum_by_village(_redemptions(start, end), "points")


def goods_value_by_village(start, end) -> dict[int, Decimal]:
    return _sum_by_village(_redemptions(start, end), "value_yuan")


def active_households_by_village(start, end) -> dict[int, set[int]]:
    """Households that handed in recyclables or took goods (not reversed) in the period."""
    rows = (
        Entry.objects.filter(
            created_at__gte=start,
            created_at__lt=end,
            kind__in=[EntryKind.DEPOSIT, EntryKind.REDEMPTION],
            reversed_by__isnull=True,
        )
        .values_list("household__village_id", "household_id")
        .distinct()
        .order_by()
    )
    out: dict[int, set[int]] = defaultdict(set)
    for village_id, household_id in rows:
        out[village_id].add(household_id)
    return dict(out)


def monthly_statistics(user, start, end, *, by: str = "village") -> list[dict]:
    """Per village (or township) and month inside the user's scope: weight by category, points
    issued and redeemed, goods value in yuan and active households. Five aggregate queries,
    whatever the number of villages, households or entries."""
    units = Unit.objects.for_user(user)
    if by == "township":
        key = "household__village__township_id"
        units = units.filter(level=Level.TOWNSHIP)
    else:
        key = "household__village_id"
        units = units.filter(level=Level.VILLAGE)
    unit_ids = set(units.values_list("pk", flat=True))
    deposits = _deposits(start, end).filter(**{f"{key}__in": unit_ids})
    redemptions = _redemptions(start, end).filter(**{f"{key}__in": unit_ids})
    rows: dict[tuple, dict] = {}

    def row(unit_id, month):
        month = timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month
        return rows.setdefault(
            (unit_id, month),
            {
                "unit_id": unit_id,
                "month": month,
                "weight_by_category": {},
                "weight_jin": Decimal("0"),
                "points_issued": 0,
                "points_redeemed": 0,
                "goods_value_yuan": Decimal("0"),
                "active_households": 0,
            },
        )

    line_key = f"deposit__{key}"
    for unit_id, month, category, weight in (
        DepositLine.objects.filter(deposit__in=deposits)
        .annotate(month=TruncMonth("deposit__created_at"))
        .values(line_key, "month", "category__name")
        .annotate(w=Sum("weight_jin"))
        .values_list(line_key, "month", "category__name", "w")
        .order_by()
    ):
        r = row(unit_id, month)
        r["weight_by_category"][category] = weight
        r["weight_jin"] += weight
    for unit_id, month, points in (
        deposits.annotate(month=TruncMonth("created_at"))
        .values(key, "month")
        .annotate(p=Sum("points"))
        .values_list(key, "month", "p")
        .order_by()
    ):
        row(unit_id, month)["points_issued"] = points
    for unit_id, month, points, value in (
        redemptions.annotate(month=TruncMonth("created_at"))
        .values(key, "month")
        .annotate(p=Sum("points"), v=Sum("value_yuan"))
        .values_list(key, "month", "p", "v")
        .order_by()
    ):
        r = row(unit_id, month)
        r["points_redeemed"], r["goods_value_yuan"] = points, value
    active = (
        Entry.objects.filter(
            created_at__gte=start, created_at__lt=end, reversed_by__isnull=True,
            kind__in=[EntryKind.DEPOSIT, EntryKind.REDEMPTION],
            **{f"{key}__in": unit_ids},
        )
        .annotate(month=TruncMonth("created_at"))
        .values(key, "month")
        .annotate(n=Count("household_id", distinct=True))
        .values_list(key, "month", "n")
        .order_by()
    )
    for unit_id, month, n in active:
        row(unit_id, month)["active_households"] = n
    names = dict(Unit.objects.filter(pk__in={k[0] for k in rows}).values_list("pk", "name"))
    out = sorted(rows.values(), key=lambda r: (r["month"], names.get(r["unit_id"], "")))
    for r in out:
        r["unit_name"] = names.get(r["unit_id"], "")
    return out


def township_totals(user, village_rows: list[dict]) -> list[dict]:
    """The township rows of :func:`monthly_statistics` summed from its village rows, for the
    townships in ``user``'s scope. Every measure adds up — a household lies in one village,
    so even its active households do — and the page need not aggregate the ledger twice."""
    townships = dict(Unit.objects.for_user(user).filter(level=Level.TOWNSHIP)
                     .values_list("pk", "name"))
    township_of = dict(Unit.objects.filter(pk__in={r["unit_id"] for r in village_rows})
                       .values_list("pk", "township_id"))
    rows: dict[tuple, dict] = {}
    for village in village_rows:
        township = township_of.get(village["unit_id"])
        if township not in townships:
            continue
        row = rows.setdefault((township, village["month"]), {
            "unit_id": township, "unit_name": townships[township], "month": village["month"],
            "weight_by_category": {}, "weight_jin": Decimal("0"), "points_issued": 0,
            "points_redeemed": 0, "goods_value_yuan": Decimal("0"), "active_households": 0,
        })
        for category, weight in village["weight_by_category"].items():
            row["weight_by_category"][category] = (
                row["weight_by_category"].get(category, Decimal("0")) + weight)
        for measure in ("weight_jin", "points_issued", "points_redeemed", "goods_value_yuan",
                        "active_households"):
            row[measure] += village[measure] or 0
    return sorted(rows.values(), key=lambda r: (r["month"], r["unit_name"]))


def redeemed_goods(redemption):
    return RedemptionLine.objects.filter(redemption=redemption).select_related("product")


RECENT_DAYS = 30


def recently_served(user, days: int = RECENT_DAYS, limit: int = 2000):
    """The households of the user's area that deposited or redeemed in the last ``days``
    days, with their balance: what an offline counter keeps on the device."""
    since = timezone.now() - datetime.timedelta(days=days)
    deposited = Deposit.objects.filter(created_at__gte=since).values("household_id")
    redeemed = Redemption.objects.filter(created_at__gte=since).values("household_id")
    return (households_with_balance(user)
            .filter(Q(pk__in=deposited) | Q(pk__in=redeemed))[:limit])
