from decimal import Decimal

import pytest

from practice.exceptions import Conflict, Forbidden, InvalidInput
from volunteers import services
from volunteers.models import EventKind, Notification, OrderStatus, TimeBankEntry


def test_an_order_goes_from_submitted_to_rated_with_an_event_per_step(vnet, place):
    order = place()
    assert order.status == OrderStatus.SUBMITTED
    assert order.village == vnet.v11 and order.handler_unit == vnet.v11
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(order, actor=vnet.volunteer)
    services.order_complete(order, actor=vnet.volunteer, hours="2.5")
    services.order_rate(order, actor=vnet.villager, score=5, comment="很好")
    order.refresh_from_db()
    assert order.status == OrderStatus.RATED
    assert order.volunteer == vnet.vol and order.team == vnet.team
    assert order.hours == Decimal("2.5") and order.rating == 5
    kinds = list(order.events.values_list("kind", flat=True))
    assert kinds == ["placed", "dispatched", "accepted", "completed", "rated"]
    assert order.events.get(kind="accepted").actor == vnet.volunteer


def test_completing_deposits_the_hours_in_the_volunteers_time_bank(vnet, accepted):
    services.order_complete(accepted, actor=vnet.volunteer, hours=3)
    entry = TimeBankEntry.objects.get()
    assert entry.kind == "order" and entry.source_id == accepted.pk
    assert entry.hours == 3 and entry.account.volunteer == vnet.vol
    assert entry.account.balance == 3


def test_the_team_and_the_household_are_notified(vnet, place):
    order = place()
    assert Notification.objects.filter(user=vnet.station_staff, order=order).exists()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    assert Notification.objects.filter(user=vnet.volunteer2, order=order).exists()
    services.order_accept(order, actor=vnet.volunteer)
    assert Notification.objects.filter(user=vnet.villager, order=order).count() == 2


def test_station_staff_can_order_for_a_household(vnet):
    order = services.order_place(actor=vnet.station_staff, household=vnet.h11,
                                 service_item=vnet.item_t1, description="老人电话点单")
    assert order.assisted and order.created_by == vnet.station_staff
    assert order.household == vnet.h11
    assert "staff" in order.events.get().note or order.events.get().note


def test_staff_cannot_order_for_a_household_outside_their_area(vnet):
    with pytest.raises(InvalidInput) as e:
        services.order_place(actor=vnet.station_staff, household=vnet.h21,
                             service_item=vnet.item_v21, description="x")
    assert e.value.field == "household"


def test_a_villager_cannot_order_a_service_of_another_village(vnet, place):
    with pytest.raises(InvalidInput) as e:
        place(item=vnet.item_v21)
    assert e.value.field == "service_item"


def test_dispatching_to_a_team_outside_the_staffs_area_is_refused(vnet, place):
    order = place()
    with pytest.raises(InvalidInput) as e:
        services.order_dispatch(order, actor=vnet.township_staff, team=vnet.team_other)
    assert e.value.field == "team"
    with pytest.raises(InvalidInput):
        services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team_t1)


def test_only_the_team_accepts_and_only_the_acceptor_completes(vnet, place):
    order = place()
    services.order_dispatch(order, actor=vnet.township_staff, team=vnet.team)
    with pytest.raises(Forbidden):
        services.order_accept(order, actor=vnet.volunteer_other)
    services.order_accept(order, actor=vnet.volunteer2)
    with pytest.raises(Conflict) as e:
        services.order_accept(order, actor=vnet.volunteer)
    assert (e.value.code, e.value.extra["status"]) == ("invalid_transition", "accepted")
    with pytest.raises(Forbidden):
        services.order_complete(order, actor=vnet.volunteer, hours=1)
    services.order_complete(order, actor=vnet.volunteer2, hours=1)


@pytest.mark.parametrize("hours", [0, -1, "24.01", 25, "abc", None])
def test_hours_must_be_positive_and_at_most_24(vnet, accepted, hours):
    with pytest.raises(InvalidInput) as e:
        services.order_complete(accepted, actor=vnet.volunteer, hours=hours)
    assert e.value.field == "hours"


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_scores_are_1_to_5(vnet, accepted, score):
    services.order_complete(accepted, actor=vnet.volunteer, hours=1)
    with pytest.raises(InvalidInput) as e:
        services.order_rate(accepted, actor=vnet.villager, score=score)
    assert e.value.field == "score"


def test_a_reviewer_reviews_completed_orders_once(vnet, accepted):
    with pytest.raises(Conflict):
        services.order_review(accepted, actor=vnet.reviewer, score=4)
    services.order_complete(accepted, actor=vnet.volunteer, hours=1)
    review = services.order_review(accepted, actor=vnet.reviewer, score=4, comment="及时")
    assert review.score == 4
    assert accepted.events.filter(kind=EventKind.REVIEWED).count() == 1
    with pytest.raises(Conflict):
        services.order_review(accepted, actor=vnet.reviewer, score=3)
    with pytest.raises(Forbidden):
        services.order_review(accepted, actor=vnet.township_staff, score=3)


def test_the_villager_cancels_before_acceptance_only(vnet, place, accepted):
    order = place()
    services.order_cancel(order, actor=vnet.villager, reason="不需要了")
    assert order.status == OrderStatus.CANCELLED
    with pytest.raises(Conflict):
        services.order_cancel(accepted, actor=vnet.villager, reason="不需要了")
    with pytest.raises(Forbidden):
        services.order_cancel(place(), actor=vnet.villager_b, reason="不需要了")
