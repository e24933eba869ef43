"""In a browser, in Mongolian: the public board and the voting page on a phone (390×844) and the
printouts at A4 (794×1123: the certificate, the door cards, the station QR sheet), each drawn
with the Mongolian font the site serves ("Practice Mongolian"), never wider than the screen, the
printouts with their Mongolian set in vertical lines beside the Chinese. Screenshots are kept."""

import pytest
from django.conf import settings
from django.urls import reverse

from honours import services
from honours.models import HonourKind
from practice.language import MONGOLIAN
from practice.models import Household, Unit
from tests.conftest import save_screenshot
from tests.mongolian_pages import prefer_mongolian, served_font_draws

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = (390, 844)
A4 = (794, 1123)
WODE_MN = "ᠣᠳᠣ ᠭᠠᠴᠠᠭ\u180eᠠ"
CHARSU_MN = "ᠴᠠᠭᠠᠷᠰᠤ ᠪᠠᠯᠭᠠᠰᠤ"


def _named(net):
    Unit.objects.filter(pk=net.v11.pk).update(name_mn=WODE_MN)
    Unit.objects.filter(pk=net.t1.pk).update(name_mn=CHARSU_MN)


def _in_mongolian(context, live_server):
    prefer_mongolian(context, live_server.url)


def _drawn_with_served_font(page, text):
    assert served_font_draws(page, text), "the served Mongolian font did not draw it"
    family = page.evaluate(
        "t => { const el = [...document.querySelectorAll('body *')].find(e => "
        "[...e.childNodes].some(n => n.nodeType === 3 && n.textContent.includes(t))); "
        "return el ? getComputedStyle(el).fontFamily : '' }", text)
    assert "Practice Mongolian" in family, family


def _no_horizontal_overflow(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _phone(browser, live_server):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]},
                                  locale="zh-CN")
    _in_mongolian(context, live_server)
    return context, context.new_page()


def test_the_public_board_on_a_phone_in_mongolian(net, in_notice, browser, live_server):
    _named(net)
    services.honour_award(actor=net.station_staff, village=net.v11, year=in_notice.year,
                          kind=HonourKind.BEAUTIFUL_FAMILY, person_name="包金山")
    context, page = _phone(browser, live_server)
    page.goto(f"{live_server.url}{reverse('honours:board', args=[net.v11.pk])}")
    assert page.locator("html").get_attribute("lang") == MONGOLIAN
    heading = page.locator("h1").inner_text()
    assert WODE_MN in heading and CHARSU_MN in heading
    page.locator("details.objection summary").first.click()
    _drawn_with_served_font(page, "ᠣᠯᠠᠨ\u202fᠳᠤ ᠵᠠᠷᠯᠠᠬᠤ")
    _no_horizontal_overflow(page, PHONE[0])
    save_screenshot(page, "honours-board-phone-mongolian")
    page.goto(f"{live_server.url}{reverse('honours:board', args=[net.t1.pk])}")
    assert WODE_MN in page.locator(".tiles").inner_text()
    _no_horizontal_overflow(page, PHONE[0])
    save_screenshot(page, "honours-township-board-phone-mongolian")
    context.close()


def test_the_voting_page_on_a_phone_in_mongolian_with_its_error(net, open_evaluation, browser,
                                                                 live_server):
    evaluation, codes = open_evaluation(2)
    context, page = _phone(browser, live_server)
    page.goto(f"{live_server.url}{reverse('honours:vote', args=[evaluation.pk])}")
    _drawn_with_served_font(page, "ᠰᠠᠨᠠᠯ\u202fᠢᠶᠠᠨ ᠥᠭᠭᠦᠬᠦ")
    _no_horizontal_overflow(page, PHONE[0])
    save_screenshot(page, "honours-vote-phone-mongolian")
    page.fill("input[name=code]", "WRONG1")
    page.check("input[value=satisfied]")
    page.click("button[type=submit]")
    error = page.locator(".messages .msg").first.inner_text()
    assert "ᠡᠨᠡ ᠨᠢᠭᠤᠴᠠ ᠳ᠋ᠤᠭᠠᠷ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ" in error
    _drawn_with_served_font(page, "ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ")
    _no_horizontal_overflow(page, PHONE[0])
    save_screenshot(page, "honours-vote-error-phone-mongolian")
    page.fill("input[name=code]", codes[0][1])
    page.check("input[value=satisfied]")
    page.click("button[type=submit]")
    assert "ᠪᠦᠷᠢᠳᠬᠡᠪᠡ" in page.locator(".ok").inner_text()
    context.close()


