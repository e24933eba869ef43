import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volunteers import services
from volunteers.models import Notification, OrderStatus

pytestmark = pytest.mark.django_db


def test_the_villager_orders_from_the_menu_and_follows_the_order(vnet, web):
    client = web(vnet.villager)
    r = client.get("/volunteers/")
    assert r.status_code == 200 and "老人理发" in r.text and "家电维修" not in r.text
    r = client.get(f"/volunteers/order/?item={vnet.item_v11.pk}")
    assert r.status_code == 200
    r = client.post("/volunteers/order/", {"service_item": vnet.item_v11.pk,
                                           "description": "请帮奶奶理发"}, follow=True)
    assert r.status_code == 200 and "请帮奶奶理发" in r.text
    order = vnet.villager.service_orders.get()
    assert "/volunteers/my-orders/" and str(order.pk) in client.get("/volunteers/my-orders/").text
    r = client.post(f"/volunteers/orders/{order.pk}/", {"action": "cancel", "reason": "不需要了"},
                    follow=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_the_whole_lifecycle_through_the_pages(vnet, web, place):
    order = place()
    staff = web(vnet.station_staff)
    r = staff.get(f"/volunteers/orders/{order.pk}/")
    assert vnet.team.name in r.text
    staff.post(f"/volunteers/orders/{order.pk}/", {"action": "dispatch", "team": vnet.team.pk})
    vol = web(vnet.volunteer)
    assert f"#{order.pk}" in vol.get("/volunteers/team-orders/").text
    vol.post(f"/volunteers/orders/{order.pk}/", {"action": "accept"})
    vol.post(f"/volunteers/orders/{order.pk}/", {"action": "complete", "hours": "2"})
    assert "2.00" in vol.get("/volunteers/time-bank/").text
    villager = web(vnet.villager)
    villager.post(f"/volunteers/orders/{order.pk}/", {"action": "rate", "score": "4"})
    order.refresh_from_db()
    assert order.status == OrderStatus.RATED and order.rating == 4
    r = villager.get(f"/volunteers/orders/{order.pk}/")
    # The timeline: every event, oldest first.
    timeline = r.text.split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    labels = ("群众点单", "已派单", "已接单", "已完成", "已评价")
    assert timeline.count("<li>") == len(labels)
    positions = [timeline.index(f"<strong>{label}</strong>") for label in labels]
    assert positions == sorted(positions)
    assert "<div>2.00 小时</div>" in timeline  # the hours of a completion without a note


def test_a_refused_action_shows_a_chinese_message(vnet, web, accepted):
    r = web(vnet.volunteer2).post(f"/volunteers/orders/{accepted.pk}/", {"action": "accept"},
                                  follow=True)
    assert "当前状态为“已接单”" in r.text


def test_pages_hide_orders_outside_the_users_scope(vnet, web, place):
    order = place()
    assert web(vnet.villager_other).get(f"/volunteers/orders/{order.pk}/").status_code == 404
    assert web(vnet.station_staff_other).get(f"/volunteers/orders/{order.pk}/").status_code == 404
    r = web(vnet.station_staff_other).get("/volunteers/staff/orders/")
    assert f"#{order.pk} " not in r.text


def test_staff_filter_overdue_orders_and_escalate(vnet, web, place):
    from django.utils import timezone

    late, fresh = place(), place()
    type(late).objects.filter(pk=late.pk).update(overdue_at=timezone.now())
    r = web(vnet.township_staff).get("/volunteers/staff/orders/?overdue=on")
    assert f"#{late.pk} " in r.text and f"#{fresh.pk} " not in r.text
    web(vnet.station_staff).post(f"/volunteers/orders/{fresh.pk}/", {"action": "escalate"})
    fresh.refresh_from_db()
    assert fresh.handler_unit == vnet.t1


def test_station_staff_order_for_a_household(vnet, web):
    r = web(vnet.station_staff).post("/volunteers/staff/assisted-order/", {
        "household_number": vnet.h11.number, "service_item": vnet.item_v11.pk,
        "description": "电话点单"}, follow=True)
    assert r.status_code == 200
    order = vnet.h11.service_orders.get()
    assert order.assisted and order.created_by == vnet.station_staff
    timeline = web(vnet.villager).get(f"/volunteers/orders/{order.pk}/").text \
        .split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    assert "<div>工作人员为本户代点单。</div>" in timeline
    r = web(vnet.station_staff).post("/volunteers/staff/assisted-order/", {
        "household_number": vnet.h21.number, "service_item": vnet.item_v11.pk,
        "description": "x"})
    assert "No household" in r.text or "没有" in r.text


def test_each_station_has_a_qr_code_png(vnet, web):
    staff = web(vnet.township_staff)
    assert "T1V1.png" in staff.get("/volunteers/staff/qr/").text
    r = staff.get("/volunteers/qr/T1V1.png")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert staff.get("/volunteers/qr/T2V1.png").status_code == 404
    r = web(vnet.villager).get("/volunteers/s/T1V1/")
    assert r.status_code == 302 and r["Location"].endswith("/volunteers/order/")


def test_the_header_shows_the_unread_count_and_it_can_be_cleared(vnet, web, place):
    place()
    client = web(vnet.station_staff)
    r = client.get("/volunteers/notifications/")
    assert 'id="unread-count">1<' in r.text
    client.post("/volunteers/notifications/read/")
    assert Notification.objects.filter(user=vnet.station_staff, read_at=None).count() == 0


def test_list_pages_have_fixed_query_budgets(vnet, web, place):
    """The order pages ask as often with three times the orders, and a bounded number of
    times."""
    staff, vol, villager = web(vnet.township_staff), web(vnet.volunteer), web(vnet.villager)
    pages = [(staff, "/volunteers/staff/orders/"), (vol, "/volunteers/team-orders/"),
             (villager, "/volunteers/my-orders/")]

    def counts():
        out = []
        for client, url in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    for _ in range(3):
        services.order_dispatch(place(), actor=vnet.station_staff, team=vnet.team)
    few = counts()
    for _ in range(6):
        services.order_dispatch(place(item=vnet.item_t1), actor=vnet.station_staff,
                                team=vnet.team)
    assert counts() == few
    assert max(few) <= 16, few


def _queries(client, url):
    client.get(url)  # warm-up: session, translations
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _accepted_after(vnet, place, returns):
    """An order accepted by ``vnet.vol`` after being returned and dispatched ``returns``
    times (two events each)."""
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    for _ in range(returns):
        services.order_return(order, actor=vnet.station_staff, reason="改派")
        services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(order, actor=vnet.volunteer)
    return order


def test_an_orders_detail_names_its_volunteer_and_each_events_actor(vnet, api, place):
    """The API's detail: the volunteer's name, every event oldest first with its actor's name,
    and as many queries however many events the order has."""
    short, long = _accepted_after(vnet, place, 0), _accepted_after(vnet, place, 4)
    client = api(vnet.station_staff)
    body, few = _queries(client, f"/api/orders/{short.pk}/")
    body = body.json()
    assert body["volunteer"] == {"id": vnet.vol.pk, "name": vnet.vol.name}
    assert [(e["kind"], e["actor"]) for e in body["events"]] == [
        ("placed", str(vnet.villager)), ("dispatched", str(vnet.station_staff)),
        ("accepted", str(vnet.volunteer))]
    body, many = _queries(client, f"/api/orders/{long.pk}/")
    assert many == few
    events = body.json()["events"]
    assert len(events) == 3 + 2 * 4
    assert (events[0]["kind"], events[-1]["kind"]) == ("placed", "accepted")


def test_the_order_page_offers_completion_to_its_volunteer_alone(vnet, web, place):
    short, long = _accepted_after(vnet, place, 0), _accepted_after(vnet, place, 4)
    client = web(vnet.volunteer)
    r, few = _queries(client, f"/volunteers/orders/{short.pk}/")
    assert 'value="complete"' in r.text and vnet.vol.name in r.text
    # Another volunteer of the team is not offered it, nor the household.
    assert 'value="complete"' not in web(vnet.volunteer2).get(
        f"/volunteers/orders/{short.pk}/").text
    assert 'value="complete"' not in web(vnet.villager).get(
        f"/volunteers/orders/{short.pk}/").text
    # A longer timeline: every event shown, with as many queries.
    r, many = _queries(client, f"/volunteers/orders/{long.pk}/")
    assert many == few
    assert 'value="complete"' in r.text and vnet.vol.name in r.text
    timeline = r.text.split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    assert timeline.count("<li>") == 3 + 2 * 4 and timeline.count("改派") == 4


def _offers_claim(client, order):
    html = client.get(f"/volunteers/orders/{order.pk}/").text
    return 'name="action" value="claim"' in html


def test_claim_is_offered_only_to_a_leader_whose_team_serves_the_village(vnet, web, place):
    """The order page offers what order_claim allows: leading some team is not enough."""
    from tests.factories import make_user
    from volunteers.models import Volunteer

    # A volunteer of 沃德嘎查's household 包金山 who leads the team of another township: they
    # see their household's order, but their team does not serve its village.
    far_leader = make_user("far_leader", vnet.volunteer.role, vnet.v11, vnet.h11)
    vnet.team_other.leader = Volunteer.objects.create(name="外镇队长", unit=vnet.v21,
                                                      user=far_leader,
                                                      registered_on=vnet.vol.registered_on)
    vnet.team_other.save()
    order = place()
    assert not _offers_claim(web(far_leader), order)
    assert _offers_claim(web(vnet.team_leader), order)
    web(vnet.team_leader).post(f"/volunteers/orders/{order.pk}/", {"action": "claim"})
    order.refresh_from_db()
    assert order.status == OrderStatus.DISPATCHED and order.team == vnet.team


def test_the_order_page_offers_each_person_their_own_next_step(vnet, web, accepted):
    page = f"/volunteers/orders/{accepted.pk}/"
    assert 'value="complete"' in web(vnet.volunteer).get(page).text
    assert 'value="complete"' not in web(vnet.volunteer2).get(page).text
    assert 'value="cancel"' not in web(vnet.villager).get(page).text


@pytest.mark.parametrize("query", ["status=nonsense", "village=abc", "team=1e300",
                                   "team=-99999999999999999999999"])
def test_a_bad_filter_value_on_the_staff_list_shows_the_list(vnet, web, place, query):
    order = place()
    r = web(vnet.township_staff).get(f"/volunteers/staff/orders/?{query}")
    assert r.status_code == 200 and f"#{order.pk} " in r.text


def test_the_staff_list_filters_by_status_and_team(vnet, web, place, accepted):
    waiting = place()
    staff = web(vnet.township_staff)
    r = staff.get("/volunteers/staff/orders/?status=submitted")
    assert f"#{waiting.pk} " in r.text and f"#{accepted.pk} " not in r.text
    r = staff.get(f"/volunteers/staff/orders/?team={vnet.team.pk}")
    assert f"#{accepted.pk} " in r.text and f"#{waiting.pk} " not in r.text
