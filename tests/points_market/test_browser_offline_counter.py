"""The counter without a network (Playwright's offline mode): weigh-ins and redemptions taken
offline wait in the browser's queue ("待上传"), survive closing the page, are sent when the
connection returns, and count once however often the queue is sent again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from points_market.models import Account, Deposit, Product, Redemption
from points_market.services import redemption_record
from practice.models import Household
from tests.conftest import go_offline, go_online, save_screenshot

from .conftest import credit, make_market

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = (820, 1180)
READY = "html[data-offline-ready='1']"  # the service worker runs, this page is kept


def _queue(page):
    return page.locator("#offline-queue-count")


def test_three_households_weighed_in_offline_are_credited_once(net, browser_login,
                                                               live_server):
    market = make_market(net)
    households = [net.h11,
                  Household.objects.create(village=net.v11, number="T1V1-0002",
                                           head_name="乌云其木格"),
                  Household.objects.create(village=net.v11, number="T1V1-0003",
                                           head_name="巴特尔")]
    for h in households:  # served here this month: the counter keeps their balances
        credit(net, market, h, 1)  # 8 points each
    page = browser_login(net.station_staff, viewport=TABLET)
    page.goto(f"{live_server.url}/points/cashier/")  # the one visit online
    page.locator(READY).wait_for(state="attached")
    context = page.context
    started = timezone.now()

    go_offline(context)
    for i, h in enumerate(households):
        page.goto(f"{live_server.url}/points/cashier/households/{h.pk}/")
        # never opened on this device: the kept counter, filled in from the station's data
        expect(page.locator("#counter[data-shell]")).to_have_count(1)
        expect(page.locator("#household-name")).to_have_text(h.head_name)
        expect(page.locator("#balance")).to_have_text("8")
        expect(page.locator("#balance-note")).to_have_text("(最近一次联网时的余额)")
        page.fill(f"#weight_{market.newspaper.pk}", str(10 + i))  # 80, 88, 96 points
        page.click("#confirm-deposit")
        expect(_queue(page)).to_have_text(str(i + 1))
    assert "待上传" in page.locator("#offline-queue").inner_text()
    save_screenshot(page, "points-offline-queue")
    assert Deposit.objects.filter(received_at__gte=started).count() == 0

    page.close()  # closed, and opened again, still offline: the queue is still there
    page = context.new_page()
    page.goto(f"{live_server.url}/points/cashier/households/{households[0].pk}/")
    expect(_queue(page)).to_have_text("3")
    weighed_before = timezone.now()

    go_online(context)  # the connection returns: the queue is sent
    expect(_queue(page)).to_have_text("0", timeout=15000)
    expect(page.locator("#offline-queue-list li[data-status=done]")).to_have_count(3)
    new = Deposit.objects.filter(received_at__gte=started).order_by("weighed_at")
    assert [(d.household_id, d.points) for d in new] == [
        (households[0].pk, 80), (households[1].pk, 88), (households[2].pk, 96)]
    for d in new:  # the device's time of weighing, before it reached the server
        assert started - timedelta(seconds=5) <= d.weighed_at <= weighed_before
        assert d.weighed_at < d.received_at
    listed = page.locator("#offline-queue-list").inner_text()
    assert "已上传入账" in listed and f"单号 {new[0].pk}" in listed and "余额 88" in listed

    for _i in range(2):  # the queue sent twice more: still three
        page.evaluate("window.civicOfflineQueue.replayAnswered()")
    assert Deposit.objects.filter(received_at__gte=started).count() == 3
    assert [Account.objects.get(household=h).balance for h in households] == [88, 96, 104]


def test_a_redemption_refused_on_return_changes_nothing(net, browser_login, live_server):
    market = make_market(net)
    credit(net, market, net.h11, 100)  # 800 points
    page = browser_login(net.station_staff, viewport=TABLET)
    counter = f"{live_server.url}/points/cashier/households/{net.h11.pk}/"
    page.goto(counter)
    page.locator(READY).wait_for(state="attached")
    go_offline(page.context)
    page.reload()
    page.fill(f"input[name=qty_{market.p11_oil.pk}]", "1")  # 600 points
    page.click("#confirm-redeem")
    expect(_queue(page)).to_have_text("1")
    # Meanwhile another counter spent 300 of the household's points: 500 left.
    redemption_record(net.h11, actor=net.station_staff,
                      lines=[{"product": market.p11_vinegar.pk, "quantity": 5}])

    go_online(page.context)
    refused = page.locator("#offline-queue-list li[data-status=refused]")
    expect(refused).to_have_count(1, timeout=15000)
    assert "被拒绝" in refused.inner_text() and "积分不足" in refused.inner_text()
    expect(_queue(page)).to_have_text("0")
    save_screenshot(page, "points-offline-refused")
    assert Redemption.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 500
    assert Product.objects.get(pk=market.p11_oil.pk).stock == 10
