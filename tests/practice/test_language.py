"""The platform speaks Chinese whatever the browser asks; only the person's own choice, made
with the switcher at the foot of every page and remembered, changes it; every error page is
ours, in Chinese, in the site's layout."""

import pytest
from django.test import Client

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.practice.pages_urls")]
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_a_browser_that_asks_for_english_gets_chinese_home_and_login(net, web):
    login = Client().get("/accounts/login/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="zh-hans">' in login and "登录" in login
    home = web(net.villager).get("/", **ENGLISH_BROWSER)
    assert home["Content-Language"] == "zh-hans"
    assert "退出" in home.content.decode()


def test_the_switcher_changes_the_language_and_it_is_remembered(net, web):
    client = web(net.villager)
    chosen = client.post("/language/", {"language": "en", "next": "/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/"
    home = client.get("/")
    assert home["Content-Language"] == "en"
    assert '<html lang="en">' in home.content.decode()
    assert "Log out" in home.content.decode()
    assert "Log out" in client.get("/volunteers/").content.decode()  # remembered
    client.post("/language/", {"language": "zh-hans", "next": "/"})
    assert "退出" in client.get("/").content.decode()


def test_an_unknown_language_in_the_cookie_is_chinese(net, web):
    client = web(net.villager)
    client.cookies["language"] = "xx"
    assert client.get("/")["Content-Language"] == "zh-hans"


def test_every_page_offers_the_switcher(net, web):
    html = web(net.villager).get("/").content.decode()
    assert 'action="/language/"' in html and "简体中文" in html and "English" in html


@pytest.mark.parametrize("debug", [False])
def test_error_pages_are_ours_in_chinese_with_debug_off(net, settings, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    missing = client.get("/no-such-page/", **ENGLISH_BROWSER)
    assert missing.status_code == 404 and '<html lang="zh-hans">' in missing.content.decode()
    assert "Not Found" not in missing.content.decode()
    staff = Client()
    staff.force_login(net.villager)
    refused = staff.get("/raise/conflict/", **ENGLISH_BROWSER)
    assert refused.status_code == 403 and "您的角色无权打开此页面。" in refused.content.decode()
    strict = Client(enforce_csrf_checks=True)
    forged = strict.post("/accounts/login/", {"username": "x", "password": "y"},
                         **ENGLISH_BROWSER)
    assert forged.status_code == 403
    assert "表单已过期" in forged.content.decode() and "CSRF" not in forged.content.decode()


def test_a_server_error_is_our_page_in_chinese(net, settings, monkeypatch):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(net.township_staff)
    import tests.practice.pages_urls as urls

    monkeypatch.setitem(urls.RAISED, "boom", RuntimeError("boom"))
    response = client.get("/raise/boom/", **ENGLISH_BROWSER)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html and "本次操作没有生效" in html
    assert "Server Error" not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_english_phone_sees_chinese_until_the_villager_switches(net, browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert "登录" in page.inner_text("body")
    page.select_option("#language-choice", "en")
    page.click(".langform button")
    page.wait_for_load_state()
    assert "Log in" in page.inner_text("body") or "Sign in" in page.inner_text("body")
    save_screenshot(page, "language-switched-to-english-phone")
    page.goto(f"{live_server.url}/accounts/login/")
    assert "登录" not in page.inner_text("main")
    page.select_option("#language-choice", "zh-hans")
    page.click(".langform button")
    page.wait_for_load_state()
    assert "登录" in page.inner_text("body")
    context.close()
