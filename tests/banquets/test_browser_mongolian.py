"""A household reads its bookings on a phone in Mongolian, drawn with the served font; the rules
notice prints on A4 with the Mongolian set vertically beside the Chinese."""

import pytest

from banquets import services
from practice.language import MONGOLIAN
from tests.banquets.conftest import make_request
from tests.conftest import save_screenshot
from tests.mongolian_pages import choose_mongolian, drawn_with_the_served_font


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_bookings_on_a_phone_in_mongolian(net, canteen, banner_rules, browser_login,
                                             live_server):
    services.booking_create(household=net.h11, canteen=canteen, request=make_request(),
                            actor=net.villager)
    page = browser_login(net.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/banquets/mine/")
    choose_mongolian(page)
    assert page.locator("html").get_attribute("lang") == MONGOLIAN
    assert page.locator("h1").inner_text() == "ᠮᠢᠨᠤ ᠵᠠᠬᠢᠶᠠᠯ"  # My bookings
    assert "ᠬᠤᠷᠢᠮ" in page.locator(".booking h2").inner_text()  # Wedding
    drawn_with_the_served_font(page, ".booking h2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "banquets-my-bookings-mongolian-phone")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_booking_form_on_a_phone_in_mongolian(net, canteen, banner_rules, soon,
                                                  browser_login, live_server):
    page = browser_login(net.villager, viewport=(390, 844))
    page.goto(f"{live_server.url}/banquets/")
    choose_mongolian(page)
    page.select_option("select[name=canteen]", str(canteen.pk))
    page.select_option("select[name=occasion]", "wedding")
    page.fill("input[name=date]", soon.isoformat())
    page.fill("input[name=tables]", "11")
    page.fill("input[name=dishes_per_table]", "6")
    page.fill("input[name=gift_limit]", "100")
    problems = page.locator("#problems li[data-field=tables]")
    problems.wait_for()
    assert "ᠰᠢᠷᠡᠭᠡ" in problems.inner_text()  # "No more than 10 tables may be laid."
    drawn_with_the_served_font(page, "#problems li")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "banquets-booking-form-mongolian-phone")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_rules_notice_on_a4_with_vertical_mongolian(net, canteen, banner_rules,
                                                        browser_login, live_server):
    page = browser_login(net.villager, viewport=(794, 1123))
    page.goto(f"{live_server.url}/banquets/notice/")
    page.emulate_media(media="print")
    block = page.locator("#notice-mongolian")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    drawn_with_the_served_font(page, "#notice-mongolian h2")
    box = block.bounding_box()
    assert box["height"] > box["width"] / 2 and box["x"] + box["width"] <= 794
    assert "婚礼" in page.locator(".notice-chinese").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 794
    save_screenshot(page, "banquets-notice-bilingual-a4")
