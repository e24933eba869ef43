"""A retried request with the same Idempotency-Key returns the first result, changes nothing.

Keys belong to the user who sent them: two users may use the same key independently. The same
key from the same user with another body answers 422 ``idempotency_key_reused``."""

import re

import pytest

from points_market.models import Account, Deposit, Entry, EntryKind, Redemption
from points_market.services import deposit_record, redemption_record
from practice.exceptions import Unprocessable

from .conftest import credit

pytestmark = pytest.mark.django_db

REUSED = "已用于内容不同的另一笔请求"  # the Chinese message of idempotency_key_reused


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


def test_a_key_reused_for_another_household_is_refused(net, market):
    lines = [{"category": market.newspaper.pk, "weight_jin": "10"}]
    deposit_record(net.h11, actor=net.banner_admin, lines=lines, idempotency_key="same")
    with pytest.raises(Unprocessable) as caught:
        deposit_record(net.h21, actor=net.banner_admin, lines=lines, idempotency_key="same")
    assert caught.value.code == "idempotency_key_reused"
    assert Entry.objects.count() == 1


def _post(api, user, url, body, key):
    return api(user).post(url, body, format="json", headers={"Idempotency-Key": key})


@pytest.mark.parametrize("kind", ["deposits", "redemptions"])
def test_the_same_key_with_another_body_answers_422_and_writes_nothing(net, market, api, kind):
    credit(net, market, net.h11, 100)
    url = f"/api/points/{kind}/"
    if kind == "deposits":
        first_lines = [{"category": market.newspaper.pk, "weight_jin": "10"}]
        other_lines = [{"category": market.newspaper.pk, "weight_jin": "12"}]
    else:
        first_lines = [{"product": market.p11_vinegar.pk, "quantity": 1}]
        other_lines = [{"product": market.p11_vinegar.pk, "quantity": 2}]
    first = _post(api, net.station_staff, url, {"household": net.h11.pk, "lines": first_lines},
                  "tablet-7-0001")
    assert first.status_code == 201
    entries, balance = Entry.objects.count(), Account.objects.get(household=net.h11).balance
    reused = _post(api, net.station_staff, url, {"household": net.h11.pk, "lines": other_lines},
                   "tablet-7-0001")
    assert reused.status_code == 422
    body = reused.json()
    assert set(body) == {"code", "detail"}
    assert body["code"] == "idempotency_key_reused" and REUSED in body["detail"]
    assert "Idempotent-Replayed" not in reused
    assert Entry.objects.count() == entries
    assert Account.objects.get(household=net.h11).balance == balance
    # The same body again is a retry: the first result, replayed.
    again = _post(api, net.station_staff, url, {"household": net.h11.pk, "lines": first_lines},
                  "tablet-7-0001")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_two_users_may_use_the_same_key_independently(net, market, api):
    body = {"household": net.h11.pk,
            "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}]}
    first = _post(api, net.station_staff, "/api/points/deposits/", body, "0001")
    second = _post(api, net.township_staff, "/api/points/deposits/", body, "0001")
    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert first.json()["id"] != second.json()["id"]
    assert Account.objects.get(household=net.h11).balance == 160
    # Each user's retry replays their own deposit.
    again = _post(api, net.township_staff, "/api/points/deposits/", body, "0001")
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == second.json()["id"]


def test_a_key_recorded_before_fingerprints_keeps_replaying(net, market):
    # A deposit keyed before keys carried a fingerprint of their request: its entry has none.
    deposit = Deposit.objects.create(household=net.h11, supermarket=market.shop11, points=80,
                                     weight_jin=10, amount_yuan=8, created_by=net.station_staff)
    Account.objects.create(household=net.h11, balance=80)
    Entry.objects.create(household=net.h11, kind=EntryKind.DEPOSIT, points=80, balance_after=80,
                         deposit=deposit, idempotency_key="old-key",
                         created_by=net.station_staff)
    again = deposit_record(net.h11, actor=net.station_staff, idempotency_key="old-key",
                           lines=[{"category": market.newspaper.pk, "weight_jin": "10"}])
    assert again.replayed and again.record.pk == deposit.pk
    assert Account.objects.get(household=net.h11).balance == 80


def test_the_counter_refuses_a_resubmitted_form_with_changed_weights(net, market, web):
    client = web(net.station_staff)
    url = f"/points/cashier/households/{net.h11.pk}/deposit/"
    form = {"key": "form-key-1", f"weight_{market.bottles.pk}": "5"}
    assert client.post(url, form).status_code == 302
    changed = client.post(url, {**form, f"weight_{market.bottles.pk}": "6"})
    assert changed.status_code == 422
    page = changed.content.decode()
    assert "这张单子已经提交过" in page
    # The counter comes back with a new key: the corrected weigh-in can be sent.
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    assert key != "form-key-1"
    assert client.post(url, {"key": key, f"weight_{market.bottles.pk}": "6"}).status_code == 302
    assert Account.objects.get(household=net.h11).balance == 40 + 48