def _vertical_block(page, selector=".mong-vertical"):
    block = page.locator(selector).first
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    box = block.bounding_box()
    assert box["height"] > box["width"] or box["height"] > 100
    return block


def _a4(page):
    page.set_viewport_size({"width": A4[0], "height": A4[1]})
    page.emulate_media(media="print")


@pytest.mark.parametrize("chosen", ["zh-hans", MONGOLIAN])
def test_the_certificate_at_a4_with_vertical_mongolian(net, browser, live_server, chosen):
    _named(net)
    honour = services.honour_award(actor=net.station_staff, village=net.v11, year=2025,
                                   kind=HonourKind.BEAUTIFUL_FAMILY, person_name="包金山")
    context = browser.new_context(viewport={"width": A4[0], "height": A4[1]}, locale="zh-CN")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": chosen,
                          "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('honours:certificate', args=[net.v11.pk, honour.pk])}")
    _a4(page)
    block = _vertical_block(page)
    assert "ᠬᠦᠨᠳᠦᠯᠡᠯ\u202fᠦᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ" in block.inner_text()
    assert WODE_MN in block.inner_text()
    assert "荣誉证书" in page.locator(".zh h1").inner_text()
    _drawn_with_served_font(page, "ᠬᠦᠨᠳᠦᠯᠡᠯ")
    _no_horizontal_overflow(page, A4[0])
    sheet = page.locator(".sheet").bounding_box()
    inner = block.bounding_box()
    assert inner["y"] + inner["height"] <= sheet["y"] + sheet["height"]
    save_screenshot(page, f"honours-certificate-a4-{chosen}")
    context.close()


def test_door_cards_at_a4_with_vertical_mongolian(net, browser_login, live_server):
    _named(net)
    for i in range(2, 5):
        Household.objects.create(village=net.v11, number=f"T1V1-{i:04d}", head_name=f"户主{i}")
    page = browser_login(net.station_staff, viewport=A4)
    page.goto(f"{live_server.url}{reverse('practice:door-cards')}?village={net.v11.pk}")
    _a4(page)
    block = _vertical_block(page, ".door-card .mong-vertical")
    assert WODE_MN in block.inner_text() and CHARSU_MN in block.inner_text()
    _drawn_with_served_font(page, "ᠰᠢᠷᠪᠢᠨ")
    card = page.locator(".door-card").first.bounding_box()
    box = block.bounding_box()
    assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"] + 1
    assert box["y"] + box["height"] <= card["y"] + card["height"] + 1
    _no_horizontal_overflow(page, A4[0])
    save_screenshot(page, "door-cards-a4-mongolian")


def test_the_station_qr_sheet_at_a4_with_vertical_mongolian(net, browser_login, live_server):
    _named(net)
    page = browser_login(net.station_staff, viewport=A4)
    page.goto(f"{live_server.url}{reverse('volunteers:qr-codes')}")
    _a4(page)
    block = _vertical_block(page, ".qr-tile .mong-vertical")
    assert WODE_MN in block.inner_text()
    _drawn_with_served_font(page, "ᠰᠢᠷᠪᠢᠵᠦ")
    tile = page.locator(".qr-tile").first.bounding_box()
    box = block.bounding_box()
    assert box["x"] + box["width"] <= tile["x"] + tile["width"] + 1
    _no_horizontal_overflow(page, A4[0])
    save_screenshot(page, "station-qr-sheet-a4-mongolian")
