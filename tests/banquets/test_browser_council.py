"""On a phone, a member of the red-and-white council opens the queue from the home page,
approves one booking and rejects another only after giving the reason and confirming; the
page fits the screen, in Chinese and in Mongolian."""

import datetime

import pytest
from django.conf import settings
from playwright.sync_api import expect

from banquets import services
from banquets.models import Status
from institutions.models import Council, CouncilKind, CouncilMember, Seat
from practice.language import MONGOLIAN
from practice.models import Household
from practice.roles import Role
from tests.banquets.conftest import make_request
from tests.conftest import save_screenshot
from tests.factories import make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_decides_on_a_phone(net, canteen, browser_login, live_server):
    household = Household.objects.create(village=net.v11, number="T1V1-0201", head_name="白音")
    member = make_user("rw_member", Role.VILLAGER, net.v11, household, real_name="白音")
    council = Council.objects.create(village=net.v11, kind=CouncilKind.RED_WHITE)
    CouncilMember.objects.create(council=council, user=member, seat=Seat.CHAIR,
                                 term_starts=datetime.date(2024, 1, 1))
    wedding = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)
    birthday = services.booking_create(
        household=net.h11, canteen=canteen, actor=net.villager,
        request=make_request(occasion="birthday", kind="tea_party", tables=3))

    page = browser_login(member, viewport=(390, 844))
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="理事会审批").first.click()
    page.wait_for_url("**/banquets/council/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "banquets-council-queue-phone")

    page.locator(f"#booking-{wedding.pk} button.primary").click()
    page.wait_for_url("**/banquets/council/")
    expect(page.locator(".messages")).to_contain_text("已批准")
    expect(page.locator(f"#booking-{wedding.pk}")).to_have_count(0)  # decided: off the queue

    card = page.locator(f"#booking-{birthday.pk}")
    send = card.get_by_role("button", name="驳回")
    expect(send).to_be_hidden()  # one tap only opens the panel
    card.locator("details.confirm summary").click()
    card.locator("input[name=reason]").fill("寿宴只办茶话会，桌数超了")
    page.once("dialog", lambda dialog: dialog.accept())
    send.click()
    page.wait_for_url("**/banquets/council/")
    wedding.refresh_from_db()
    birthday.refresh_from_db()
    assert wedding.status == Status.APPROVED and wedding.decided_by == member
    assert birthday.status == Status.REJECTED and birthday.reason == "寿宴只办茶话会，桌数超了"

    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": MONGOLIAN,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/banquets/council/")
    expect(page.locator("h1")).to_contain_text("ᠵᠥᠪᠯᠡᠯ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "banquets-council-queue-phone-mongolian")
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
