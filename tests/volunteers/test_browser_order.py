import pytest

from tests.conftest import save_screenshot
from volunteers.models import Order


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_villager_on_a_phone_places_an_order_and_sees_it_listed(vnet, browser_login,
                                                                  live_server):
    page = browser_login(vnet.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/volunteers/")
    page.get_by_role("link", name="老人理发").click()
    page.wait_for_load_state()
    page.fill("textarea[name=description]", "奶奶行动不便，请上门理发")
    page.click("#order-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#order-status").inner_text() == "已点单"
    page.goto(f"{live_server.url}/volunteers/my-orders/")
    rows = page.locator(".order-row")
    assert rows.count() == 1
    assert "老人理发" in rows.first.inner_text() and "已点单" in rows.first.inner_text()
    # Phone-first: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "volunteers-my-orders-phone")
    # (The site has no favicon yet: that 404 is the only resource error allowed.)
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
    assert Order.objects.get().description == "奶奶行动不便，请上门理发"
