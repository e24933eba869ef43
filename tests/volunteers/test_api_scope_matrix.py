"""Who may read and act on an order of village v11 (household h11): 200, 403 or 404."""

import pytest

from volunteers import services

pytestmark = pytest.mark.django_db

READ = {
    "villager": 200, "villager_b": 404, "villager_other": 404, "volunteer": 200,
    "volunteer_other": 404, "station_staff": 200, "station_staff_other": 404,
    "township_staff": 200, "township_staff_other": 404, "township_leader": 200, "leader": 200,
    "reviewer": 200, "banner_admin": 200,
}


@pytest.fixture
def dispatched(vnet, place):
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    return order


@pytest.mark.parametrize(("who", "code"), READ.items())
def test_reading_an_order(vnet, api, dispatched, who, code):
    assert api(getattr(vnet, who)).get(f"/api/orders/{dispatched.pk}/").status_code == code


@pytest.mark.parametrize(("who", "code"), READ.items())
def test_listing_orders_shows_only_what_is_in_scope(vnet, api, dispatched, who, code):
    ids = [o["id"] for o in api(getattr(vnet, who)).get("/api/orders/").data["results"]]
    assert (dispatched.pk in ids) == (code == 200)


ACTIONS = {
    # action: {persona: expected status}; the order is dispatched to vnet.team.
    "accept": {"villager": 403, "station_staff": 403, "leader": 403, "reviewer": 403,
               "volunteer_other": 404, "volunteer": 200},
    "escalate": {"villager": 403, "volunteer": 403, "leader": 403, "reviewer": 403,
                 "station_staff_other": 404, "township_staff_other": 404},
    "return": {"villager": 403, "leader": 403, "reviewer": 403, "volunteer_other": 404,
               "township_staff_other": 404, "station_staff": 200},
    "cancel": {"volunteer_other": 404, "station_staff": 403, "leader": 403,
               "villager_b": 404, "villager": 200},
    "review": {"villager": 403, "volunteer": 403, "station_staff": 403, "leader": 403},
    "rate": {"station_staff": 403, "reviewer": 403, "villager_other": 404},
    "complete": {"villager": 403, "station_staff": 403, "volunteer_other": 404},
}
CASES = [(a, who, code) for a, table in ACTIONS.items() for who, code in table.items()]
BODIES = {"return": {"reason": "忙"}, "cancel": {"reason": "不需要了"}, "review": {"score": 3},
          "rate": {"score": 3}, "complete": {"hours": 1}}


@pytest.mark.parametrize(("action", "who", "code"), CASES)
def test_acting_on_an_order(vnet, api, dispatched, action, who, code):
    r = api(getattr(vnet, who)).post(f"/api/orders/{dispatched.pk}/{action}/",
                                     BODIES.get(action, {}), format="json")
    assert r.status_code == code, r.content


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("leader", 403), ("reviewer", 403),
    ("station_staff_other", 404), ("township_staff_other", 404),
    ("station_staff", 200), ("township_staff", 200), ("banner_admin", 200),
])
def test_dispatching_a_submitted_order(vnet, api, place, who, code):
    order = place()
    r = api(getattr(vnet, who)).post(f"/api/orders/{order.pk}/dispatch/",
                                     {"team": vnet.team.pk}, format="json")
    assert r.status_code == code, r.content


@pytest.mark.parametrize(("who", "code"), [
    ("leader", 403), ("reviewer", 403), ("villager", 201), ("station_staff", 201),
])
def test_placing_an_order(vnet, api, who, code):
    body = {"service_item": vnet.item_v11.pk, "description": "x", "household": vnet.h11.pk}
    r = api(getattr(vnet, who)).post("/api/orders/", body, format="json")
    assert r.status_code == code, r.content


def test_anonymous_callers_are_refused(api, vnet):
    assert api().get("/api/orders/").status_code in (401, 403)
