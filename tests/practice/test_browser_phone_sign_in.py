"""On a phone, a villager signs in with the number and the texted code, in Chinese."""

import pytest

from tests.conftest import save_screenshot

from .conftest import last_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_villager_signs_in_with_a_texted_code_on_a_phone(people, live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("text=短信验证码")
    page.wait_for_url("**/accounts/login/phone/")
    assert page.locator("input[name=phone]").get_attribute("type") == "tel"
    page.fill("input[name=phone]", "138 0000 0001")
    save_screenshot(page, "phone-sign-in-number")
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/login/phone/code/")
    assert "138****0001" in page.inner_text("body")
    page.fill("input[name=code]", "000000" if last_code("13800000001") != "000000" else "111111")
    page.click("button.primary")
    assert "验证码错误或已过期" in page.inner_text("body")
    errors.clear()  # the browser reports the page's 400 status as a console error
    page.fill("input[name=code]", last_code("13800000001"))
    save_screenshot(page, "phone-sign-in-code")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    body = page.inner_text("body")
    assert "沃德嘎查" in body
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
    context.close()
