"""POST /api/points/deposits/: 201 {id, points, balance}; 400 naming the field."""

import pytest

from points_market.models import Account, Deposit, Entry

pytestmark = pytest.mark.django_db

URL = "/api/points/deposits/"


def post(api, user, body, **headers):
    return api(user).post(URL, body, format="json", headers=headers)


def test_a_cashier_records_ten_jin_of_newspapers_for_eighty_points(net, market, api):
    response = post(api, net.station_staff, {
        "household": net.h11.pk, "lines": [{"category": market.newspaper.pk, "weight_jin": 10}]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["points"] == 80 and body["balance"] == 80
    assert body["id"] == Deposit.objects.get().pk
    assert body["lines"][0]["price_per_jin"] == "0.80"


def test_weights_may_be_sent_as_strings_with_one_decimal(net, market, api):
    response = post(api, net.station_staff, {"household": net.h11.pk, "lines": [
        {"category": market.cardboard.pk, "weight_jin": "12.3"},
        {"category": market.books.pk, "weight_jin": 4.5}]})
    assert response.status_code == 201, response.content
    assert response.json()["points"] == 88  # 6.15 + 2.70 = 8.85 yuan → 88


@pytest.mark.parametrize(("line", "field"), [
    ({"weight_jin": "-1"}, "lines[0].weight_jin"),
    ({"weight_jin": 0}, "lines[0].weight_jin"),
    ({"weight_jin": "1.25"}, "lines[0].weight_jin"),
    ({"weight_jin": 10.05}, "lines[0].weight_jin"),
    ({"weight_jin": "1000.1"}, "lines[0].weight_jin"),
    ({"weight_jin": "十斤"}, "lines[0].weight_jin"),
    ({"category": 987654}, "lines[0].category"),
])
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(net, market, api, line, field):
    body_line = {"category": market.newspaper.pk, "weight_jin": "10", **line}
    response = post(api, net.station_staff, {"household": net.h11.pk, "lines": [body_line]})
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Deposit.objects.exists() and not Entry.objects.exists()


def test_the_second_bad_line_is_named_by_its_index(net, market, api):
    response = post(api, net.station_staff, {"household": net.h11.pk, "lines": [
        {"category": market.newspaper.pk, "weight_jin": "1"},
        {"category": market.books.pk, "weight_jin": "-3"}]})
    assert response.status_code == 400
    assert "lines[1].weight_jin" in response.json()


@pytest.mark.parametrize(("body", "field"), [
    ({"lines": []}, "lines"),
    ({"household": "x", "lines": []}, "household"),
    ({"household": 1}, "lines"),
])
def test_a_malformed_body_is_a_400_naming_the_field(net, market, api, body, field):
    response = post(api, net.station_staff, body)
    assert response.status_code == 400
    assert field in response.json()


def test_the_error_message_is_chinese(net, market, api):
    response = post(api, net.station_staff, {
        "household": net.h11.pk, "lines": [{"category": market.newspaper.pk, "weight_jin": 0}]})
    assert "重量" in response.json()["lines[0].weight_jin"][0]


def test_a_retry_with_the_same_idempotency_key_returns_the_first_result(net, market, api):
    body = {"household": net.h11.pk, "lines": [{"category": market.bottles.pk,
                                                 "weight_jin": "2.5"}]}
    first = post(api, net.station_staff, body, **{"Idempotency-Key": "tablet-7-0001"})
    again = post(api, net.station_staff, body, **{"Idempotency-Key": "tablet-7-0001"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Account.objects.get(household=net.h11).balance == 20
    assert Deposit.objects.count() == 1


def test_a_household_without_a_supermarket_is_a_conflict(net, market, api):
    response = post(api, net.township_staff, {
        "household": net.h12.pk, "lines": [{"category": market.newspaper.pk, "weight_jin": 1}]})
    assert response.status_code == 409
    assert response.json()["code"] == "no_supermarket"
