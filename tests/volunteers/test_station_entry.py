"""The page a station's QR code opens: for someone not signed in it says which station this
is, what it offers, how to sign in and who can order for them; signed in, it is the order form."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.conftest import save_screenshot
from tests.factories import PASSWORD


@pytest.fixture
def named_staff(vnet):
    vnet.station_staff.real_name = "其其格"
    vnet.station_staff.save(update_fields=["real_name"])
    vnet.station_staff_other.real_name = "外村站员"
    vnet.station_staff_other.save(update_fields=["real_name"])
    return vnet


def test_logged_out_it_names_the_station_its_village_and_what_it_is_for(named_staff):
    r = Client().get("/volunteers/s/T1V1/")
    assert r.status_code == 200
    text = r.content.decode()
    assert "沃德嘎查新时代文明实践站" in text
    assert "查日苏镇 · 沃德嘎查" in text
    assert "点单志愿服务" in text and "文明积分" in text and "合约食堂" in text
    assert "用户名和密码登录" in text


def test_logged_out_it_says_the_station_staff_can_order_for_you_and_names_them(named_staff):
    text = Client().get("/volunteers/s/T1V1/").content.decode()
    assert "本站工作人员可以为您代点单" in text
    assert "其其格" in text
    # Only this station's staff; no one's personal mobile.
    assert "外村站员" not in text and "villager" not in text
    assert "139" not in text


def test_without_named_staff_the_hint_still_stands(vnet):
    vnet.station_staff.real_name = ""
    vnet.station_staff.save(update_fields=["real_name"])
    text = Client().get("/volunteers/s/T1V1/").content.decode()
    assert "本站工作人员可以为您代点单" in text and "本站工作人员：" not in text


def test_the_login_link_comes_back_to_the_station_and_on_to_the_order_form(vnet):
    client = Client()
    r = client.get("/volunteers/s/T1V1/")
    href = r.context["login_url"]
    assert urlsplit(href).path == "/accounts/login/"
    assert parse_qs(urlsplit(href).query)["next"] == ["/volunteers/s/T1V1/"]
    assert f'href="{href.replace("&", "&amp;")}"' in r.content.decode()
    r = client.post(href, {"username": vnet.villager.username, "password": PASSWORD,
                           "next": "/volunteers/s/T1V1/"}, follow=True)
    assert [url for url, _ in r.redirect_chain] == ["/volunteers/s/T1V1/", "/volunteers/order/"]
    assert r.status_code == 200


def test_logged_in_it_goes_straight_to_the_order_form(vnet, web):
    r = web(vnet.villager).get("/volunteers/s/T1V1/")
    assert r.status_code == 302 and r["Location"].endswith("/volunteers/order/")


@pytest.mark.parametrize("code", ["NOPE", "T1"])
def test_an_unknown_or_non_station_code_is_our_chinese_not_found_page(vnet, code):
    r = Client().get(f"/volunteers/s/{code}/")
    assert r.status_code == 404
    assert "此页面不存在" in r.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_a_logged_out_scan_explains_the_station_and_leads_to_login(
        named_staff, browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/volunteers/s/T1V1/")
    assert page.locator("h1").inner_text() == "沃德嘎查新时代文明实践站"
    assert "其其格" in page.locator("#station-help").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "volunteers-station-entry-logged-out-phone")
    page.click("#station-login")
    page.fill("input[name=username]", named_staff.villager.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/volunteers/order/")
    context.close()
