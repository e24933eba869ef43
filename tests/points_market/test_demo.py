"""seed_demo builds a year of consistent trade, fast, and is safe to rerun."""

import pytest
from django.core.management import call_command
from django.db.models import F, OuterRef, Subquery, Sum

from points_market.models import (
    Account,
    CategoryPrice,
    Deposit,
    Entry,
    EntryKind,
    Product,
    RedemptionLine,
    StockIn,
    Supermarket,
)
from practice.models import User

pytestmark = pytest.mark.django_db


def seed():
    import io

    call_command("seed_demo", "--force", stdout=io.StringIO())


def test_the_demo_has_supermarkets_prices_goods_and_a_consistent_ledger():
    seed()
    assert Supermarket.objects.filter(village__code="T05V01", village__name="沃德嘎查").exists()
    assert Supermarket.objects.values("village__township").distinct().count() >= 5
    current = {p.category.name: str(p.price_per_jin) for p in CategoryPrice.objects.filter(
        village__isnull=True).select_related("category").order_by("effective_from")}
    assert current == {"报纸": "0.80", "塑料瓶": "0.80", "纸板": "0.50", "书本": "0.60"}
    assert {"食用油", "食盐", "酱油", "醋"} <= set(Product.objects.values_list("name", flat=True))
    # Goods and recyclables carry their Mongolian names for the Mongolian interface.
    assert not Product.objects.filter(name="食用油", name_mn="").exists()
    assert not CategoryPrice.objects.filter(category__name_mn="").exists()
    assert Deposit.objects.count() > 1000
    assert Entry.objects.filter(kind=EntryKind.REDEMPTION).count() > 100
    assert Entry.objects.filter(kind=EntryKind.REVERSAL).exists()

    # Every balance equals the sum of its entries, and never went negative.
    sums = Entry.objects.filter(household=OuterRef("household")).values("household").annotate(
        s=Sum("points")).values("s")
    assert not Account.objects.annotate(s=Subquery(sums)).exclude(balance=F("s")).exists()
    assert not Entry.objects.filter(balance_after__lt=0).exists()
    # Each entry's balance_after is the previous one's plus its points (ids follow time).
    last = {}
    for household_id, points, after in Entry.objects.order_by("id").values_list(
            "household_id", "points", "balance_after"):
        assert last.get(household_id, 0) + points == after
        last[household_id] = after
    # Stock = goods in − goods out.
    for product in Product.objects.all()[:30]:
        stocked = StockIn.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] or 0
        taken = RedemptionLine.objects.filter(product=product).aggregate(
            s=Sum("quantity"))["s"] or 0
        assert product.stock == stocked - taken >= 0

    # villager1's household in 沃德嘎查 has an account; station1 is its cashier.
    villager1 = User.objects.get(username="villager1")
    assert Account.objects.filter(household=villager1.household_id).exists()
    assert Deposit.objects.filter(created_by__username="station1").exists()


def test_seeding_twice_adds_nothing():
    seed()
    counts = (Deposit.objects.count(), Entry.objects.count(), Product.objects.count(),
              CategoryPrice.objects.count(), StockIn.objects.count())
    seed()
    assert counts == (Deposit.objects.count(), Entry.objects.count(), Product.objects.count(),
                      CategoryPrice.objects.count(), StockIn.objects.count())
