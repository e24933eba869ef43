"""seed_demo writes the canteens' demo data once, and rerunning it adds nothing."""

import io

import pytest
from django.core.management import call_command

from banquets.models import Booking, Canteen, Kind, RuleSet, Status, ViolationRecord
from banquets.selectors import ruleset_in_force
from practice.models import Unit

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
