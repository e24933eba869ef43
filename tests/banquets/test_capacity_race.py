"""Many bookings for the same canteen and date at the same instant never exceed its capacity."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from banquets.models import Booking, Canteen
from practice.models import Household
from practice.roles import Role
from tests.banquets.conftest import body
from tests.factories import make_user

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
    barrier = threading.Barrier(PARALLEL)
    codes = []

    def book(user):
        try:
            client = APIClient()
            client.force_authenticate(user)
            barrier.wait()
            r = client.post("/api/banquets/bookings/", body(canteen, tables=3), format="json")
            codes.append(r.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(codes) == [201] * 3 + [409] * (PARALLEL - 3)
    tables = list(Booking.objects.filter(canteen=canteen).values_list("tables", flat=True))
    assert tables == [3, 3, 3]
