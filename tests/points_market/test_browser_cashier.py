"""A cashier records a deposit on a tablet and the printed receipt shows the right points."""

import pytest
from playwright.sync_api import expect

from points_market.models import Account
from tests.conftest import save_screenshot

from .conftest import make_market

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = (820, 1180)


def test_a_cashier_records_a_deposit_on_a_tablet(net, browser_login, live_server):
    market = make_market(net)
    page = browser_login(net.station_staff, viewport=TABLET)
    missing = []
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))
    page.goto(f"{live_server.url}/points/cashier/")
    page.fill("#q", "包金山")
    page.click("button[type=submit].primary")
    page.click(f"a[href='/points/cashier/households/{net.h11.pk}/']")
    page.wait_for_load_state("load")  # counter.js has run

    confirm = page.locator("#confirm-deposit")
    expect(confirm).to_be_disabled()  # nothing weighed yet
    page.fill(f"#weight_{market.newspaper.pk}", "10")
    expect(page.locator("#preview-points")).to_have_text("80")
    page.fill(f"#weight_{market.cardboard.pk}", "3.35")  # two decimals: refused at once
    expect(page.locator("#preview-points")).to_have_text("–")
    expect(confirm).to_be_disabled()
    page.fill(f"#weight_{market.cardboard.pk}", "3.3")
    # 10 × 0.80 + 3.3 × 0.50 = 9.65 yuan → 96 points (rounded down)
    expect(page.locator("#preview-points")).to_have_text("96")
    expect(confirm).to_be_enabled()
    save_screenshot(page, "points-cashier-tablet")

    confirm.click()
    page.wait_for_selector("#receipt")
    assert page.text_content("#receipt-points") == "96"
    assert page.text_content("#receipt-balance") == "96"
    assert "沃德嘎查积分超市" in page.text_content("#receipt")
    save_screenshot(page, "points-receipt-tablet")
    # The browser asks for /favicon.ico on its own; our pages and their files all load.
    assert [url for url in missing if not url.endswith("/favicon.ico")] == []
    assert Account.objects.get(household=net.h11).balance == 96


def test_the_basket_total_follows_the_quantities(net, browser_login, live_server):
    market = make_market(net)
    from points_market.services import deposit_record

    deposit_record(net.h11, actor=net.station_staff,
                   lines=[{"category": market.newspaper.pk, "weight_jin": "100"}])  # 800
    page = browser_login(net.station_staff, viewport=TABLET)
    page.goto(f"{live_server.url}/points/cashier/households/{net.h11.pk}/")
    page.wait_for_load_state("load")
    page.fill(f"input[name=qty_{market.p11_oil.pk}]", "2")
    expect(page.locator("#basket-points")).to_have_text("1200")
    expect(page.locator("#confirm-redeem")).to_be_disabled()  # more than the balance
    page.fill(f"input[name=qty_{market.p11_oil.pk}]", "1")
    page.fill(f"input[name=qty_{market.p11_salt.pk}]", "3")
    expect(page.locator("#basket-points")).to_have_text("660")
    expect(page.locator("#confirm-redeem")).to_be_enabled()
    page.click("#confirm-redeem")
    page.wait_for_selector("#receipt")
    assert page.text_content("#receipt-points") == "660"
    assert page.text_content("#receipt-balance") == "140"
