"""Two members of the red-and-white council decide on the same booking at once: exactly one
decision stands, the other answers 409 with the status the booking has now."""

import datetime

import pytest
from rest_framework.test import APIClient

from banquets import services
from banquets.models import Booking, BookingEvent, Canteen, Status
from institutions.models import Council, CouncilKind, CouncilMember, Seat
from practice.models import Household
from practice.roles import Role
from tests.banquets.conftest import make_request
from tests.factories import make_user
from tests.parallel import in_parallel

MEMBERS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_members_deciding_at_once_exactly_one_wins(net):
    canteen = Canteen.objects.create(village=net.v11, name="理事会并发食堂", capacity=20)
    council = Council.objects.create(village=net.v11, kind=CouncilKind.RED_WHITE)
    members = []
    for n in range(MEMBERS):
        household = Household.objects.create(village=net.v11, number=f"T1V1-09{n:02d}",
                                             head_name=f"理事{n}")
        member = make_user(f"rw{n}", Role.VILLAGER, net.v11, household)
        CouncilMember.objects.create(council=council, user=member,
                                     seat=Seat.CHAIR if n == 0 else Seat.MEMBER,
                                     term_starts=datetime.date(2024, 1, 1))
        members.append(member)
    booking = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)

    def decide(member, verb):
        client = APIClient()
        client.force_authenticate(member)
        return lambda: client.post(f"/api/banquets/bookings/{booking.pk}/{verb}/",
                                   {"reason": "同时审批"}, format="json")

    answers = in_parallel([decide(m, "approve" if n % 2 else "reject")
                           for n, m in enumerate(members)])

    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * (MEMBERS - 1)
    won = next(r for r in answers if r.status_code == 200).json()
    now = Booking.objects.get(pk=booking.pk)
    assert now.status == won["status"] and now.status in (Status.APPROVED, Status.REJECTED)
    assert now.by_council and str(now.decided_by) == won["decided_by_name"]
    assert all(r.json()["code"] == "invalid_transition" and r.json()["status"] == now.status
               for r in answers if r.status_code == 409)
    decisions = BookingEvent.objects.filter(booking=booking).exclude(to_status=Status.SUBMITTED)
    assert [e.actor_id for e in decisions] == [now.decided_by_id]
