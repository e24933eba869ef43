"""The review page on a translator's phone (390×844): the shares, then ticking a string
reviewed; every tap target a thumb can hit and nothing wider than the screen."""

import pytest

from tests.conftest import save_screenshot
from tests.platform.test_browser_tap_targets import MEASURE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_translator_reviews_on_a_phone(site, translator, browser_login, live_server):
    page = browser_login(translator)
    page.goto(f"{live_server.url}/translations/")
    assert page.evaluate(MEASURE) == []
    row = page.locator("tr[data-catalogue=villagers]")
    assert row.locator(".percent").inner_text() == "0.0%"
    save_screenshot(page, "translations_review_phone")
    row.locator("a").click()
    page.wait_for_load_state()
    assert page.evaluate(MEASURE) == []
    save_screenshot(page, "translations_catalogue_phone")
    page.locator("section.string", has_text="My points").locator("input[name=entry]").check()
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    assert "已将 1 条标为已审校" in page.inner_text(".messages")
    page.goto(f"{live_server.url}/translations/")
    assert page.locator("tr[data-catalogue=villagers] .reviewed").inner_text() == "1"
    assert page.locator("tr[data-catalogue=villagers] .percent").inner_text() == "16.7%"
    save_screenshot(page, "translations_review_phone_after")
