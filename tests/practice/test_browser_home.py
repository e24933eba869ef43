"""A villager logs in on a phone-sized screen and lands on their home page, in Chinese."""

import pytest

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_villager_logs_in_on_a_phone(net, browser_login):
    page = browser_login(net.villager, viewport=(390, 844))
    assert page.url.endswith("/")
    body = page.inner_text("body")
    assert "沃德嘎查" in body
    assert "退出" in body or "登出" in body
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "villager-home-phone")
    assert page.console_errors == []
