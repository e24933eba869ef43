"""In a browser at phone and desktop size: anyone objects on the public board to a rating in
its notice period (a refused phone number first, said in Chinese beside the field), and the
station's staff find the objection with the objector's name and phone."""

import pytest

from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": (390, 844), "desktop": (1366, 768)}


@pytest.mark.parametrize("size", SIZES)
def test_someone_objects_on_the_board_and_the_station_sees_it(
    net, in_notice, browser, live_server, browser_login, size
):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/board/units/{net.v11.pk}/")
    assert page.locator("h2", has_text="十星级文明户").count() == 1  # only the notice's heading
    item = page.locator(f"#notice-{in_notice.pk}")
    item.locator("summary", has_text="提出异议").click()
    item.locator("input[name=objector_name]").fill("乌云其其格")
    item.locator("input[name=objector_phone]").fill("1391234")
    item.locator("textarea[name=text]").fill("该户去年办过寿宴")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()
    item = page.locator(f"#notice-{in_notice.pk}")
    assert "请输入有效的大陆手机号码" in item.inner_text()
    assert item.locator("textarea[name=text]").input_value() == "该户去年办过寿宴"
    save_screenshot(page, f"honours-board-objection-refused-{size}")
    item.locator("input[name=objector_phone]").fill("13912345678")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "您的异议已收到" in page.inner_text(".messages")
    body = page.inner_text("body")
    assert "乌云其其格" not in body and "13912345678" not in body
    save_screenshot(page, f"honours-board-objection-{size}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

    staff = browser_login(net.station_staff, viewport=(width, height))
    staff.goto(f"{live_server.url}/board/stars/{net.h11.pk}/{in_notice.year}/")
    assert "乌云其其格" in staff.inner_text(".objector")
    assert "13912345678" in staff.inner_text(".objector")
    save_screenshot(staff, f"honours-objection-staff-{size}")
