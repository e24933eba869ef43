"""Many bookings for the same canteen and date at the same instant never exceed its capacity."""

import pytest
from rest_framework.test import APIClient

from banquets.models import Booking, Canteen
from practice.models import Household
from practice.roles import Role
from tests.banquets.conftest import body
from tests.factories import make_user
from tests.parallel import in_parallel

PARALLEL = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_never_exceed_the_capacity(net):
    canteen = Canteen.objects.create(village=net.v11, name="并发测试食堂", capacity=10)
    users = []
    for i in range(PARALLEL):
        household = Household.objects.create(village=net.v11, number=f"RACE-{i:03d}",
                                             head_name=f"户主{i}")
        users.append(make_user(f"race{i}", Role.VILLAGER, net.v11, household))

    def book(user):
        client = APIClient()
        client.force_authenticate(user)
        return lambda: client.post("/api/banquets/bookings/", body(canteen, tables=3),
                                   format="json").status_code

    codes = in_parallel([book(u) for u in users])

    assert sorted(codes) == [201] * 3 + [409] * (PARALLEL - 3)
    tables = list(Booking.objects.filter(canteen=canteen).values_list("tables", flat=True))
    assert tables == [3, 3, 3]
