"""A mistake is corrected by a reversal entry that references the original, once."""

import pytest
from django.urls import reverse

from points_market.models import Account, EntryKind
from points_market.services import entry_reverse, redemption_record
from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound

from .conftest import credit

pytestmark = pytest.mark.django_db


def test_reversing_a_deposit_takes_its_points_back(net, market):
    entry = credit(net, market, net.h11, 10).entry
    reversal = entry_reverse(entry, actor=net.station_staff, reason="称错了")
    assert reversal.kind == EntryKind.REVERSAL
    assert reversal.reverses_id == entry.pk
    assert reversal.points == -80
    assert reversal.balance_after == 0
    assert Account.objects.get(household=net.h11).balance == 0


def test_reversing_a_redemption_returns_points_and_goods(net, market):
    credit(net, market, net.h11, 100)
    result = redemption_record(net.h11, actor=net.station_staff,
                               lines=[{"product": market.p11_soy.pk, "quantity": 2}])
    entry_reverse(result.entry, actor=net.station_staff, reason="换错了货")
    market.p11_soy.refresh_from_db()
    assert market.p11_soy.stock == 30
    assert Account.objects.get(household=net.h11).balance == 800


def test_an_entry_is_reversed_only_once(net, market):
    entry = credit(net, market, net.h11, 10).entry
    entry_reverse(entry, actor=net.station_staff, reason="称错了")
    with pytest.raises(Conflict) as caught:
        entry_reverse(entry, actor=net.township_staff, reason="再来一次")
    assert caught.value.code == "already_reversed"
    assert Account.objects.get(household=net.h11).balance == 0


def test_a_reversal_is_not_reversed(net, market):
    reversal = entry_reverse(credit(net, market, net.h11, 10).entry, actor=net.station_staff,
                             reason="称错了")
    with pytest.raises(Conflict):
        entry_reverse(reversal, actor=net.station_staff, reason="撤销冲正")


def test_a_deposit_already_spent_cannot_be_reversed_into_the_negative(net, market):
    entry = credit(net, market, net.h11, 100).entry  # 800
    redemption_record(net.h11, actor=net.station_staff,
                      lines=[{"product": market.p11_oil.pk, "quantity": 1}])  # 200 left
    with pytest.raises(Conflict) as caught:
        entry_reverse(entry, actor=net.station_staff, reason="称错了")
    assert caught.value.code == "insufficient_points"
    assert Account.objects.get(household=net.h11).balance == 200


def test_a_reason_is_required(net, market):
    entry = credit(net, market, net.h11, 10).entry
    with pytest.raises(InvalidInput) as caught:
        entry_reverse(entry, actor=net.station_staff, reason="  ")
    assert caught.value.field == "reason"


def test_only_staff_in_scope_reverse(net, market):
    entry = credit(net, market, net.h11, 10).entry
    with pytest.raises(Forbidden):
        entry_reverse(entry, actor=net.villager, reason="我想要")
    with pytest.raises(Forbidden):
        entry_reverse(entry, actor=net.leader, reason="看看")
    with pytest.raises(NotFound):
        entry_reverse(entry, actor=net.station_staff_other, reason="不是我村")


def test_lists_show_which_entries_were_reversed(net, market, api, web):
    """The ledger, a household's history and the villager's own page name the reversal of a
    reversed entry (read with the entry, one index lookup each: Entry.with_reversal_id)."""
    kept = credit(net, market, net.h11, 5).entry
    entry = credit(net, market, net.h11, 10).entry
    reversal = entry_reverse(entry, actor=net.station_staff, reason="称错了")
    client = api(net.station_staff)
    ledger = client.get("/api/points/entries/", {"household": net.h11.pk}).json()["results"]
    history = client.get(f"/api/points/households/{net.h11.pk}/").json()["entries"]
    for rows in (ledger, history):
        shown = {row["id"]: row["reversed_by"] for row in rows}
        assert shown == {reversal.pk: None, entry.pk: reversal.pk, kept.pk: None}
    page = web(net.villager).get(reverse("points_market:my-points"))
    assert page.status_code == 200
    assert page.content.decode().count("已冲正") == 1
