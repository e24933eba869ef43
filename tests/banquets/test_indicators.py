"""The banquets indicators, computed by hand on a small set of events."""

import datetime
from decimal import Decimal

import pytest

from banquets.models import Booking, Canteen, Kind, Status, ViolationRecord
from practice.indicators import Period, evaluate, get

pytestmark = pytest.mark.django_db

D = datetime.date


def event(canteen, household, day, kind=Kind.BANQUET, status=Status.HELD, savings=None):
    return Booking.objects.create(
        household=household, canteen=canteen, occasion="wedding" if kind == Kind.BANQUET
        else "birthday", kind=kind, date=day, tables=5, dishes_per_table=6, gift_limit=100,
        fee=Decimal("200"), status=status, tables_used=5 if status == Status.HELD else None,
        savings=savings)


@pytest.fixture
def facts(net, canteen):
    c12 = Canteen.objects.create(village=net.v12, name="伊胡塔嘎查合约食堂", capacity=10)
    c21 = Canteen.objects.create(village=net.v21, name="柴达木嘎查合约食堂", capacity=10)
    # March 2025
    event(canteen, net.h11, D(2025, 3, 1), savings=Decimal("1000"))
    event(canteen, net.h11, D(2025, 3, 31), savings=Decimal("2500.50"))
    event(canteen, net.h11, D(2025, 3, 15), kind=Kind.TEA_PARTY, savings=Decimal("300"))
    event(c12, net.h12, D(2025, 3, 10), savings=Decimal("4000"))
    event(c12, net.h12, D(2025, 3, 11), kind=Kind.TEA_PARTY, savings=Decimal("200"))
    event(c21, net.h21, D(2025, 3, 20), kind=Kind.TEA_PARTY, savings=Decimal("100"))
    # Not counted: another month, or not held.
    event(canteen, net.h11, D(2025, 4, 1), savings=Decimal("9999"))
    event(canteen, net.h11, D(2025, 2, 28), savings=Decimal("9999"))
    event(canteen, net.h11, D(2025, 3, 5), status=Status.APPROVED)
    event(c21, net.h21, D(2025, 3, 6), status=Status.CANCELLED)
    for household, day in ((net.h11, D(2025, 3, 2)), (net.h11, D(2025, 3, 30)),
                           (net.h21, D(2025, 3, 3)), (net.h12, D(2025, 4, 2))):
        ViolationRecord.objects.create(household=household, event_date=day, rule="tables",
                                       description="超标", support_withheld_until=day)


def test_the_leaves_are_villages(net, facts):
    march = Period.month(2025, 3)
    assert get("banquets.banquets_held").compute(march) == {net.v11.pk: 2, net.v12.pk: 1}
    assert get("banquets.tea_parties_held").compute(march) == {
        net.v11.pk: 1, net.v12.pk: 1, net.v21.pk: 1}
    assert get("banquets.violations").compute(march) == {net.v11.pk: 2, net.v21.pk: 1}
    assert get("banquets.savings_yuan").compute(march) == {
        net.v11.pk: Decimal("3800.50"), net.v12.pk: Decimal("4200"), net.v21.pk: Decimal("100")}


def test_they_roll_up_to_townships_and_the_banner(net, facts, django_assert_max_num_queries):
    codes = ["banquets.banquets_held", "banquets.tea_parties_held", "banquets.violations",
             "banquets.savings_yuan"]
    with django_assert_max_num_queries(5):
        values = evaluate(Period.month(2025, 3), [net.banner, net.t1, net.t2, net.v11], codes)
    assert values[net.t1.pk] == {"banquets.banquets_held": 3, "banquets.tea_parties_held": 2,
                                 "banquets.violations": 2, "banquets.savings_yuan": 8000.5}
    assert values[net.t2.pk] == {"banquets.banquets_held": 0, "banquets.tea_parties_held": 1,
                                 "banquets.violations": 1, "banquets.savings_yuan": 100.0}
    assert values[net.banner.pk]["banquets.savings_yuan"] == 8100.5
    assert values[net.banner.pk]["banquets.banquets_held"] == 3
    year = evaluate(Period.year(2025), [net.banner], ["banquets.banquets_held"])
    assert year[net.banner.pk]["banquets.banquets_held"] == 5
