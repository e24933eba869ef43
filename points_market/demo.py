"""Demo data of the points supermarkets: the source report's price list, supermarkets in
villages of several townships (沃德嘎查 first), their goods and trade since 1 January last
year.

The trade is simulated in memory in time order (balances and stock never go negative), then
written with ``bulk_create``; every entry carries the balance after it, so each account's
balance equals the sum of its entries. Safe to rerun: rows are looked up by natural key, and a
supermarket that already has trade keeps it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from practice.demo import span_days
from practice.models import Household, User
from practice.roles import Role

from .models import (
    Account,
    Category,
    CategoryPrice,
    Deposit,
    DepositLine,
    Entry,
    EntryKind,
    Product,
    Redemption,
    RedemptionLine,
    StockIn,
    Supermarket,
)
from .services import points_for

BATCH = 2000
# The ledger runs from 1 January last year (practice.demo.span_days).

# The source report's price list (yuan per jin), in its order.
PRICE_LIST = [("报纸", "0.80"), ("塑料瓶", "0.80"), ("纸板", "0.50"), ("书本", "0.60")]
# Cardboard used to be bought for less: the price history shows the change half a year ago.
OLD_CARDBOARD_PRICE = "0.40"

# name, unit, points, value in yuan
GOODS = [
    ("食用油", "桶（5升）", 600, "60.00"),
    ("食盐", "袋", 20, "2.00"),
    ("酱油", "瓶", 80, "8.00"),
    ("醋", "瓶", 60, "6.00"),
    ("洗衣粉", "袋", 150, "15.00"),
    ("香皂", "块", 40, "4.00"),
    ("毛巾", "条", 100, "10.00"),
    ("挂面", "袋", 50, "5.00"),
    ("大米", "袋（10斤）", 300, "30.00"),
    ("垃圾袋", "卷", 30, "3.00"),
]
# Their Mongolian names (traditional script), shown to people who read the platform in Mongolian.
MONGOLIAN_NAMES = {
    "报纸": "ᠰᠣᠨᠢᠨ",
    "塑料瓶": "ᠬᠤᠸᠠᠨᠴᠠᠷ ᠯᠣᠩᠬᠤ",
    "纸板": "ᠬᠠᠲᠠᠭᠤ ᠴᠠᠭᠠᠰᠤ",
    "书本": "ᠨᠣᠮ ᠳᠡᠪᠲᠡᠷ",
    "食用油": "ᠢᠳᠡᠭᠡᠨ ᠦ ᠲᠣᠰᠤ",
    "食盐": "ᠳᠠᠪᠤᠰᠤ",
    "酱油": "ᠵᠢᠶᠠᠩᠶᠤ",
    "醋": "ᠴᠤᠤ",
    "洗衣粉": "ᠬᠤᠪᠴᠠᠰᠤ ᠤᠭᠢᠶᠠᠬᠤ ᠨᠤᠨᠲᠠᠭ",
    "香皂": "ᠦᠨᠡᠷᠲᠡᠢ ᠰᠠᠪᠤᠨ",
    "毛巾": "ᠠᠯᠴᠢᠭᠤᠷ",
    "挂面": "ᠭᠣᠶᠢᠮᠣᠨ",
    "大米": "ᠲᠤᠲᠠᠷᠠᠭ᠎ᠠ",
    "垃圾袋": "ᠬᠣᠭ ᠤᠨ ᠤᠭᠤᠲᠠ",
}
# 垃圾分类积分兑换超市, after the village's Mongolian name (when it has one).
SUPERMARKET_MN = "ᠬᠣᠭ ᠢᠯᠭᠠᠬᠤ ᠣᠨᠤᠭ\u180eᠠ ᠰᠣᠯᠢᠯᠴᠠᠬᠤ ᠳᠡᠯᠭᠡᠭᠦᠷ"
FIRST_STOCK = 40
RESTOCK_BELOW, RESTOCK = 5, 40

# Townships whose villages run supermarkets (their first villages), the report's places first:
# 查日苏镇 (沃德嘎查), 努古斯台镇 (柴达木嘎查), 常胜镇, 巴嘎塔拉苏木, 朝鲁吐镇, 阿都沁苏木.
SUPERMARKET_VILLAGES = [
    "T05V01", "T05V02", "T05V03", "T06V01", "T06V02", "T04V01", "T04V02",
    "T11V01", "T11V02", "T09V01", "T13V01",
]


def _aware(day: datetime.date, minutes: int) -> datetime.datetime:
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(8, 0), tzinfo=tz) + datetime.timedelta(
        minutes=minutes
    )


def _name_in_mongolian(rows) -> None:
    """Rows written before they had Mongolian names get them (a rerun of the demo)."""
    rows = list(rows)
    for row in rows:
        row.name_mn = MONGOLIAN_NAMES[row.name]
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["name_mn"], batch_size=BATCH)


def seed_prices(today: datetime.date) -> dict[str, Category]:
    have = {c.name: c for c in Category.objects.all()}
    new = [
        Category(name=name, name_mn=MONGOLIAN_NAMES.get(name, ""), sort_order=i)
        for i, (name, _price) in enumerate(PRICE_LIST)
        if name not in have
    ]
    Category.objects.bulk_create(new)
    _name_in_mongolian(Category.objects.filter(name__in=MONGOLIAN_NAMES, name_mn=""))
    categories = {c.name: c for c in Category.objects.all()}
    year_ago = today - datetime.timedelta(days=span_days(today))
    half_year_ago = today - datetime.timedelta(days=182)
    wanted = [(name, price, year_ago) for name, price in PRICE_LIST if name != "纸板"]
    wanted += [("纸板", OLD_CARDBOARD_PRICE, year_ago), ("纸板", "0.50", half_year_ago)]
    existing = set(
        CategoryPrice.objects.filter(village__isnull=True).values_list(
            "category__name", "effective_from"
        )
    )
    CategoryPrice.objects.bulk_create(
        CategoryPrice(
            category=categories[name], price_per_jin=Decimal(price), effective_from=day
        )
        for name, price, day in wanted
        if (name, day) not in existing
    )
    return categories


def seed_supermarkets(ctx) -> list[Supermarket]:
    units = ctx.extra["units"]
    have = {s.village_id: s for s in Supermarket.objects.all()}
    new = []
    for code in SUPERMARKET_VILLAGES:
        village = units.get(code)
        if village is None or village.pk in have:
            continue
        new.append(
            Supermarket(
                village=village,
                name=f"{village.name}垃圾分类积分兑换超市",
                name_mn=f"{village.name_mn} {SUPERMARKET_MN}" if village.name_mn else "",
                address=f"{village.name}新时代文明实践站",
                opening_hours="每周二、周五 8:00–18:00",
            )
        )
    Supermarket.objects.bulk_create(new)
    shops = list(
        Supermarket.objects.filter(village__code__in=SUPERMARKET_VILLAGES).select_related(
            "village"
        )
    )
    have_products = set(Product.objects.values_list("supermarket_id", "name"))
    Product.objects.bulk_create(
        Product(
            supermarket=shop, name=name, name_mn=MONGOLIAN_NAMES.get(name, ""), unit=unit,
            points=points, value_yuan=Decimal(value), sort_order=i,
        )
        for shop in shops
        for i, (name, unit, points, value) in enumerate(GOODS)
        if (shop.pk, name) not in have_products
    )
    _name_in_mongolian(Product.objects.filter(supermarket__in=shops, name__in=MONGOLIAN_NAMES,
                                              name_mn=""))
    return sorted(shops, key=lambda s: s.village.code)


class _Writer:
    """Collects the simulated rows and writes them in batches, entries in time order."""

    def __init__(self):
        self.deposits, self.deposit_lines = [], []
        self.redemptions, self.redemption_lines = [], []
        self.stock_ins = []
        self.events = []  # (time, seq, entry) for the ledger

    def flush(self):
        Deposit.objects.bulk_create([d for d, _lines in self.deposits], batch_size=BATCH)
        DepositLine.objects.bulk_create(
            [line for _d, lines in self.deposits for line in lines], batch_size=BATCH
        )
        Redemption.objects.bulk_create([r for r, _lines in self.redemptions], batch_size=BATCH)
        RedemptionLine.objects.bulk_create(
            [line for _r, lines in self.redemptions for line in lines], batch_size=BATCH
        )
        StockIn.objects.bulk_create(self.stock_ins, batch_size=BATCH)
        # Entries in time order, so that ids follow time. A reversal needs its original's id:
        # the batch is written before a reversal whose original is still in it.
        self.events.sort(key=lambda e: (e[0], e[1]))
        chunk = []
        for _at, _seq, entry in self.events:
            if len(chunk) >= BATCH or (entry.reverses is not None and entry.reverses.pk is None):
                Entry.objects.bulk_create(chunk)
                chunk = []
            chunk.append(entry)
        Entry.objects.bulk_create(chunk)


def simulate(ctx, shop, households, categories, prices_at, cashier, today, writer):
    rng = ctx.rng
    products = list(Product.objects.filter(supermarket=shop).order_by("sort_order"))
    stock = {p.pk: 0 for p in products}
    first_day = today - datetime.timedelta(days=span_days(today))
    # Opening stock.
    for p in products:
        stock[p.pk] = FIRST_STOCK
        writer.stock_ins.append(
            StockIn(product=p, quantity=FIRST_STOCK, stock_after=FIRST_STOCK,
                    note="开业首批进货", created_by=cashier, created_at=_aware(first_day, 0))
        )
    balances = defaultdict(int)
    seq = 0
    # Market days: twice a week; each household comes now and then.
    day = first_day + datetime.timedelta(days=1)
    while day < today:
        if day.weekday() in (1, 4):
            visitors = [h for h in households if rng.random() < 0.12]
            minutes = sorted(rng.sample(range(10, 600), min(len(visitors), 590)))
            for household, minute in zip(visitors, minutes, strict=False):
                at = _aware(day, minute)
                seq += 1
                prices = prices_at(day)
                chosen = rng.sample(list(categories.values()), rng.randint(1, 3))
                lines = []
                for category in chosen:
                    weight = Decimal(rng.randint(10, 300)) / 10
                    price = prices[category.pk]
                    lines.append(DepositLine(category=category, weight_jin=weight,
                                             price_per_jin=price, amount_yuan=weight * price))
                points = points_for(line.amount_yuan for line in lines)
                if points < 1:
                    continue
                deposit = Deposit(
                    household=household, supermarket=shop, points=points,
                    weight_jin=sum(line.weight_jin for line in lines),
                    amount_yuan=sum(line.amount_yuan for line in lines),
                    created_by=cashier, created_at=at,
                )
                for line in lines:
                    line.deposit = deposit
                writer.deposits.append((deposit, lines))
                balances[household.pk] += points
                entry = Entry(household=household, kind=EntryKind.DEPOSIT, points=points,
                              balance_after=balances[household.pk], deposit=deposit,
                              created_by=cashier, created_at=at)
                writer.events.append((at, seq, entry))
                if rng.random() < 0.01:  # weighed wrong: reversed a few minutes later
                    seq += 1
                    balances[household.pk] -= points
                    later = at + datetime.timedelta(minutes=3)
                    writer.events.append((later, seq, Entry(
                        household=household, kind=EntryKind.REVERSAL, points=-points,
                        balance_after=balances[household.pk], reverses=entry,
                        reason="称重有误，冲正后重新称重", created_by=cashier, created_at=later)))
                    continue
                # Now and then the household trades points for goods right away.
                if balances[household.pk] >= 200 and rng.random() < 0.45:
                    basket = {}
                    budget = balances[household.pk]
                    for product in rng.sample(products, rng.randint(1, 3)):
                        quantity = rng.randint(1, 2)
                        cost = product.points * quantity
                        if cost <= budget and stock[product.pk] >= quantity:
                            basket[product] = quantity
                            budget -= cost
                    if not basket:
                        continue
                    seq += 1
                    at2 = at + datetime.timedelta(minutes=1)
                    points_spent = sum(p.points * q for p, q in basket.items())
                    redemption = Redemption(
                        household=household, supermarket=shop, points=points_spent,
                        value_yuan=sum((p.value_yuan * q for p, q in basket.items()),
                                       Decimal("0")),
                        created_by=cashier, created_at=at2,
                    )
                    writer.redemptions.append((redemption, [
                        RedemptionLine(redemption=redemption, product=p, quantity=q,
                                       points_each=p.points,
                                       value_yuan_each=p.value_yuan)
                        for p, q in basket.items()
                    ]))
                    balances[household.pk] -= points_spent
                    writer.events.append((at2, seq, Entry(
                        household=household, kind=EntryKind.REDEMPTION, points=-points_spent,
                        balance_after=balances[household.pk], redemption=redemption,
                        created_by=cashier, created_at=at2)))
                    for product, quantity in basket.items():
                        stock[product.pk] -= quantity
                        if stock[product.pk] < RESTOCK_BELOW:
                            stock[product.pk] += RESTOCK
                            writer.stock_ins.append(StockIn(
                                product=product, quantity=RESTOCK, stock_after=stock[product.pk],
                                note="补货", created_by=cashier,
                                created_at=at2 + datetime.timedelta(minutes=5)))
        day += datetime.timedelta(days=1)
    return balances, stock


def seed(ctx) -> None:
    today = timezone.localdate()
    categories = seed_prices(today)
    shops = seed_supermarkets(ctx)
    ctx.progress(f"积分超市：{len(shops)} 个，价目表：" + "、".join(
        f"{n} {p} 元/斤" for n, p in PRICE_LIST))

    # The price history, as the simulation asks for it by day (banner-wide prices only).
    history = sorted(
        CategoryPrice.objects.filter(village__isnull=True).values_list(
            "category_id", "effective_from", "price_per_jin"
        ),
        key=lambda r: r[1],
    )
    cache: dict[datetime.date, dict] = {}

    def prices_at(day):
        if day not in cache:
            prices = {}
            for category_id, effective_from, price in history:
                if effective_from <= day:
                    prices[category_id] = price
            cache[day] = prices
        return cache[day]

    cashiers = {
        u.unit_id: u
        for u in User.objects.filter(role=Role.STATION_STAFF, unit__in=[s.village for s in shops],
                                     username__startswith="head-")
    }
    if "station1" in ctx.users:
        cashiers[ctx.users["station1"].unit_id] = ctx.users["station1"]
    # A village whose households already have ledger entries keeps its history as it is.
    traded_villages = set(
        Entry.objects.filter(household__village__in=[s.village_id for s in shops])
        .values_list("household__village_id", flat=True)
        .distinct()
    )
    writer = _Writer()
    all_balances: dict[int, int] = {}
    final_stock: dict[int, int] = {}
    for shop in shops:
        if shop.village_id in traded_villages:
            continue
        households = list(Household.objects.filter(village_id=shop.village_id).order_by("number"))
        balances, stock = simulate(ctx, shop, households, categories, prices_at,
                                   cashiers.get(shop.village_id), today, writer)
        all_balances.update(balances)
        final_stock.update(stock)
    if not writer.deposits:
        ctx.progress("积分流水：已存在，跳过")
        return
    writer.flush()
    have_accounts = set(Account.objects.filter(household_id__in=all_balances).values_list(
        "household_id", flat=True))
    Account.objects.bulk_create(
        [Account(household_id=h, balance=b) for h, b in all_balances.items()
         if h not in have_accounts],
        batch_size=BATCH,
    )
    products = list(Product.objects.filter(pk__in=final_stock))
    for p in products:
        p.stock = final_stock[p.pk]
    Product.objects.bulk_update(products, ["stock"], batch_size=BATCH)
    ctx.progress(
        f"积分流水：{len(writer.deposits)} 笔交售、{len(writer.redemptions)} 笔兑换、"
        f"{len(writer.events)} 条流水、{len(all_balances)} 个农户账户"
    )
