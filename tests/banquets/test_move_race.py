"""Simultaneous decisions on one booking: exactly one wins, the others answer 409."""

import pytest
from rest_framework.test import APIClient

from banquets import services
from banquets.models import Booking, BookingEvent, Canteen, Status
from tests.banquets.conftest import make_request
from tests.parallel import in_parallel

PARALLEL = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_of_many_simultaneous_decisions_wins(net):
    canteen = Canteen.objects.create(village=net.v11, name="并发审批食堂", capacity=20)
    booking = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)
    # Approving and rejecting exclude each other (cancelling after either would be a fair move).
    verbs = ["approve", "reject"] * (PARALLEL // 2)

    def decide(verb):
        client = APIClient()
        client.force_authenticate(net.station_staff)
        return lambda: client.post(f"/api/banquets/bookings/{booking.pk}/{verb}/",
                                   {"reason": "并发"}, format="json")

    answers = in_parallel([decide(v) for v in verbs])

    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * (PARALLEL - 1)
    now = Booking.objects.get(pk=booking.pk).status
    assert now in (Status.APPROVED, Status.REJECTED)
    assert all(r.json() == {"code": "invalid_transition", "status": now,
                            "detail": r.json()["detail"]}
               for r in answers if r.status_code == 409)
    assert BookingEvent.objects.filter(booking=booking).count() == 2
