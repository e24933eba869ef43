"""Every action from every status it may not start from answers 409 with the current status."""

import pytest

from practice.transitions import InvalidTransition
from volunteers import services
from volunteers.models import OrderStatus

S = OrderStatus


def _order_in(status, vnet, place):
    order = place()
    if status == S.SUBMITTED:
        return order
    if status == S.CANCELLED:
        return services.order_cancel(order, actor=vnet.villager, reason="不需要了")
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    if status == S.DISPATCHED:
        return order
    services.order_accept(order, actor=vnet.volunteer)
    if status == S.ACCEPTED:
        return order
    order = services.order_complete(order, actor=vnet.volunteer, hours=1)
    if status == S.COMPLETED:
        return order
    return services.order_rate(order, actor=vnet.villager, score=4)


def _do(action, order, vnet):
    calls = {
        "dispatch": lambda: services.order_dispatch(order, actor=vnet.station_staff,
                                                    team=vnet.team),
        "claim": lambda: services.order_claim(order, actor=vnet.team_leader),
        "accept": lambda: services.order_accept(order, actor=vnet.volunteer),
        "complete": lambda: services.order_complete(order, actor=vnet.volunteer, hours=1),
        "rate": lambda: services.order_rate(order, actor=vnet.villager, score=3),
        "cancel": lambda: services.order_cancel(order, actor=vnet.villager, reason="不需要了"),
        "return": lambda: services.order_return(order, actor=vnet.station_staff, reason="忙"),
        "escalate": lambda: services.order_escalate(order, actor=vnet.station_staff),
    }
    return calls[action]()


CASES = [
    (action, status)
    for action, (allowed, _to) in services.ORDER_FLOW.moves.items()
    for status in S.values
    if status not in allowed
]


@pytest.mark.parametrize(("action", "status"), CASES)
def test_a_move_not_in_the_table_is_refused(vnet, place, action, status):
    order = _order_in(status, vnet, place)
    events = order.events.count()
    with pytest.raises(InvalidTransition) as e:
        _do(action, order, vnet)
    assert e.value.as_data()["code"] == "invalid_transition"
    assert e.value.as_data()["status"] == status
    order.refresh_from_db()
    assert order.status == status
    assert order.events.count() == events


def test_the_table_covers_every_action_of_the_api():
    assert set(services.ORDER_FLOW.moves) == {
        "dispatch", "claim", "accept", "complete", "rate", "cancel", "return", "escalate"}
