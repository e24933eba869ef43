from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from practice.exceptions import Conflict, InvalidInput
from volunteers import services
from volunteers.models import EntryKind, TimeBankAccount, TimeBankEntry


def test_a_source_deposits_once_even_when_retried(vnet):
    first = services.timebank_deposit(vnet.vol, hours=2, kind=EntryKind.ACTIVITY,
                                      source_type="activity", source_id=7)
    again = services.timebank_deposit(vnet.vol, hours=2, kind=EntryKind.ACTIVITY,
                                      source_type="activity", source_id=7)
    assert first.pk == again.pk
    assert services.balance_of(vnet.vol) == 2


def test_the_database_refuses_a_second_deposit_of_the_same_source(vnet):
    entry = services.timebank_deposit(vnet.vol, hours=2, kind=EntryKind.ORDER,
                                      source_type="order", source_id=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeBankEntry.objects.create(account=entry.account, kind=EntryKind.ORDER, hours=2,
                                     balance_after=4, source_type="order", source_id=1,
                                     created_at=entry.created_at)


def test_the_balance_can_never_go_negative_in_the_database(vnet):
    services.timebank_deposit(vnet.vol, hours=1, kind=EntryKind.STAFF_ENTERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeBankAccount.objects.filter(volunteer=vnet.vol).update(balance=-1)


def test_entries_are_never_changed_or_deleted(vnet):
    entry = services.timebank_deposit(vnet.vol, hours=1, kind=EntryKind.STAFF_ENTERED)
    with pytest.raises(Conflict):
        entry.delete()
    entry.hours = 5
    with pytest.raises(Conflict):
        entry.save()


def test_a_reversal_undoes_an_entry_once_and_not_below_zero(vnet):
    entry = services.timebank_deposit(vnet.vol, hours=3, kind=EntryKind.STAFF_ENTERED)
    reversal = services.timebank_reverse(entry, actor=vnet.township_staff, note="录错")
    assert reversal.hours == -3 and reversal.reverses == entry
    assert services.balance_of(vnet.vol) == 0
    with pytest.raises(Conflict):
        services.timebank_reverse(entry, actor=vnet.township_staff)


def test_a_reversal_that_would_overdraw_is_refused(vnet):
    entry = services.timebank_deposit(vnet.vol, hours=3, kind=EntryKind.STAFF_ENTERED)
    services.timebank_draw_for([vnet.vol], hours=2, source_type="order", source_id=9)
    with pytest.raises(Conflict):
        services.timebank_reverse(entry, actor=vnet.township_staff)
    assert services.balance_of(vnet.vol) == 1


def test_deposits_must_be_positive(vnet):
    with pytest.raises(InvalidInput):
        services.timebank_deposit(vnet.vol, hours=0, kind=EntryKind.STAFF_ENTERED)


def test_an_order_with_banked_hours_draws_on_the_households_volunteer(vnet, place):
    # The volunteer belongs to household h11 (villager's household) and has 2 hours banked.
    vnet.volunteer.household = vnet.h11
    vnet.volunteer.save()
    services.timebank_deposit(vnet.vol, hours=2, kind=EntryKind.STAFF_ENTERED)
    order = place(use_banked_hours=True)
    services.order_dispatch(order, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(order, actor=vnet.volunteer2)
    services.order_complete(order, actor=vnet.volunteer2, hours=3)
    order.refresh_from_db()
    assert order.banked_hours_used == Decimal("2")
    assert services.balance_of(vnet.vol) == 0
    assert services.balance_of(vnet.vol2) == 3
    # A retry of the draw changes nothing.
    again = services.timebank_draw_for([vnet.vol], hours=3, source_type="order",
                                       source_id=order.pk)
    assert again == 2 and services.balance_of(vnet.vol) == 0


def test_banked_hours_need_a_balance(vnet, place):
    with pytest.raises(InvalidInput) as e:
        place(use_banked_hours=True)
    assert e.value.field == "use_banked_hours"
