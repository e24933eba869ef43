"""The ledger is append-only and the balance is always the sum of its entries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum

from points_market.models import Account, Entry, EntryKind
from points_market.services import account_adjust, deposit_record, redemption_record
from practice.exceptions import Conflict

from .conftest import credit

pytestmark = pytest.mark.django_db


def assert_consistent(household):
    entries = list(Entry.objects.filter(household=household).order_by("id"))
    running = 0
    for entry in entries:
        running += entry.points
        assert entry.balance_after == running
    account = Account.objects.get(household=household)
    assert account.balance == running
    total = Entry.objects.filter(household=household).aggregate(s=Sum("points"))["s"]
    assert account.balance == total


def test_balance_equals_the_sum_of_entries_after_a_busy_day(net, market):
    credit(net, market, net.h11, 100)  # 800
    redemption_record(net.h11, actor=net.station_staff,
                      lines=[{"product": market.p11_oil.pk, "quantity": 1},
                             {"product": market.p11_salt.pk, "quantity": 3}])  # -660
    deposit_record(net.h11, actor=net.station_staff, lines=[
        {"category": market.cardboard.pk, "weight_jin": "33.3"},
        {"category": market.bottles.pk, "weight_jin": "2.5"}])  # 16.65 + 2 = 18.65 → 186
    account_adjust(net.h11, actor=net.township_staff, points=-6, reason="称重更正")
    assert_consistent(net.h11)
    assert Account.objects.get(household=net.h11).balance == 800 - 660 + 186 - 6
    market.p11_oil.refresh_from_db()
    market.p11_salt.refresh_from_db()
    assert (market.p11_oil.stock, market.p11_salt.stock) == (9, 47)


def test_the_whole_household_shares_one_balance(net, market):
    from practice.roles import Role
    from tests.factories import make_user

    make_user("spouse", Role.VILLAGER, net.v11, net.h11)
    credit(net, market, net.h11, 10)
    assert net.h11.points_account.balance == 80


def test_not_enough_points_is_a_conflict_and_changes_nothing(net, market):
    credit(net, market, net.h11, 50)  # 400 points, oil costs 600
    with pytest.raises(Conflict) as caught:
        redemption_record(net.h11, actor=net.station_staff,
                          lines=[{"product": market.p11_oil.pk, "quantity": 1}])
    assert caught.value.code == "insufficient_points"
    market.p11_oil.refresh_from_db()
    assert market.p11_oil.stock == 10
    assert Account.objects.get(household=net.h11).balance == 400
    assert Entry.objects.filter(household=net.h11).count() == 1


def test_not_enough_stock_is_a_conflict_and_changes_nothing(net, market):
    credit(net, market, net.h11, 1000)  # 8000 points
    with pytest.raises(Conflict) as caught:
        redemption_record(net.h11, actor=net.station_staff,
                          lines=[{"product": market.p11_salt.pk, "quantity": 2},
                                 {"product": market.p11_oil.pk, "quantity": 11}])
    assert caught.value.code == "insufficient_stock"
    assert caught.value.extra["product"] == market.p11_oil.pk
    market.p11_salt.refresh_from_db()
    assert market.p11_salt.stock == 50
    assert Account.objects.get(household=net.h11).balance == 8000


def test_goods_come_from_the_households_own_village_shelf(net, market):
    from practice.exceptions import InvalidInput

    credit(net, market, net.h11, 100)
    with pytest.raises(InvalidInput) as caught:
        redemption_record(net.h11, actor=net.township_staff,
                          lines=[{"product": market.p21_salt.pk, "quantity": 1}])
    assert caught.value.field == "lines[0].product"


def test_entries_cannot_be_edited_or_deleted(net, market):
    entry = credit(net, market, net.h11, 10).entry
    entry.points = 10_000
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert Entry.objects.get(pk=entry.pk).points == 80


def test_the_database_refuses_a_negative_balance(net, market):
    credit(net, market, net.h11, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(household=net.h11).update(balance=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(household=net.h11, kind=EntryKind.ADJUSTMENT, points=-9,
                             balance_after=-1)


def test_the_database_refuses_negative_stock(net, market):
    from points_market.models import Product

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=market.p11_oil.pk).update(stock=-1)
