"""Each role's phone menu: its main tasks as large buttons on the home page, and a menu that
shows every page without hidden sideways scrolling, on a phone and on a desktop."""

import pytest

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FITS = """(sel) => [...document.querySelectorAll(sel)].filter(a => {
  const r = a.getBoundingClientRect();
  return r.left < 0 || r.right > window.innerWidth + 0.5 || a.scrollWidth > a.clientWidth + 1;
}).map(a => a.innerText)"""


@pytest.mark.parametrize("who", ["villager", "station_staff", "township_staff"])
def test_the_phone_menu_shows_every_page_and_the_home_its_main_tasks(net, browser_login,
                                                                     live_server, who):
    page = browser_login(getattr(net, who), viewport=(390, 844))
    page.goto(f"{live_server.url}/")
    main = page.locator(".main-tasks a.tile")
    assert 1 <= main.count() <= 4
    assert all(main.nth(i).bounding_box()["height"] >= 60 for i in range(main.count()))
    links = page.locator(".menu-grid a")
    assert not links.first.is_visible()  # closed until tapped
    page.get_by_text("菜单", exact=True).click()
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.evaluate(FITS, ".menu-grid a") == []
    labels = {links.nth(i).inner_text() for i in range(links.count())}
    more = page.locator(".main-tasks a, .more-tasks a")
    assert labels == {more.nth(i).inner_text() for i in range(more.count())}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, f"menu-{who}-phone")


def test_the_desktop_menu_wraps_instead_of_scrolling(net, browser_login, live_server):
    page = browser_login(net.station_staff, viewport=(1024, 768))
    page.goto(f"{live_server.url}/")
    wide = page.locator(".menu-wide a")
    assert wide.count() >= 5 and all(wide.nth(i).is_visible() for i in range(wide.count()))
    assert page.evaluate(FITS, ".menu-wide a") == []
    assert not page.locator(".menu-phone").is_visible()
    save_screenshot(page, "menu-station-staff-desktop")
