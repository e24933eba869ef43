"""The points supermarket on top of the small test network.

Banner-wide prices of the source report from 2024-01-01 (报纸 0.8, 塑料瓶 0.8, 纸板 0.5,
书本 0.6 yuan/jin); supermarkets in v11 (沃德嘎查) and v21 (柴达木嘎查), each with oil, salt,
soy sauce and vinegar in stock.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from points_market.models import Category, CategoryPrice, Product, Supermarket
from points_market.services import deposit_record

PRICES_FROM = datetime.date(2024, 1, 1)
PRICE_LIST = [("报纸", "0.80"), ("塑料瓶", "0.80"), ("纸板", "0.50"), ("书本", "0.60")]
GOODS = [  # name, unit, points, value in yuan, stock
    ("食用油", "桶", 600, "60.00", 10),
    ("食盐", "袋", 20, "2.00", 50),
    ("酱油", "瓶", 80, "8.00", 30),
    ("醋", "瓶", 60, "6.00", 30),
]


def make_market(net):
    m = SimpleNamespace()
    m.categories = {}
    for order, (name, price) in enumerate(PRICE_LIST):
        category = Category.objects.create(name=name, sort_order=order)
        CategoryPrice.objects.create(
            category=category, price_per_jin=Decimal(price), effective_from=PRICES_FROM
        )
        m.categories[name] = category
    m.newspaper, m.bottles = m.categories["报纸"], m.categories["塑料瓶"]
    m.cardboard, m.books = m.categories["纸板"], m.categories["书本"]
    m.shop11 = Supermarket.objects.create(village=net.v11, name="沃德嘎查积分超市")
    m.shop21 = Supermarket.objects.create(village=net.v21, name="柴达木嘎查积分超市")
    for shop, prefix in ((m.shop11, "p11"), (m.shop21, "p21")):
        for order, (name, unit, points, value, stock) in enumerate(GOODS):
            product = Product.objects.create(
                supermarket=shop, name=name, unit=unit, points=points,
                value_yuan=Decimal(value), stock=stock, sort_order=order,
            )
            setattr(m, f"{prefix}_{['oil', 'salt', 'soy', 'vinegar'][order]}", product)
    return m


@pytest.fixture
def market(net):
    return make_market(net)


def credit(net, market, household, jin_of_newspaper):
    """Give ``household`` points by recording newspapers at 0.8 yuan/jin (8 points a jin)."""
    return deposit_record(
        household, actor=net.banner_admin,
        lines=[{"category": market.newspaper.pk, "weight_jin": str(jin_of_newspaper)}],
    )
