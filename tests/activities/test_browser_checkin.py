"""On a phone, a volunteer opens the activity's QR link and checks in, then out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import save_screenshot
from volunteers import activity_services
from volunteers.models import Attendance, HoursSource


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_volunteer_on_a_phone_checks_in_with_the_qr_link(vnet, plan, browser_login,
                                                           live_server):
    act = plan(title="人居环境整治", starts_at=timezone.now() - timedelta(minutes=10))
    link = f"{live_server.url}/volunteers/a/{activity_services.checkin_token(act)}/"
    page = browser_login(vnet.volunteer, viewport=(390, 844))
    page.goto(link)
    assert page.locator("h1").inner_text() == "人居环境整治"
    page.get_by_role("button", name="签到").click()
    page.wait_for_load_state()
    assert "签到成功" in page.locator(".messages").inner_text()
    assert "签到" in page.locator("#checkin-state").inner_text()
    # Phone-first: nothing wider than the screen, a thumb-sized button.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.get_by_role("button", name="签退").bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44
    save_screenshot(page, "activities-checkin-phone")
    page.get_by_role("button", name="签退").click()
    page.wait_for_load_state()
    assert "已完成" in page.locator("#checkin-state").inner_text()
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
    att = Attendance.objects.get(activity=act, volunteer=vnet.vol)
    assert att.check_in_method == "qr" and att.hours_source == HoursSource.VERIFIED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_expired_link_explains_itself_on_the_phone(vnet, act, browser_login, live_server):
    page = browser_login(vnet.volunteer, viewport=(390, 844))
    page.goto(f"{live_server.url}/volunteers/a/{activity_services.checkin_token(act)}x/")
    assert "二维码无效" in page.locator("#checkin-error").inner_text()
