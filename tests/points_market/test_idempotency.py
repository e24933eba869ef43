"""A retried request with the same Idempotency-Key returns the first result, changes nothing."""

import pytest

from points_market.models import Account, Deposit, Entry, Redemption
from points_market.services import deposit_record, redemption_record
from practice.exceptions import Conflict

from .conftest import credit

pytestmark = pytest.mark.django_db


def test_a_repeated_deposit_credits_once(net, market):
    lines = [{"category": market.newspaper.pk, "weight_jin": "10"}]
    first = deposit_record(net.h11, actor=net.station_staff, lines=lines, idempotency_key="k-1")
    again = deposit_record(net.h11, actor=net.station_staff, lines=lines, idempotency_key="k-1")
    assert again.replayed and not first.replayed
    assert again.record.pk == first.record.pk
    assert again.points == 80 and again.balance == 80
    assert Deposit.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 80


def test_a_repeated_redemption_spends_and_takes_stock_once(net, market):
    credit(net, market, net.h11, 100)
    lines = [{"product": market.p11_vinegar.pk, "quantity": 2}]
    first = redemption_record(net.h11, actor=net.station_staff, lines=lines,
                              idempotency_key="r-1")
    again = redemption_record(net.h11, actor=net.station_staff, lines=lines,
                              idempotency_key="r-1")
    assert again.record.pk == first.record.pk
    assert Redemption.objects.count() == 1
    market.p11_vinegar.refresh_from_db()
    assert market.p11_vinegar.stock == 28
    assert Account.objects.get(household=net.h11).balance == 800 - 120


def test_without_a_key_two_requests_are_two_deposits(net, market):
    lines = [{"category": market.newspaper.pk, "weight_jin": "10"}]
    deposit_record(net.h11, actor=net.station_staff, lines=lines)
    deposit_record(net.h11, actor=net.station_staff, lines=lines)
    assert Account.objects.get(household=net.h11).balance == 160


def test_a_key_reused_for_another_household_is_a_conflict(net, market):
    lines = [{"category": market.newspaper.pk, "weight_jin": "10"}]
    deposit_record(net.h11, actor=net.banner_admin, lines=lines, idempotency_key="same")
    with pytest.raises(Conflict) as caught:
        deposit_record(net.h21, actor=net.banner_admin, lines=lines, idempotency_key="same")
    assert caught.value.code == "idempotency_key_reused"
    assert Entry.objects.count() == 1
