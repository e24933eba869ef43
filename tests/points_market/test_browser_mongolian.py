"""A villager reads their points and a receipt on a phone in Mongolian, drawn with the served
font; the price poster and the receipt print on A4 with the Mongolian set vertically beside the
Chinese."""

import pytest

from practice.language import MONGOLIAN
from tests.conftest import save_screenshot
from tests.mongolian_pages import choose_mongolian, drawn_with_the_served_font
from tests.points_market.conftest import credit, make_market

OIL_MN = "ᠢᠳᠡᠭᠡᠨ\u202fᠦ ᠲᠣᠰᠤ"


@pytest.fixture
def market_with_trade(net):
    market = make_market(net)
    market.p11_oil.name_mn = OIL_MN
    market.p11_oil.save()
    credit(net, market, net.h11, 20)
    return market


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_points_on_a_phone_in_mongolian(net, market_with_trade, browser_login, live_server):
    page = browser_login(net.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/points/my/")
    choose_mongolian(page)
    assert page.locator("html").get_attribute("lang") == MONGOLIAN
    heading = page.locator("h1").inner_text()
    assert "ᠮᠢᠨᠤ" in heading  # "My household's points"
    assert OIL_MN in page.locator(".pm-shelf").first.inner_text()
    drawn_with_the_served_font(page, "h1")
    # Nothing wider than the phone: Mongolian runs in horizontal lines, broken between words.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "points-my-points-mongolian-phone")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_price_poster_on_a4_with_vertical_mongolian(net, market_with_trade, browser_login,
                                                        live_server):
    page = browser_login(net.villager, viewport=(794, 1123))
    page.goto(f"{live_server.url}/points/supermarkets/{market_with_trade.shop11.pk}/poster/")
    page.emulate_media(media="print")
    block = page.locator("#poster-mongolian")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    assert OIL_MN in block.inner_text()
    drawn_with_the_served_font(page, "#poster-mongolian h2")
    box = block.bounding_box()
    assert box["height"] > box["width"] / 2 and box["x"] + box["width"] <= 794
    # The Chinese beside it.
    assert "积分兑换价目表" in page.locator(".pm-chinese").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 794
    save_screenshot(page, "points-poster-bilingual-a4")
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/points/my/")
    choose_mongolian(page)
    page.goto(f"{live_server.url}/points/supermarkets/{market_with_trade.shop11.pk}/poster/")
    page.emulate_media(media="print")
    assert "积分兑换价目表" in page.locator(".pm-chinese").inner_text()
    assert page.locator("#poster-mongolian").evaluate(
        "e => getComputedStyle(e).writingMode") == "vertical-lr"
    save_screenshot(page, "points-poster-bilingual-a4-mongolian-chosen")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_receipt_on_a_phone_in_mongolian_and_on_a4_with_vertical_mongolian(
        net, market_with_trade, browser_login, live_server):
    deposit = credit(net, market_with_trade, net.h11, 5).record
    page = browser_login(net.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/points/my/")
    choose_mongolian(page)
    page.goto(f"{live_server.url}/points/deposits/{deposit.pk}/receipt/")
    block = page.locator("#receipt .pm-mong")
    # On the phone's screen the Mongolian runs in lines above the Chinese, within the screen.
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "horizontal-tb"
    drawn_with_the_served_font(page, "#receipt .pm-mong")
    assert page.locator("#receipt-points").inner_text() == str(deposit.points)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "points-receipt-mongolian-phone")
    page.set_viewport_size({"width": 794, "height": 1123})
    page.emulate_media(media="print")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    assert page.evaluate("document.documentElement.scrollWidth") <= 794
    save_screenshot(page, "points-receipt-bilingual-a4")
