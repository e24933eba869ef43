"""Admin: the ledger is read-only with no delete; reversal is an action; stock-in adds stock."""

import re

import pytest

from points_market.models import Account, Entry, EntryKind, Product, StockIn
from points_market.services import redemption_record

from .conftest import credit

pytestmark = pytest.mark.django_db


def test_the_ledger_offers_no_add_change_or_delete(net, market, web):
    entry = credit(net, market, net.h11, 10).entry
    client = web(net.banner_admin)
    assert client.get("/admin/points_market/entry/").status_code == 200
    assert client.get("/admin/points_market/entry/add/").status_code == 403
    assert client.get(f"/admin/points_market/entry/{entry.pk}/delete/").status_code == 403
    page = client.get(f"/admin/points_market/entry/{entry.pk}/change/").content.decode()
    assert 'name="points"' not in page
    changelist = client.get("/admin/points_market/entry/").content.decode()
    assert "delete_selected" not in changelist
    assert "reverse_entries" in changelist


def test_the_reversal_action_asks_for_a_reason_then_reverses(net, market, web):
    entry = credit(net, market, net.h11, 10).entry
    client = web(net.station_staff)
    url = "/admin/points_market/entry/"
    ask = client.post(url, {"action": "reverse_entries", "_selected_action": [entry.pk]})
    assert ask.status_code == 200 and 'name="reason"' in ask.content.decode()
    done = client.post(url, {"action": "reverse_entries", "_selected_action": [entry.pk],
                             "confirm": "1", "reason": "称重有误"})
    assert done.status_code == 302
    reversal = Entry.objects.get(kind=EntryKind.REVERSAL)
    assert reversal.reverses_id == entry.pk and reversal.reason == "称重有误"
    assert Account.objects.get(household=net.h11).balance == 0


def test_the_admin_ledger_is_scoped(net, market, web):
    credit(net, market, net.h21, 10)
    page = web(net.station_staff).get("/admin/points_market/entry/").content.decode()
    assert "T2V1-0001" not in page


def test_stock_in_through_the_admin_adds_to_the_stock(net, market, web):
    client = web(net.station_staff)
    response = client.post("/admin/points_market/stockin/add/", {
        "product": market.p11_oil.pk, "quantity": "12", "note": "旗里配送"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Product.objects.get(pk=market.p11_oil.pk).stock == 22
    assert StockIn.objects.get().stock_after == 22
    # Not on another village's shelf.
    other = client.post("/admin/points_market/stockin/add/", {
        "product": market.p21_oil.pk, "quantity": "5"})
    assert other.status_code == 200  # the product is not among the choices
    assert Product.objects.get(pk=market.p21_oil.pk).stock == 10


def test_a_station_sets_its_village_price_in_the_admin(net, market, web):
    response = web(net.station_staff).post("/admin/points_market/categoryprice/add/", {
        "category": market.books.pk, "village": net.v11.pk, "price_per_jin": "0.70",
        "effective_from": "2025-01-01"})
    assert response.status_code == 302
    refused = web(net.station_staff).post("/admin/points_market/categoryprice/add/", {
        "category": market.books.pk, "village": "", "price_per_jin": "0.70",
        "effective_from": "2025-01-01"})
    assert refused.status_code == 403


@pytest.mark.parametrize("model", ["deposit", "redemption"])
def test_deposits_and_redemptions_are_read_only_in_the_admin(net, market, web, model):
    result = credit(net, market, net.h11, 100)
    if model == "redemption":
        result = redemption_record(net.h11, actor=net.banner_admin,
                                   lines=[{"product": market.p11_salt.pk, "quantity": 2}])
    record = result.record
    client = web(net.banner_admin)
    url = f"/admin/points_market/{model}/"
    changelist = client.get(url)
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert net.h11.number in page and market.shop11.name in page
    assert "delete_selected" not in page
    assert client.get(f"{url}add/").status_code == 403
    assert client.get(f"{url}{record.pk}/delete/").status_code == 403
    detail = client.get(f"{url}{record.pk}/change/").content.decode()
    assert 'name="points"' not in detail
    # The record's own figures sit between its points and who recorded it when.
    own = (["weight_jin", "amount_yuan", "sms_receipt", "weighed_at"] if model == "deposit"
           else ["value_yuan"])
    assert re.findall(r'class="form-row field-(\w+)', detail) == [
        "household", "supermarket", "points", *own, "created_by", "created_at"]


@pytest.mark.parametrize("model", ["deposit", "redemption"])
def test_the_admin_lists_of_deposits_and_redemptions_are_scoped(net, market, web, model):
    credit(net, market, net.h21, 100)
    redemption_record(net.h21, actor=net.banner_admin,
                      lines=[{"product": market.p21_salt.pk, "quantity": 1}])
    page = web(net.station_staff).get(f"/admin/points_market/{model}/").content.decode()
    assert "T2V1-0001" not in page
    assert "T2V1-0001" in web(net.banner_admin).get(
        f"/admin/points_market/{model}/").content.decode()


@pytest.mark.parametrize("who", ["station_staff", "banner_admin"])
def test_staff_see_what_a_deposit_and_a_redemption_were_made_of(net, market, web, who):
    deposit = credit(net, market, net.h11, 100).record
    redemption = redemption_record(net.h11, actor=net.banner_admin,
                                   lines=[{"product": market.p11_salt.pk, "quantity": 2}]).record
    client = web(getattr(net, who))
    page = client.get(f"/admin/points_market/deposit/{deposit.pk}/change/").content.decode()
    assert market.newspaper.name in page and "field-amount_yuan" in page
    page = client.get(f"/admin/points_market/redemption/{redemption.pk}/change/").content.decode()
    assert market.p11_salt.name in page
