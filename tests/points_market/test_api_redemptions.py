"""POST /api/points/redemptions/: 201 {id, points, balance}; 409 naming the reason."""

import pytest

from points_market.models import Account, Entry, Product, Redemption

from .conftest import credit

pytestmark = pytest.mark.django_db

URL = "/api/points/redemptions/"


def test_a_household_trades_points_for_oil_and_salt(net, market, api):
    credit(net, market, net.h11, 100)  # 800
    response = api(net.station_staff).post(URL, {"household": net.h11.pk, "lines": [
        {"product": market.p11_oil.pk, "quantity": 1},
        {"product": market.p11_salt.pk, "quantity": 2}]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["points"] == 640 and body["balance"] == 160
    assert body["value_yuan"] == "64.00"
    assert Product.objects.get(pk=market.p11_salt.pk).stock == 48


def test_not_enough_points_is_a_409_and_nothing_changes(net, market, api):
    credit(net, market, net.h11, 10)  # 80
    response = api(net.station_staff).post(URL, {"household": net.h11.pk, "lines": [
        {"product": market.p11_soy.pk, "quantity": 2}]}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "insufficient_points"
    assert body["balance"] == 80 and body["needed"] == 160
    assert "积分不足" in body["detail"]
    assert Product.objects.get(pk=market.p11_soy.pk).stock == 30
    assert not Redemption.objects.exists()
    assert Entry.objects.count() == 1


def test_not_enough_stock_is_a_409_and_nothing_changes(net, market, api):
    credit(net, market, net.h11, 1000)
    response = api(net.station_staff).post(URL, {"household": net.h11.pk, "lines": [
        {"product": market.p11_oil.pk, "quantity": 11}]}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "insufficient_stock"
    assert body["product"] == market.p11_oil.pk and body["stock"] == 10
    assert "库存不足" in body["detail"]
    assert Account.objects.get(household=net.h11).balance == 8000


@pytest.mark.parametrize(("line", "field"), [
    ({"quantity": 0}, "lines"),
    ({"quantity": "two"}, "lines"),
    ({"product": 424242}, "lines[0].product"),
])
def test_bad_lines_are_a_400_naming_the_field(net, market, api, line, field):
    credit(net, market, net.h11, 100)
    response = api(net.station_staff).post(URL, {"household": net.h11.pk, "lines": [
        {"product": market.p11_salt.pk, "quantity": 1, **line}]}, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_retry_with_the_same_key_spends_once(net, market, api):
    credit(net, market, net.h11, 100)
    body = {"household": net.h11.pk, "lines": [{"product": market.p11_vinegar.pk,
                                                 "quantity": 1}]}
    client = api(net.station_staff)
    first = client.post(URL, body, format="json", headers={"Idempotency-Key": "r-77"})
    again = client.post(URL, body, format="json", headers={"Idempotency-Key": "r-77"})
    assert first.json() == again.json()
    assert Account.objects.get(household=net.h11).balance == 740
    assert Product.objects.get(pk=market.p11_vinegar.pk).stock == 29
