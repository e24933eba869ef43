"""Cancelling a service order asks first and needs a reason, which the timeline keeps."""

import pytest

from volunteers.models import OrderStatus

pytestmark = pytest.mark.django_db


def test_the_order_page_asks_for_a_reason_and_a_confirmation(vnet, web, place):
    order = place()
    html = web(vnet.villager).get(f"/volunteers/orders/{order.pk}/").content.decode()
    start = html.index('<details class="confirm">')
    panel = html[start:html.index("</details>", start)]
    assert 'value="cancel"' in panel and 'data-confirm="确定取消这个订单吗' in panel
    assert '<input name="reason" required' in panel and "确认取消" in panel


def test_a_one_tap_cancel_cancels_nothing(vnet, web, place):
    order = place()
    r = web(vnet.villager).post(f"/volunteers/orders/{order.pk}/", {"action": "cancel"},
                                follow=True)
    assert "请填写取消订单的理由" in r.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


def test_with_a_reason_the_order_is_cancelled_and_the_reason_kept(vnet, web, place):
    order = place()
    r = web(vnet.villager).post(f"/volunteers/orders/{order.pk}/",
                                {"action": "cancel", "reason": "孩子回来给奶奶理了"}, follow=True)
    html = r.content.decode()
    assert "订单已取消。" in html and "孩子回来给奶奶理了" in html
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_the_api_refuses_a_cancel_without_a_reason(vnet, api, place):
    order = place()
    r = api(vnet.villager).post(f"/api/orders/{order.pk}/cancel/", {}, format="json")
    assert r.status_code == 400 and "请填写取消订单的理由" in r.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED
