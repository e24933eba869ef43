"""In a browser, on a phone and on a desktop: a clerk narrows the staff order list to a team
picked by name, and a filter that matches nothing says so and clears in one tap."""

import pytest

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size, viewport", [("phone", (390, 844)), ("desktop", (1366, 768))])
def test_a_clerk_filters_orders_by_a_team_named_and_clears_an_empty_result(
        vnet, place, accepted, browser_login, live_server, size, viewport):
    waiting = place()
    page = browser_login(vnet.township_staff, viewport=viewport)
    page.goto(f"{live_server.url}/volunteers/staff/orders/")
    page.select_option("select[name=team]", label=vnet.team.name)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    rows = page.locator(".order-row")
    assert rows.count() == 1 and f"#{accepted.pk} " in rows.first.inner_text()
    assert page.locator("select[name=team] option:checked").inner_text() == vnet.team.name
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    save_screenshot(page, f"volunteers-staff-orders-team-{size}")

    page.select_option("select[name=status]", "completed")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert page.locator(".order-row").count() == 0
    assert "没有符合筛选条件的订单。" in page.locator("#no-matches").inner_text()
    save_screenshot(page, f"volunteers-staff-orders-no-match-{size}")
    page.get_by_role("link", name="清除筛选").click()
    page.wait_for_load_state()
    assert page.locator(".order-row").count() == 2
    assert f"#{waiting.pk} " in page.locator(".orders").inner_text()
