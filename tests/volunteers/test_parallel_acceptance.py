"""20 volunteers press “accept” at the same instant: exactly one wins (PostgreSQL)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from practice.roles import Role
from tests.factories import make_user
from tests.parallel import in_parallel
from volunteers import services
from volunteers.models import Membership, Order, OrderEvent, TimeBankEntry, Volunteer

N = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_acceptances_leave_one_winner_and_one_deposit(vnet, place):
    users = []
    for i in range(N):
        user = make_user(f"racer{i}", Role.VOLUNTEER, vnet.v11)
        v = Volunteer.objects.create(name=f"抢单{i}", unit=vnet.v11, user=user,
                                     registered_on=date(2024, 1, 1))
        Membership.objects.create(team=vnet.team, volunteer=v, joined_on=date(2024, 1, 1))
        users.append(user)
    order = place()
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)

    def press(user):
        client = APIClient()
        client.force_authenticate(user)

        def call():
            r = client.post(f"/api/orders/{order.pk}/accept/")
            return (r.status_code, r.json())
        return call

    results = in_parallel([press(u) for u in users])

    codes = sorted(code for code, _ in results)
    assert codes == [200] + [409] * (N - 1)
    assert all((body["code"], body["status"]) == ("invalid_transition", "accepted")
               for code, body in results if code == 409)
    winner = users[[code for code, _ in results].index(200)]
    order.refresh_from_db()
    assert order.volunteer.user == winner
    assert OrderEvent.objects.filter(order=order, kind="accepted").count() == 1

    # The winner completes; parallel retries of the completion deposit the hours once.
    def complete():
        client = APIClient()
        client.force_authenticate(winner)
        return client.post(f"/api/orders/{order.pk}/complete/", {"hours": 2},
                           format="json").status_code

    done = in_parallel([complete] * 5)
    assert sorted(done) == [200, 409, 409, 409, 409]
    assert TimeBankEntry.objects.filter(source_type="order", source_id=order.pk).count() == 1
    assert Order.objects.get(pk=order.pk).status == "completed"
