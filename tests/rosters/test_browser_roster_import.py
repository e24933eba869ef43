"""In a browser on a phone: a station clerk downloads nothing, uploads the village's roster,
reads the preview and confirms; the households and their sign-in accounts are there."""

import pytest

from practice.models import Household, User
from tests.conftest import save_screenshot
from tests.factories import make_network

from .conftest import xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_uploads_previews_and_confirms_on_a_phone(browser_login, live_server, tmp_path):
    net = make_network()
    roster = tmp_path / "沃德嘎查花名册.xlsx"
    roster.write_bytes(xlsx([
        ["T1V1-0001", "包金山", "", "一组", 3, ""],
        ["T1V1-0101", "其其格", "13700009001", "二组", 4, "低保、独居老人"],
        ["T1V1-0102", "图雅", "13700009002", "二组", 2, ""],
    ]).read())
    page = browser_login(net.station_staff, viewport=(390, 844))
    page.goto(f"{live_server.url}/households/import/")
    assert page.get_by_role("link", name="下载模板").is_visible()
    page.set_input_files("#roster-upload input[type=file]", str(roster))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_load_state()
    assert page.locator("#count-new").inner_text() == "2"
    assert page.locator("#count-changed").inner_text() == "1"
    assert page.locator("#count-errors").inner_text() == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "household-roster-preview-phone")
    page.locator("#confirm-import").click()
    page.wait_for_load_state()
    page.wait_for_selector("text=导入完成", timeout=20_000)
    save_screenshot(page, "household-roster-done-phone")
    assert Household.objects.get(number="T1V1-0101").low_income
    assert Household.objects.get(number="T1V1-0001").group == "一组"
    assert User.objects.get(phone="13700009002").household.number == "T1V1-0102"
