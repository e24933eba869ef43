"""The cashier's counter, receipts, the villager's page, the poster, and who may open them."""

import re

import pytest

from points_market.models import Account, Deposit, Entry, Product, Redemption

from .conftest import credit

pytestmark = pytest.mark.django_db


def test_the_cashier_finds_a_household_by_number_name_or_phone_with_its_balance(
        net, market, web):
    credit(net, market, net.h11, 10)
    client = web(net.station_staff)
    for q in ("T1V1-0001", "包金山", "13800000001"):
        page = client.get("/points/cashier/", {"q": q}).content.decode()
        assert f"/points/cashier/households/{net.h11.pk}/" in page
        assert "80 积分" in page
    outside = client.get("/points/cashier/", {"q": "王玉梅"}).content.decode()
    assert f"/points/cashier/households/{net.h12.pk}/" not in outside


def test_the_counter_records_a_deposit_and_shows_a_receipt(net, market, web):
    client = web(net.station_staff)
    page = client.get(f"/points/cashier/households/{net.h11.pk}/").content.decode()
    key = re.search(r'name="key" value="([0-9a-f]+)"', page).group(1)
    response = client.post(f"/points/cashier/households/{net.h11.pk}/deposit/", {
        "key": key, f"weight_{market.newspaper.pk}": "10", f"weight_{market.cardboard.pk}": "3.3",
    })
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    # 10 jin × 0.80 + 3.3 jin × 0.50 = 9.65 yuan → 96.5 → 96 points.
    assert 'id="receipt-points">96<' in receipt and 'id="receipt-balance">96<' in receipt
    assert "沃德嘎查积分超市" in receipt and "包金山" in receipt
    assert Account.objects.get(household=net.h11).balance == 96


def test_a_resubmitted_form_credits_once(net, market, web):
    client = web(net.station_staff)
    form = {"key": "form-key-1", f"weight_{market.bottles.pk}": "5"}
    url = f"/points/cashier/households/{net.h11.pk}/deposit/"
    first = client.post(url, form)
    second = client.post(url, form)
    assert first["Location"] == second["Location"]
    assert Deposit.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 40


def test_a_bad_weight_shows_the_error_and_keeps_the_input(net, market, web):
    client = web(net.station_staff)
    response = client.post(f"/points/cashier/households/{net.h11.pk}/deposit/", {
        "key": "k-bad", f"weight_{market.newspaper.pk}": "2.55"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "报纸：重量最多保留一位小数。" in page
    assert 'value="2.55"' in page
    assert not Entry.objects.exists()


def test_the_counter_redeems_a_basket_and_refuses_too_much(net, market, web):
    credit(net, market, net.h11, 100)  # 800
    client = web(net.station_staff)
    url = f"/points/cashier/households/{net.h11.pk}/redeem/"
    too_much = client.post(url, {"key": "r1", f"qty_{market.p11_oil.pk}": "2"})
    assert too_much.status_code == 409
    assert "积分不足" in too_much.content.decode()
    ok = client.post(url, {"key": "r2", f"qty_{market.p11_oil.pk}": "1",
                           f"qty_{market.p11_vinegar.pk}": "2"})
    assert ok.status_code == 302
    receipt = client.get(ok["Location"]).content.decode()
    assert 'id="receipt-points">720<' in receipt and 'id="receipt-balance">80<' in receipt
    assert Product.objects.get(pk=market.p11_oil.pk).stock == 9
    assert Redemption.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [
    ("station_staff", 200), ("township_staff", 200), ("banner_admin", 200),
    ("station_staff_other", 404), ("township_staff_other", 404),
    ("villager", 403), ("leader", 403), ("volunteer", 403),
])
def test_who_opens_the_counter(net, market, web, who, status):
    response = web(getattr(net, who)).get(f"/points/cashier/households/{net.h11.pk}/")
    assert response.status_code == status


def test_staff_of_another_village_cannot_post_to_the_counter(net, market, web):
    response = web(net.station_staff_other).post(
        f"/points/cashier/households/{net.h11.pk}/deposit/",
        {"key": "x", f"weight_{market.newspaper.pk}": "10"})
    assert response.status_code == 404
    assert not Entry.objects.exists()


def test_receipts_are_scoped(net, market, web):
    deposit = credit(net, market, net.h11, 10).record
    url = f"/points/deposits/{deposit.pk}/receipt/"
    assert web(net.villager).get(url).status_code == 200
    assert web(net.villager_b).get(url).status_code == 404
    assert web(net.station_staff_other).get(url).status_code == 404


def test_the_villager_sees_balance_history_and_shelf(net, market, web,
                                                     django_assert_max_num_queries):
    credit(net, market, net.h11, 10)
    client = web(net.villager)
    with django_assert_max_num_queries(12):
        page = client.get("/points/my/").content.decode()
    assert 'id="balance">80<' in page
    assert "食用油" in page and "600" in page
    assert "报纸" in page and "0.80" in page
    assert web(net.station_staff).get("/points/my/").status_code == 404


def test_the_poster_lists_prices_and_goods(net, market, web):
    page = web(net.villager).get(f"/points/supermarkets/{market.shop11.pk}/poster/")
    text = page.content.decode()
    assert "积分兑换价目表" in text
    for word in ("报纸", "0.80", "塑料瓶", "纸板", "0.50", "书本", "0.60", "酱油", "醋"):
        assert word in text
    assert web(net.villager).get(
        f"/points/supermarkets/{market.shop21.pk}/poster/").status_code == 404


def test_the_counter_page_query_budget(net, market, web, django_assert_max_num_queries):
    for _ in range(5):
        credit(net, market, net.h11, 2)
    client = web(net.station_staff)
    with django_assert_max_num_queries(14):
        assert client.get(f"/points/cashier/households/{net.h11.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/points/cashier/", {"q": "包"}).status_code == 200


def test_the_home_page_links_each_role_to_its_pages(net, market, web):
    assert "/points/cashier/" in web(net.station_staff).get("/").content.decode()
    assert "/points/my/" in web(net.villager).get("/").content.decode()
    assert "/points/cashier/" not in web(net.villager).get("/").content.decode()
