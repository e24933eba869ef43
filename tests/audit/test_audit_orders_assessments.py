"""The audit trail of orders (through the API and update()) and of assessments (finalising)."""

import pytest

from practice.audit import set_actor
from practice.models import AuditLog
from reports.models import Assessment
from reports.services import assessment_finalise
from volunteers.models import Order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def trail(obj, action=None):
    qs = AuditLog.objects.filter(table=obj._meta.db_table, row_id=str(obj.pk)).order_by("id")
    return list(qs.filter(action=action) if action else qs)


def test_an_order_placed_and_dispatched_through_the_api_names_each_actor(vnet, api):
    from rest_framework.authtoken.models import Token

    villager = api()
    villager.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=vnet.villager)}")
    placed = villager.post("/api/orders/", {
        "service_item": vnet.item_v11.pk, "description": "家里老人需要理发"}, format="json")
    assert placed.status_code == 201
    client = api()
    client.force_login(vnet.station_staff)
    order = Order.objects.get(pk=placed.json()["id"])
    assert client.post(f"/api/orders/{order.pk}/dispatch/", {"team": vnet.team.pk},
                       format="json").status_code == 200
    [insert] = trail(order, "insert")
    assert insert.actor_id == vnet.villager.pk
    dispatch = trail(order, "update")[-1]
    assert dispatch.actor_id == vnet.station_staff.pk
    assert dispatch.changes["status"] == ("submitted", "dispatched")


def test_an_order_changed_with_update_is_recorded(vnet, place):
    order = place()
    set_actor(vnet.banner_admin)
    Order.objects.filter(pk=order.pk).update(description="改为上门理发")
    set_actor(None)
    record = trail(order, "update")[-1]
    assert record.actor_id == vnet.banner_admin.pk
    assert record.changes["description"] == ("家里老人需要理发", "改为上门理发")


def test_finalising_an_assessment_is_recorded(net):
    assessment = Assessment.objects.create(unit=net.banner, year=2025, title="2025年度综合考核")
    set_actor(net.banner_admin)
    assessment_finalise(assessment, actor=net.banner_admin)
    set_actor(None)
    record = trail(assessment, "update")[-1]
    assert record.actor_id == net.banner_admin.pk
    assert record.changes["finalised"] == (False, True)
