"""In a browser at phone and desktop size: the canteen calendar has weekday headings over its
columns and past days greyed as 已过, without tables left."""

import pytest

from banquets.selectors import today as local_today
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": (390, 844), "desktop": (1366, 768)}


@pytest.mark.parametrize("size", SIZES)
def test_the_calendar_reads_by_weekday_and_past_days_are_past(
    net, canteen, live_server, browser_login, size
):
    width, height = SIZES[size]
    page = browser_login(net.villager, viewport=(width, height))
    page.goto(f"{live_server.url}/banquets/calendar/?canteen={canteen.pk}")
    headings = page.locator("li.weekday")
    assert headings.all_inner_texts() == list("一二三四五六日")
    # Each heading stands over its column: Monday's heading and a Monday share their left edge.
    today = local_today()
    monday = today.replace(day=1 + (7 - today.replace(day=1).weekday()) % 7)
    day = page.locator(f'li.day[data-date="{monday:%Y-%m-%d}"]').bounding_box()
    assert abs(headings.first.bounding_box()["x"] - day["x"]) < 1
    for cell in page.locator("li.day.past").all():
        assert "已过" in cell.inner_text() and "剩" not in cell.inner_text()
    if today.day > 1:
        assert page.locator("li.day.past").count() == today.day - 1
    save_screenshot(page, f"banquets-calendar-{size}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
