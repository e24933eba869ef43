"""A household books a banquet on a phone and sees what breaks the rules before submitting."""

import pytest
from playwright.sync_api import expect

from banquets.models import Booking
from tests.conftest import save_screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_household_sees_the_rule_broken_before_submitting(net, canteen, soon,
                                                            browser_login, live_server):
    page = browser_login(net.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/banquets/")
    page.select_option("select[name=canteen]", str(canteen.pk))
    page.select_option("select[name=occasion]", "wedding")
    page.fill("input[name=date]", soon.isoformat())
    page.fill("input[name=tables]", "11")
    page.fill("input[name=dishes_per_table]", "7")
    page.fill("input[name=gift_limit]", "100")

    problems = page.locator("#problems")
    expect(problems).to_contain_text("酒席不得超过10桌")
    expect(problems).to_contain_text("每桌菜品不得超过6个")
    expect(page.locator("#fee-value")).to_have_text("440.00")
    assert page.locator("input[name=tables]").get_attribute("aria-invalid") == "true"
    save_screenshot(page, "banquets-booking-violations-phone")
    assert Booking.objects.count() == 0

    page.select_option("select[name=occasion]", "full_month")
    expect(problems.locator("li[data-field=occasion]")).to_contain_text("满月")

    page.select_option("select[name=occasion]", "wedding")
    page.fill("input[name=tables]", "8")
    page.fill("input[name=dishes_per_table]", "6")
    expect(page.locator("#check-ok")).to_be_visible()
    expect(problems.locator("li")).to_have_count(0)
    expect(page.locator("#fee-value")).to_have_text("320.00")
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[type=submit].primary")
    page.wait_for_url("**/banquets/mine/")
    assert "320" in page.content()
    assert Booking.objects.get().tables == 8
    # (The site has no favicon yet: the browser's request for it is the only 404.)
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []
