"""A volunteer at a remote stop without signal: the check-in is queued on the phone with the
phone's time and sent when the connection returns, after the QR link has expired: accepted,
marked offline, once however often it is sent."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import go_offline, go_online, save_screenshot
from volunteers import activity_services
from volunteers.models import Attendance

from .test_offline_check_in import token_made

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READY = "html[data-offline-ready='1']"


def test_a_check_in_queued_while_valid_is_accepted_after_expiry(vnet, plan, browser_login,
                                                                 live_server):
    now = timezone.now()
    today = plan(title="人居环境整治")
    remote = plan(title="牧区政策宣讲", starts_at=now - timedelta(hours=25),
                  ends_at=now - timedelta(hours=23))
    page = browser_login(vnet.volunteer, viewport=(390, 844))
    # Once online: any check-in page makes the phone keep the check-in for offline use.
    page.goto(f"{live_server.url}/volunteers/a/{activity_services.checkin_token(today)}/")
    page.locator(READY).wait_for(state="attached")
    context = page.context

    # Yesterday at the remote stop, 20 minutes after the staff showed the QR code (which has
    # expired since, 24 hours on): no signal.
    token = token_made(remote, timedelta(hours=24, minutes=30))
    scanned_at = now - timedelta(hours=24, minutes=10)
    context.clock.set_fixed_time(scanned_at)
    go_offline(context)
    page.goto(f"{live_server.url}/volunteers/a/{token}/")
    page.get_by_role("button", name="签到").click()
    expect(page.locator("#offline-queue-count")).to_have_text("1")
    assert "待上传" in page.locator("#offline-queue").inner_text()
    save_screenshot(page, "activities-offline-checkin-queued")
    assert not Attendance.objects.exists()

    go_online(context)
    done = page.locator("#offline-queue-list li[data-status=done]")
    expect(done).to_have_count(1, timeout=15000)
    assert "离线签到" in done.inner_text()
    expect(page.locator("#offline-queue-count")).to_have_text("0")
    for _i in range(2):  # the queue sent twice more: still one attendance
        page.evaluate("window.civicOfflineQueue.replayAnswered()")
    att = Attendance.objects.get()
    assert att.activity == remote and att.offline and att.offline_confirmed_at is None
    assert abs(att.checked_in_at - scanned_at) < timedelta(seconds=2)
    save_screenshot(page, "activities-offline-checkin-sent")


def test_staff_confirm_an_offline_check_in_on_the_activity_page(vnet, act, browser_login,
                                                                 live_server):
    token = token_made(act, timedelta(minutes=40))
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token,
                                          offline_at=timezone.now() - timedelta(minutes=30))
    page = browser_login(vnet.station_staff, viewport=(1280, 900))
    page.goto(f"{live_server.url}/volunteers/activities/{act.pk}/")
    mark = page.locator(f".offline-mark[data-volunteer='{vnet.vol.pk}']")
    expect(mark).to_have_text("离线")
    page.click(f"#confirm-offline-{vnet.vol.pk}")
    expect(mark).to_have_text("离线，已确认")
    assert Attendance.objects.get().offline_confirmed_by == vnet.station_staff
