"""The points pages a villager reads speak Mongolian (traditional script) to whoever chose it;
goods and recyclables carry optional Mongolian names; receipts and the price poster print in
both scripts whatever the page speaks; the cashier's pages stay Chinese."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from points_market.services import redemption_record
from points_market.texts import TEMPLATES
from practice.language import MONGOLIAN
from practice.sms import placeholders
from tests.points_market.conftest import credit

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
OIL_MN = "ᠢᠳᠡᠭᠡᠨ\u202fᠦ ᠲᠣᠰᠤ"
NEWSPAPER_MN = "ᠰᠣᠨᠢᠨ"
MY_POINTS_MN = "ᠮᠢᠨᠤ ᠭᠡᠷ ᠪᠦᠯ\u202fᠦᠨ ᠣᠨᠤᠭ\u180eᠠ"  # My household's points
PRICE_LIST_MN = "ᠣᠨᠤᠭ\u180eᠠ ᠰᠣᠯᠢᠯᠴᠠᠬᠤ ᠦᠨᠡ\u202fᠶᠢᠨ ᠬᠦᠰᠦᠨᠦᠭᠲᠦ"  # Points redemption price list
DEPOSIT_RECEIPT_MN = "ᠡᠳ ᠲᠤᠰᠢᠶᠠᠭᠰᠠᠨ ᠪᠠᠷᠢᠮᠲᠠ"  # Deposit receipt


@pytest.fixture
def named(market):
    market.p11_oil.name_mn = OIL_MN
    market.p11_oil.save()
    market.newspaper.name_mn = NEWSPAPER_MN
    market.newspaper.save()
    return market


def in_mongolian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
    return client


def test_my_points_in_mongolian_with_the_mongolian_names_of_goods(net, web, named):
    r = in_mongolian(web(net.villager)).get("/points/my/")
    html = r.content.decode()
    assert r["Content-Language"] == MONGOLIAN
    assert MY_POINTS_MN in html
    assert OIL_MN in html and NEWSPAPER_MN in html
    assert "食用油" not in html  # the Mongolian name replaces the Chinese one
    assert "食盐" in html  # goods without a Mongolian name keep the Chinese
    assert not CYRILLIC.search(html)


def test_my_points_in_chinese_shows_the_chinese_names(net, web, named):
    r = web(net.villager).get("/points/my/")
    html = r.content.decode()
    assert r["Content-Language"] == settings.LANGUAGE_CODE
    assert "食用油" in html and "报纸" in html
    assert OIL_MN not in html and not MONGOLIAN_LETTERS.search(html.split("<footer")[0])


@pytest.mark.parametrize("language", [settings.LANGUAGE_CODE, MONGOLIAN])
def test_the_poster_prints_in_both_scripts_whatever_the_page_speaks(net, web, named,
                                                                     language):
    client = web(net.villager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(f"/points/supermarkets/{named.shop11.pk}/poster/").content.decode()
    vertical = html.split('class="mong-vertical', 1)[1].split("</div>", 1)[0]
    assert PRICE_LIST_MN in vertical and OIL_MN in vertical and NEWSPAPER_MN in vertical
    chinese = html.split('class="pm-chinese"', 1)[1]
    assert "积分兑换价目表" in chinese and "食用油" in chinese and "报纸" in chinese


def test_receipts_print_in_both_scripts(net, web, named):
    deposit = credit(net, named, net.h11, 10).record
    html = web(net.villager).get(f"/points/deposits/{deposit.pk}/receipt/").content.decode()
    vertical = html.split('class="mong-vertical', 1)[1].split("</div>", 1)[0]
    assert DEPOSIT_RECEIPT_MN in vertical and NEWSPAPER_MN in vertical
    assert "80" in vertical  # the points credited
    assert "积分" in html.split('class="pm-chinese"', 1)[1]


def test_the_redemption_receipt_names_the_goods_in_both_scripts(net, web, named):
    credit(net, named, net.h11, 100)
    redemption = redemption_record(net.h11, actor=net.banner_admin,
                                   lines=[{"product": named.p11_oil.pk, "quantity": 1}]).record
    client = in_mongolian(web(net.villager))
    html = client.get(f"/points/redemptions/{redemption.pk}/receipt/").content.decode()
    vertical = html.split('class="mong-vertical', 1)[1].split("</div>", 1)[0]
    assert OIL_MN in vertical and "600" in vertical
    assert "食用油" in html.split('class="pm-chinese"', 1)[1]


def test_the_cashiers_pages_stay_chinese(net, web, named):
    client = in_mongolian(web(net.station_staff))
    for path in ("/points/cashier/", f"/points/cashier/households/{net.h11.pk}/"):
        r = client.get(path)
        assert r["Content-Language"] == settings.LANGUAGE_CODE, path


def test_the_admin_edits_the_mongolian_names(net, web, named):
    client = web(net.banner_admin)
    html = client.get(f"/admin/points_market/product/{named.p11_oil.pk}/change/").content.decode()
    assert 'name="name_mn"' in html and OIL_MN in html
    html = client.get(f"/admin/points_market/category/{named.newspaper.pk}/change/").content
    assert b'name="name_mn"' in html


def test_the_api_gives_the_mongolian_names(net, api, named):
    client = api(net.villager)
    products = client.get("/api/points/products/").json()
    rows = products["results"] if isinstance(products, dict) else products
    assert {p["name"]: p["name_mn"] for p in rows if p["name_mn"]} == {"食用油": OIL_MN}
    prices = client.get("/api/points/prices/").json()
    rows = prices.get("categories", prices) if isinstance(prices, dict) else prices
    assert NEWSPAPER_MN in str(rows)


def test_the_weigh_in_text_message_has_a_mongolian_text_with_the_same_placeholders():
    text = TEMPLATES["weigh_in_receipt"]
    with translation.override(MONGOLIAN):
        mongolian = str(text)
    assert MONGOLIAN_LETTERS.search(mongolian) and not CYRILLIC.search(mongolian)
    assert placeholders("weigh_in_receipt") == set(re.findall(r"{(\w+)}", mongolian))


def test_the_units_of_goods_and_the_supermarket_in_the_readers_language(net, web, named):
    named.shop11.name_mn = "ᠣᠳᠣ ᠣᠨᠤᠭ\u180eᠠ ᠰᠣᠯᠢᠯᠴᠠᠬᠤ ᠳᠡᠯᠭᠡᠭᠦᠷ"
    named.shop11.save()
    html = in_mongolian(web(net.villager)).get("/points/my/").content.decode()
    assert "ᠯᠣᠩᠬᠤ" in html and "/瓶" not in html  # soy sauce by the bottle
    assert named.shop11.name_mn in html and "沃德嘎查积分超市" not in html
    html = web(net.villager).get("/points/my/").content.decode()
    assert "/瓶" in html and "沃德嘎查积分超市" in html and named.shop11.name_mn not in html
