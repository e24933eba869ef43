"""On a phone: a station clerk scans a household's door card, signs in, lands at the household's
counter and goes on to order a service for it; a stranger's scan shows only the number and
village. The printed page lays out eight cards to an A4 page."""

import re

import pytest
from playwright.sync_api import expect

from practice import door_cards
from practice.models import Household
from tests.conftest import save_screenshot
from tests.factories import PASSWORD
from tests.points_market.conftest import make_market
from volunteers.models import ServiceItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_clerk_scans_a_door_card_signs_in_and_orders_for_the_household(
        net, browser, live_server):
    make_market(net)
    ServiceItem.objects.create(name="老人理发", category="elderly", unit=net.v11)
    url = f"{live_server.url}/h/{door_cards.token_for(net.h11)}/"
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(url)  # the phone's camera opens the card's URL, not yet signed in
    expect(page.locator("#household-number")).to_have_text("T1V1-0001")
    assert "包金山" not in page.content()
    save_screenshot(page, "door-card-scan-signed-out")
    page.click("#login-link")
    page.fill("input[name=username]", net.station_staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/points/cashier/households/{net.h11.pk}/")
    expect(page.locator("h1")).to_contain_text("包金山")
    save_screenshot(page, "door-card-scan-counter")
    page.click("a[data-action='volunteers:assisted-order']")
    page.wait_for_url("**/volunteers/staff/assisted-order/?household=T1V1-0001")
    expect(page.locator("#chosen-household")).to_contain_text("T1V1-0001 · 包金山 · 沃德嘎查")
    page.select_option("select[name=service_item]", label="老人理发（沃德嘎查）")
    page.fill("textarea[name=description]", "老人行动不便，上门理发")
    page.click("#order-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/volunteers/orders/\d+/$"))
    assert "老人理发" in page.content()
    context.close()


def test_the_print_page_lays_out_eight_cards_to_an_a4_page(net, browser_login, live_server):
    for i in range(2, 11):
        Household.objects.create(village=net.v11, number=f"T1V1-{i:04d}", head_name=f"户主{i}")
    page = browser_login(net.station_staff, viewport=(1024, 1400))
    page.goto(f"{live_server.url}/households/door-cards/")
    expect(page.locator(".door-card")).to_have_count(10)
    page.emulate_media(media="print")
    sheets = page.locator(".door-sheet")
    expect(sheets).to_have_count(2)
    first = sheets.nth(0).locator(".door-card").all()
    assert len(first) == 8
    boxes = [c.bounding_box() for c in first]
    columns = sorted({round(b["x"]) for b in boxes})
    rows = sorted({round(b["y"]) for b in boxes})
    assert len(columns) == 2 and len(rows) == 4  # two columns of four
    qr = sheets.nth(0).locator(".door-card-qr svg").first.bounding_box()
    assert qr["width"] > 100 and abs(qr["width"] - qr["height"]) < 2  # square, about 38 mm
    expect(page.locator(".topbar")).to_be_hidden()
    save_screenshot(page, "door-cards-print")
