"""A villager reads the service menu, the order form and their orders in Mongolian on a phone
(390×844), drawn with the font the platform serves, no word broken across lines and nothing
wider than the screen; a volunteer's certificate at A4 sets the Mongolian vertically beside
the Chinese. Screenshots are kept."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation

from practice.language import MONGOLIAN
from tests.conftest import save_screenshot
from tests.mongolian_pages import BROKEN_WORDS, FONT_LOADED, prefer_mongolian, served_font_draws
from volunteers import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM_MN = "ᠥᠲᠡᠭᠦᠰ\u202fᠦᠨ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ"
TEAM_MN = "ᠡᠮᠡᠭᠲᠡᠴᠦᠳ\u202fᠦᠨ ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ\u202fᠶᠢᠨ ᠪᠠᠭ"


def _mongolian(page, live_server):
    prefer_mongolian(page.context, live_server.url)


def _check_phone_page(page, text, name):
    assert page.evaluate("document.documentElement.lang") == MONGOLIAN
    assert served_font_draws(page, text)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    save_screenshot(page, name)


def _gettext(language, msgid):
    with translation.override(language):
        return translation.gettext(msgid)


def test_a_villager_orders_in_mongolian_on_a_phone(vnet, browser_login, live_server):
    vnet.item_v11.name_mn = ITEM_MN
    vnet.item_v11.save()
    vnet.team.name_mn = TEAM_MN
    vnet.team.save()
    order = services.order_place(actor=vnet.villager, service_item=vnet.item_v11,
                                 description="ᠥᠪᠡᠭᠡ ᠳᠤ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ")
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)

    page = browser_login(vnet.villager, viewport=(390, 844))
    _mongolian(page, live_server)
    page.goto(f"{live_server.url}/volunteers/")
    menu_title = _gettext(MONGOLIAN, "Service menu")
    assert menu_title in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=ITEM_MN).count() == 1
    _check_phone_page(page, ITEM_MN, "volunteers-mn-menu-phone")

    page.get_by_role("link", name=ITEM_MN).click()
    page.wait_for_load_state()
    page.fill("textarea[name=description]", "ᠥᠪᠡᠭᠡ ᠳᠤ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ")
    past = timezone.localtime() - timedelta(days=1)
    page.evaluate("v => { const i = document.querySelector('input[name=preferred_time]');"
                  " i.removeAttribute('min'); i.value = v; }", past.strftime("%Y-%m-%dT%H:%M"))
    page.click("#order-form button[type=submit]")
    page.wait_for_load_state()
    error = _gettext(MONGOLIAN, "The preferred time has already passed.")
    assert error in page.locator(".errorlist").inner_text()
    _check_phone_page(page, error, "volunteers-mn-order-form-phone")

    page.goto(f"{live_server.url}/volunteers/my-orders/")
    row = page.locator(".order-row").first.inner_text()
    assert ITEM_MN in row and TEAM_MN in row
    assert _gettext(MONGOLIAN, "Dispatched") in row
    _check_phone_page(page, row, "volunteers-mn-my-orders-phone")

    page.goto(f"{live_server.url}/volunteers/orders/{order.pk}/")
    assert _gettext(MONGOLIAN, "Timeline") in page.content()
    _check_phone_page(page, ITEM_MN, "volunteers-mn-order-phone")
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []


@pytest.mark.parametrize("language", [MONGOLIAN, "zh-hans"])
def test_the_certificate_at_a4_sets_the_mongolian_vertically(vnet, browser_login, live_server,
                                                             language):
    vnet.team.name_mn = TEAM_MN
    vnet.team.save()
    page = browser_login(vnet.volunteer, viewport=(794, 1123))
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/volunteers/volunteers/{vnet.vol.pk}/certificate/")
    block = page.locator("#certificate-mn")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    title = _gettext(MONGOLIAN, "Certificate of volunteer service hours")
    assert title in block.inner_text() and TEAM_MN in block.inner_text()
    assert _gettext("zh-hans", "Certificate of volunteer service hours") in page.locator(
        "#certificate h1").inner_text()
    assert page.evaluate(FONT_LOADED) > 0
    assert page.evaluate("t => document.fonts.check('16px \"Practice Mongolian\"', t)", title)
    # Beside the Chinese, inside the sheet: taller than wide, the sheet no wider than A4.
    box = block.bounding_box()
    assert box["height"] > box["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.emulate_media(media="print")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
    save_screenshot(page, f"volunteers-certificate-a4-{language}")


def test_the_certificate_on_a_phone_runs_the_mongolian_in_lines_within_the_screen(
        vnet, browser_login, live_server):
    page = browser_login(vnet.volunteer, viewport=(390, 844))
    _mongolian(page, live_server)
    page.goto(f"{live_server.url}/volunteers/volunteers/{vnet.vol.pk}/certificate/")
    block = page.locator("#certificate-mn")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "horizontal-tb"
    assert page.evaluate(FONT_LOADED) > 0
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    save_screenshot(page, "volunteers-certificate-phone-mn-mong")
    page.emulate_media(media="print")
    assert block.evaluate("e => getComputedStyle(e).writingMode") == "vertical-lr"
