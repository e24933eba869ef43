"""On a phone, without an account: choose the village (the page shows its teams), fill in the
form, send it and land on the application's own page; the station then approves it on its
phone."""

import pytest

from tests.conftest import save_screenshot
from volunteers.models import Volunteer, VolunteerApplication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_owner_applies_and_the_station_approves(vnet, browser, live_server,
                                                        browser_login):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/volunteers/apply/")
    assert page.locator("#apply-form").count() == 0
    with page.expect_navigation():
        page.select_option("#id_village", str(vnet.v11.pk))  # the page reloads with its teams
    assert "沃德嘎查巾帼志愿服务队" in page.inner_text("#teams")
    assert "努古斯台镇乌兰牧骑" not in page.inner_text("#teams")
    page.click("#apply-submit")  # nothing filled in: told what is missing, in Chinese
    assert "请填写您的姓名。" in page.inner_text("#apply-form")
    page.fill("#id_name", "萨仁")
    page.fill("#id_phone", "135 0000 9999")
    page.check(f"#teams input[value='{vnet.team.pk}']")
    page.check("input[name=service_categories][value=elderly]")
    page.fill("#id_free_time", "周末")
    page.select_option("#id_political_status", "masses")
    save_screenshot(page, "volunteers-apply-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#apply-submit")
    page.wait_for_selector("#application-status")
    assert page.inner_text("#application-status") == "待审批"
    status_url = page.url
    application = VolunteerApplication.objects.get(phone="13500009999")
    assert list(application.teams.all()) == [vnet.team]

    staff = browser_login(vnet.station_staff)
    staff.goto(f"{live_server.url}/volunteers/staff/applications/")
    card = staff.locator(f"#application-{application.pk}")
    assert "萨仁" in card.inner_text()
    assert staff.evaluate("document.documentElement.scrollWidth") <= 390
    card.locator("button.primary").click()
    staff.wait_for_load_state()
    assert "已通过：萨仁" in staff.inner_text(".messages")
    assert Volunteer.objects.get(phone="13500009999").teams.filter(pk=vnet.team.pk).exists()

    page.goto(status_url)
    assert page.inner_text("#application-status") == "已批准"
    assert errors == []
    context.close()
