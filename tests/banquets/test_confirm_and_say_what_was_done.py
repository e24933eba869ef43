"""Cancelling a booking asks first and needs a reason; the queue's moves return to the filtered
list the clerk came from and say which booking they touched."""

import re

import pytest

from banquets import services
from banquets.models import Status
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def wedding(net, canteen):
    return services.booking_create(household=net.h11, canteen=canteen, request=make_request(),
                                   actor=net.villager)


@pytest.fixture
def approved(net, wedding):
    return services.booking_approve(wedding, actor=net.station_staff)


def named(booking):
    """What the clerk reads for the booking: "包金山 5月3日 婚礼 8桌"."""
    return (f"{booking.household.head_name} {booking.date.month}月{booking.date.day}日 "
            f"{booking.get_occasion_display()} {booking.tables}桌")


def test_the_queue_asks_for_a_reason_and_a_confirmation_before_cancelling(net, web, approved):
    html = web(net.station_staff).get("/banquets/queue/?status=approved").content.decode()
    cancel = re.search(r"<details class=\"confirm\">.*?</details>", html, re.S).group(0)
    assert f"/banquets/bookings/{approved.pk}/cancel/" in cancel
    assert "data-confirm=\"确定取消这项预订吗" in cancel
    assert re.search(r"<input name=\"reason\" required", cancel)
    assert "确认取消" in cancel


def test_a_one_tap_cancel_of_an_approved_wedding_cancels_nothing(net, web, approved):
    client = web(net.station_staff)
    r = client.post(f"/banquets/bookings/{approved.pk}/cancel/", follow=True)
    assert "请填写取消预订的理由" in r.content.decode()
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED


def test_a_villager_cancels_with_a_reason_and_reads_it_back(net, web, wedding):
    client = web(net.villager)
    r = client.post(f"/banquets/bookings/{wedding.pk}/cancel/", {"reason": "新郎家改了日子"},
                    follow=True)
    html = r.content.decode()
    assert f"已取消 {named(wedding)}" in html
    assert "新郎家改了日子" in html
    wedding.refresh_from_db()
    assert wedding.status == Status.CANCELLED and wedding.reason == "新郎家改了日子"


def test_approving_returns_to_the_filtered_list_and_names_the_booking(net, web, wedding):
    client = web(net.station_staff)
    came_from = "/banquets/queue/?status=submitted&page=1"
    html = client.get(came_from).content.decode()
    assert 'name="next" value="/banquets/queue/?status=submitted&amp;page=1"' in html
    r = client.post(f"/banquets/bookings/{wedding.pk}/approve/", {"next": came_from})
    assert r.status_code == 302 and r["Location"] == came_from
    html = client.get(r["Location"]).content.decode()
    assert f"已批准 {named(wedding)}" in html
    assert "已保存" not in html
    wedding.refresh_from_db()
    assert wedding.status == Status.APPROVED


def test_a_staff_cancel_with_a_reason_returns_to_the_list_and_says_so(net, web, approved):
    client = web(net.station_staff)
    came_from = "/banquets/queue/?status=approved"
    r = client.post(f"/banquets/bookings/{approved.pk}/cancel/",
                    {"reason": "当日草原防火戒严", "next": came_from})
    assert r["Location"] == came_from
    assert f"已取消 {named(approved)}" in client.get(came_from).content.decode()
    approved.refresh_from_db()
    assert approved.status == Status.CANCELLED


def test_the_api_refuses_a_cancel_without_a_reason(net, api, approved):
    r = api(net.station_staff).post(f"/api/banquets/bookings/{approved.pk}/cancel/", {},
                                    format="json")
    assert r.status_code == 400 and "请填写取消预订的理由" in r.content.decode()
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
