import pytest

from practice.exceptions import Conflict, Forbidden, InvalidInput
from volunteers import services
from volunteers.models import EventKind, OrderStatus


def test_escalation_passes_the_order_from_village_to_township_to_banner(vnet, place):
    order = place()
    services.order_escalate(order, actor=vnet.station_staff)
    assert order.handler_unit == vnet.t1 and order.status == OrderStatus.SUBMITTED
    # The station no longer handles it; the township does.
    with pytest.raises(Forbidden):
        services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    services.order_escalate(order, actor=vnet.township_staff)
    assert order.handler_unit == vnet.banner
    with pytest.raises(Forbidden):
        services.order_escalate(order, actor=vnet.township_staff)
    with pytest.raises(Conflict) as e:  # already at the top: no level to pass it up to
        services.order_escalate(order, actor=vnet.banner_admin)
    assert e.value.as_data()["code"] == "invalid_transition"
    assert e.value.as_data()["status"] == "submitted"
    services.order_dispatch(order, actor=vnet.banner_admin, team=vnet.team_t1)
    assert order.events.filter(kind=EventKind.ESCALATED).count() == 2


def test_a_team_member_returns_a_dispatched_order_with_a_reason(vnet, place):
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    with pytest.raises(InvalidInput) as e:
        services.order_return(order, actor=vnet.volunteer, reason=" ")
    assert e.value.field == "reason"
    services.order_return(order, actor=vnet.volunteer, reason="本周人手不足", escalate=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED and order.team is None
    assert order.handler_unit == vnet.t1
    assert order.events.get(kind=EventKind.RETURNED).note == "本周人手不足"


def test_outsiders_cannot_return_an_order(vnet, place):
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    with pytest.raises(Forbidden):
        services.order_return(order, actor=vnet.volunteer_other, reason="x")


def test_a_team_leader_claims_a_submitted_order_in_the_teams_area(vnet, place):
    order = place()
    services.order_claim(order, actor=vnet.team_leader)
    assert order.status == OrderStatus.DISPATCHED and order.team == vnet.team
    assert order.events.last().kind == EventKind.CLAIMED


def test_a_plain_member_or_a_leader_of_another_area_cannot_claim(vnet, place):
    with pytest.raises(Forbidden):
        services.order_claim(place(), actor=vnet.volunteer)
    order = place(actor=vnet.villager_other, item=vnet.item_v21)
    with pytest.raises(Forbidden):
        services.order_claim(order, actor=vnet.team_leader)
