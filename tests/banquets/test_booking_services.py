"""Booking through the services: the rules, the fee, the room, the status flow, savings."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from banquets import services
from banquets.models import Booking, RuleSet, Status
from practice.exceptions import Conflict, Forbidden, InvalidInput
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db


def book(net, canteen, actor=None, household=None, **kw):
    return services.booking_create(household=household or net.h11, canteen=canteen,
                                   request=make_request(**kw), actor=actor or net.villager)


def test_a_villager_books_and_the_fee_is_40_yuan_a_table(net, canteen, banner_rules):
    booking = book(net, canteen, tables=10)
    assert booking.status == Status.SUBMITTED
    assert booking.fee == Decimal("400")
    assert booking.ruleset == banner_rules
    assert [(e.from_status, e.to_status) for e in booking.events.all()] == [("", "submitted")]


def test_it_refuses_a_request_that_breaks_rules_naming_every_field(net, canteen):
    with pytest.raises(ValidationError) as err:
        book(net, canteen, occasion="full_month", tables=11, dishes_per_table=7, gift_limit=201)
    assert set(err.value.message_dict) == {"occasion", "tables", "dishes_per_table", "gift_limit"}
    assert Booking.objects.count() == 0


def test_the_households_village_rules_bind(net, canteen_v21):
    RuleSet.objects.create(unit=net.v21, effective_from=datetime.date(2019, 1, 1), max_tables=8)
    with pytest.raises(ValidationError) as err:
        book(net, canteen_v21, actor=net.villager_other, household=net.h21, tables=9)
    assert err.value.message_dict["tables"] == ["酒席不得超过8桌"]
    assert book(net, canteen_v21, actor=net.villager_other, household=net.h21, tables=8).pk


def test_a_past_date_is_refused(net, canteen, today):
    with pytest.raises(ValidationError) as err:
        book(net, canteen, date=today - datetime.timedelta(days=1))
    assert "date" in err.value.message_dict


def test_a_full_canteen_refuses_with_a_conflict(net, canteen, soon):
    book(net, canteen, tables=10)
    book(net, canteen, actor=net.station_staff, tables=8)
    with pytest.raises(Conflict) as err:
        book(net, canteen, tables=3)
    assert err.value.extra == {"tables_left": 2}
    assert book(net, canteen, tables=2).tables == 2
    assert sum(Booking.objects.values_list("tables", flat=True)) == 20


def test_cancelled_and_rejected_bookings_free_their_tables(net, canteen):
    first = book(net, canteen, tables=10)
    second = book(net, canteen, tables=10)
    services.booking_cancel(first, actor=net.villager, reason="改期")
    services.booking_reject(second, actor=net.station_staff, reason="当日已有丧事")
    assert book(net, canteen, tables=10).pk
    assert book(net, canteen, tables=10).pk


def test_a_villager_books_for_their_own_household_only(net, canteen):
    with pytest.raises(Forbidden):
        book(net, canteen, household=net.h12)
    with pytest.raises(Forbidden):
        book(net, canteen, actor=net.volunteer)


def test_the_status_flow_is_a_table_of_allowed_moves(net, canteen):
    booking = book(net, canteen)
    booking = services.booking_approve(booking, actor=net.station_staff)
    assert booking.status == Status.APPROVED
    with pytest.raises(Conflict):
        services.booking_approve(booking, actor=net.station_staff)
    with pytest.raises(Conflict):
        services.booking_reject(booking, actor=net.station_staff, reason="x")
    booking = services.booking_cancel(booking, actor=net.villager, reason="改期")
    with pytest.raises(Conflict):
        services.booking_cancel(booking, actor=net.villager, reason="改期")
    assert [e.to_status for e in booking.events.all()] == ["submitted", "approved", "cancelled"]


def test_a_rejection_needs_a_reason(net, canteen):
    booking = book(net, canteen)
    with pytest.raises(InvalidInput):
        services.booking_reject(booking, actor=net.station_staff, reason="  ")
    assert Booking.objects.get().status == Status.SUBMITTED


def test_only_the_council_of_the_canteens_village_or_above_decides(net, canteen):
    booking = book(net, canteen)
    for outsider in (net.station_staff_other, net.township_staff_other, net.reviewer,
                     net.leader, net.villager):
        with pytest.raises(Forbidden):
            services.booking_approve(booking, actor=outsider)
    assert services.booking_approve(booking, actor=net.township_staff).status == Status.APPROVED


def test_held_records_the_tables_used_and_the_savings(net, canteen, banner_rules, today):
    booking = book(net, canteen, tables=8, gift_limit=100)
    services.booking_approve(booking, actor=net.station_staff)
    with pytest.raises(Conflict):
        services.booking_held(booking, actor=net.station_staff, tables_used=7)
    Booking.objects.filter(pk=booking.pk).update(date=today)
    booking = services.booking_held(booking, actor=net.station_staff, tables_used=7)
    # A wedding without the rules (its occasion's assumption): 25 tables × 800 + 250 guests
    # × 100 = 45 000 yuan. Under them: 7 tables × 500 + 70 guests × 100 + fee 7 × 40
    # = 3500 + 7000 + 280 = 10 780.
    assert booking.status == Status.HELD
    assert booking.tables_used == 7
    assert booking.fee == Decimal("280")
    assert booking.cost_without_rules == Decimal("45000")
    assert booking.cost_with_rules == Decimal("10780")
    assert booking.savings == Decimal("34220")


def test_savings_follow_the_rule_sets_figures_for_an_occasion_without_its_own(net, canteen,
                                                                             today):
    from banquets.models import SavingsAssumption

    SavingsAssumption.objects.filter(occasion="school_admission").delete()
    RuleSet.objects.create(unit=net.banner, effective_from=datetime.date(2018, 1, 1),
                           usual_tables=10, usual_cost_per_table=800, usual_gift=300,
                           tea_party_cost_per_table=100)
    booking = book(net, canteen, occasion="school_admission", kind="tea_party", tables=2,
                   gift_limit=0)
    services.booking_approve(booking, actor=net.station_staff)
    Booking.objects.filter(pk=booking.pk).update(date=today)
    booking = services.booking_held(booking, actor=net.station_staff, tables_used=2)
    # 10 × 800 + 100 × 300 = 38 000 against 2 × 100 + 0 + 80 = 280.
    assert booking.savings == Decimal("37720")
