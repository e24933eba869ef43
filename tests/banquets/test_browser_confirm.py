"""On a phone, a clerk approves from the filtered queue and is told which booking, then
cancels an approved wedding only after giving a reason and confirming."""

import pytest
from playwright.sync_api import expect

from banquets import services
from banquets.models import Status
from tests.banquets.conftest import make_request
from tests.conftest import save_screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_approves_then_cancels_only_with_a_reason_and_a_yes(net, canteen,
                                                                    browser_login, live_server):
    wedding = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)
    named = (f"{net.h11.head_name} {wedding.date.month}月{wedding.date.day}日 "
             f"{wedding.get_occasion_display()} {wedding.tables}桌")
    page = browser_login(net.station_staff, viewport=(390, 844))
    page.goto(f"{live_server.url}/banquets/queue/?status=submitted")
    page.locator(f"#booking-{wedding.pk} button.primary").click()
    page.wait_for_url("**/banquets/queue/?status=submitted")
    expect(page.locator(".messages")).to_contain_text(f"已批准 {named}")
    save_screenshot(page, "banquets-queue-approved-phone")

    page.goto(f"{live_server.url}/banquets/queue/?status=approved")
    card = page.locator(f"#booking-{wedding.pk}")
    confirm = card.get_by_role("button", name="确认取消")
    expect(confirm).to_be_hidden()  # the one tap only opens the panel
    card.locator("details.confirm summary").click()
    expect(confirm).to_be_visible()
    confirm.click()  # without a reason the browser keeps the form
    page.once("dialog", lambda dialog: dialog.dismiss())
    card.locator("input[name=reason]").fill("当日草原防火戒严")
    confirm.click()  # and a "no" to the question sends nothing
    wedding.refresh_from_db()
    assert wedding.status == Status.APPROVED
    save_screenshot(page, "banquets-queue-cancel-confirm-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.once("dialog", lambda dialog: dialog.accept())
    confirm.click()
    page.wait_for_url("**/banquets/queue/?status=approved")
    expect(page.locator(".messages")).to_contain_text(f"已取消 {named}")
    wedding.refresh_from_db()
    assert wedding.status == Status.CANCELLED and wedding.reason == "当日草原防火戒严"
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
