"""On a phone, a villager switches the login page to Mongolian, signs in, and reads the home page
in the traditional script, drawn with the font the platform serves."""

import re

import pytest

from practice.language import MONGOLIAN
from practice.models import User
from tests.conftest import save_screenshot
from tests.factories import PASSWORD
from tests.mongolian_pages import served_font_draws as drawn_with_the_served_font

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def test_a_villager_reads_the_platform_in_mongolian_on_a_phone(net, live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/")
    assert "登录" in page.inner_text("main")
    page.select_option("#language-choice", MONGOLIAN)
    page.click(".langform button")
    page.wait_for_load_state()
    login = page.inner_text("main")
    assert MONGOLIAN_LETTERS.search(login) and not CYRILLIC.search(login)
    assert page.get_attribute("html", "lang") == MONGOLIAN
    assert drawn_with_the_served_font(page, page.inner_text("h1"))
    save_screenshot(page, "mongolian-login-phone")

    page.fill("input[name=username]", net.villager.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    heading = page.inner_text("h1")
    body = page.inner_text("body")
    assert MONGOLIAN_LETTERS.search(heading) and not CYRILLIC.search(body)
    assert "沃德嘎查" in body  # the village's name, which has no Mongolian name yet
    assert drawn_with_the_served_font(page, heading)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "mongolian-home-phone")
    assert errors == []
    assert User.objects.get(pk=net.villager.pk).language == MONGOLIAN
    context.close()
