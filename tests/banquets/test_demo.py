"""seed_demo writes the canteens' demo data once, and rerunning it adds nothing."""

import io

import pytest
from django.core.management import call_command

from banquets.models import (
    Booking,
    BookingEvent,
    Canteen,
    Kind,
    RuleSet,
    Status,
    ViolationRecord,
)
from banquets.selectors import council_queue, ruleset_in_force
from institutions.models import Council, CouncilKind, CouncilMember, Decider
from institutions.selectors import sits_on
from practice.models import Unit, User

pytestmark = pytest.mark.django_db


def counts():
    return (RuleSet.objects.count(), Canteen.objects.count(), Booking.objects.count(),
            ViolationRecord.objects.count())


def test_the_demo_has_canteens_rules_a_year_of_bookings_and_violations():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    first = counts()
    wode, chaidamu = Unit.objects.get(code="T05V01"), Unit.objects.get(code="T06V01")
    assert Canteen.objects.filter(village=wode).exists()
    assert Canteen.objects.filter(village=chaidamu).exists()
    assert Canteen.objects.count() > 50
    assert ruleset_in_force(wode).unit.code == "KZHQ"
    own = ruleset_in_force(chaidamu)
    assert own.unit == chaidamu and own.max_tables < 10 and own.max_gift < 200
    assert Booking.objects.filter(status=Status.HELD, kind=Kind.TEA_PARTY).exists()
    assert Booking.objects.filter(status=Status.SUBMITTED).exists()
    assert Booking.objects.filter(household__members__username="villager2").exists()
    assert ViolationRecord.objects.filter(household__village=chaidamu).exists()
    for canteen in Canteen.objects.all()[:20]:
        per_day = {}
        for b in canteen.bookings.filter(status__in=["submitted", "approved", "held"]):
            per_day[b.date] = per_day.get(b.date, 0) + b.tables
        assert all(n <= canteen.capacity for n in per_day.values())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert counts() == first


def test_where_a_red_and_white_council_sits_its_members_decided_the_bookings():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    chaidamu, wode = Unit.objects.get(code="T06V01"), Unit.objects.get(code="T05V01")
    assert sits_on(User.objects.get(username="villager2"), chaidamu.pk, CouncilKind.RED_WHITE)
    for village in (chaidamu, wode):
        members = set(CouncilMember.objects.filter(
            council__village=village, council__kind=CouncilKind.RED_WHITE).values_list(
            "user_id", flat=True))
        decided = Booking.objects.filter(canteen__village=village,
                                         status__in=[Status.APPROVED, Status.REJECTED])
        assert decided.exists()
        assert set(decided.values_list("by_council", flat=True)) == {True}
        assert set(decided.values_list("decided_by", flat=True)) <= members
        actors = set(BookingEvent.objects.filter(
            booking__in=decided, to_status__in=[Status.APPROVED, Status.REJECTED]).values_list(
            "actor", flat=True))
        assert actors <= members
    # Where a council has its chair decide, one person decided all its bookings.
    for village in (chaidamu, wode):
        council = Council.objects.get(village=village, kind=CouncilKind.RED_WHITE)
        if council.decider == Decider.CHAIR:
            assert len(set(Booking.objects.filter(canteen__village=village, by_council=True)
                           .values_list("decided_by", flat=True))) == 1
    # Its submitted bookings wait in the queue of villager2, a member.
    queue = council_queue(User.objects.get(username="villager2"))
    assert queue.exists() and set(queue.values_list("canteen__village", flat=True)) == {
        chaidamu.pk}
