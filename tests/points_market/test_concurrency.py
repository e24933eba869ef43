"""Parallel requests on PostgreSQL never overdraw points or stock, nor credit a key twice."""


import pytest
from django.db.models import Sum
from rest_framework.test import APIClient

from points_market.models import Account, Deposit, Entry, Product
from tests.parallel import in_parallel

from .conftest import credit, make_market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 30


def redeem(user, household, lines, key=None):
    def request():
        client = APIClient()
        client.force_authenticate(user)
        headers = {"Idempotency-Key": key} if key else {}
        response = client.post("/api/points/redemptions/",
                               {"household": household.pk, "lines": lines},
                               format="json", headers=headers)
        return response.status_code, response.json()
    return request


def assert_ledger_consistent(household):
    account = Account.objects.get(household=household)
    total = Entry.objects.filter(household=household).aggregate(s=Sum("points"))["s"]
    assert account.balance == total >= 0
    running = 0
    for entry in Entry.objects.filter(household=household).order_by("id"):
        running += entry.points
        assert entry.balance_after == running


def test_thirty_parallel_redemptions_never_overdraw(net):
    market = make_market(net)
    credit(net, market, net.h11, 125)  # 1000 points
    start_balance = 1000
    soy, salt = market.p11_soy, market.p11_salt
    # Two cashiers, 30 baskets: soy sauce 80 + 1..3 bags of salt 20 → 100..140 points each,
    # together far more than 1000 points and more soy sauce than the 30 bottles on the shelf.
    requests = [
        redeem(net.station_staff if i % 2 else net.township_staff, net.h11,
               [{"product": soy.pk, "quantity": 1 + (i % 4 == 0)},
                {"product": salt.pk, "quantity": 1 + i % 3}])
        for i in range(N)
    ]
    results = in_parallel(requests)
    assert {status for status, _ in results} <= {201, 409}
    ok = [body for status, body in results if status == 201]
    refused = [body for status, body in results if status == 409]
    assert ok and refused
    assert {body["code"] for body in refused} <= {"insufficient_points", "insufficient_stock"}
    spent = sum(body["points"] for body in ok)
    balance = Account.objects.get(household=net.h11).balance
    assert 0 <= balance == start_balance - spent
    soy_taken = sum(line["quantity"] for b in ok for line in b["lines"]
                    if line["product"] == soy.pk)
    salt_taken = sum(line["quantity"] for b in ok for line in b["lines"]
                     if line["product"] == salt.pk)
    assert Product.objects.get(pk=soy.pk).stock == 30 - soy_taken >= 0
    assert Product.objects.get(pk=salt.pk).stock == 50 - salt_taken >= 0
    assert len({b["balance"] for b in ok}) == len(ok)  # each success saw its own balance
    assert_ledger_consistent(net.h11)


def test_thirty_parallel_redemptions_never_oversell_the_stock(net):
    market = make_market(net)
    credit(net, market, net.h11, 1000)  # 8000 points; 10 barrels of oil at 600 on the shelf
    results = in_parallel([
        redeem(net.station_staff, net.h11, [{"product": market.p11_oil.pk, "quantity": 1}])
        for _ in range(N)
    ])
    ok = [body for status, body in results if status == 201]
    assert len(ok) == 10
    assert {body["code"] for status, body in results if status == 409} == {"insufficient_stock"}
    assert Product.objects.get(pk=market.p11_oil.pk).stock == 0
    assert Account.objects.get(household=net.h11).balance == 8000 - 10 * 600
    assert_ledger_consistent(net.h11)


def test_a_key_sent_thirty_times_at_once_credits_once(net):
    market = make_market(net)

    def deposit():
        client = APIClient()
        client.force_authenticate(net.station_staff)
        response = client.post(
            "/api/points/deposits/",
            {"household": net.h11.pk,
             "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}]},
            format="json", headers={"Idempotency-Key": "flaky-network-42"})
        return response.status_code, response.json()

    results = in_parallel([deposit] * N)
    assert {status for status, _ in results} == {201}
    assert len({body["id"] for _, body in results}) == 1
    assert Deposit.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 80
    assert_ledger_consistent(net.h11)


def test_one_key_sent_at_once_by_two_users_credits_once_for_each(net):
    market = make_market(net)

    def deposit(user, household):
        def request():
            client = APIClient()
            client.force_authenticate(user)
            response = client.post(
                "/api/points/deposits/",
                {"household": household.pk,
                 "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}]},
                format="json", headers={"Idempotency-Key": "tablet-0001"})
            return response.status_code, response.json()
        return request

    # Two cashiers' tablets count their keys alike; the banner administrator's tablet sends
    # the same key for another household, then (by mistake) for h11 again.
    results = in_parallel([deposit(net.station_staff, net.h11),
                           deposit(net.banner_admin, net.h21),
                           deposit(net.banner_admin, net.h11)] * 8)
    by_user = {"station": results[0::3], "admin": results[1::3] + results[2::3]}
    assert {status for status, _ in by_user["station"]} == {201}
    assert len({body["id"] for _, body in by_user["station"]}) == 1
    admin_written = {body["id"] for status, body in by_user["admin"] if status == 201}
    assert len(admin_written) == 1  # whichever household came first; the other is refused
    assert {body["code"] for status, body in by_user["admin"] if status != 201} \
        == {"idempotency_key_reused"}
    assert Deposit.objects.count() == 2
    assert_ledger_consistent(net.h11)
    if Deposit.objects.filter(household=net.h21).exists():  # the administrator's came first
        assert_ledger_consistent(net.h21)
