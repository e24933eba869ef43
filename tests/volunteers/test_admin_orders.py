import pytest
from django.utils import timezone

from volunteers.models import OrderStatus

pytestmark = pytest.mark.django_db
URL = "/admin/volunteers/order/"


def test_staff_dispatch_selected_orders_from_the_admin(vnet, web, place):
    a, b = place(), place()
    client = web(vnet.station_staff)
    r = client.post(URL, {"action": "dispatch_selected", "_selected_action": [a.pk, b.pk]})
    assert r.status_code == 200 and vnet.team.name in r.text
    client.post(URL, {"action": "dispatch_selected", "_selected_action": [a.pk, b.pk],
                      "apply": "1", "team": vnet.team.pk})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == b.status == OrderStatus.DISPATCHED and a.team == vnet.team


def test_the_admin_detail_page_shows_the_timeline(vnet, web, place):
    order = place()
    r = web(vnet.township_staff).get(f"{URL}{order.pk}/change/")
    assert r.status_code == 200 and "群众点单" in r.text
    assert web(vnet.township_staff_other).get(f"{URL}{order.pk}/change/").status_code in (302,
                                                                                        404)


def test_the_admin_filters_overdue_orders_and_escalates(vnet, web, place):
    late, fresh = place(), place()
    type(late).objects.filter(pk=late.pk).update(overdue_at=timezone.now())
    client = web(vnet.township_staff)
    r = client.get(URL, {"overdue": "1"})
    assert r.status_code == 200
    assert list(r.context["cl"].queryset) == [late]
    client.post(URL, {"action": "escalate_selected", "_selected_action": [fresh.pk]})
    fresh.refresh_from_db()
    assert fresh.handler_unit == vnet.banner or fresh.handler_unit == vnet.t1


def test_leaders_see_orders_but_cannot_dispatch(vnet, web, place):
    place()
    r = web(vnet.leader).get(URL)
    assert r.status_code == 200
    assert "dispatch_selected" not in r.text
