"""A price change applies from its date on; a village may set its own prices."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from points_market.models import CategoryPrice
from points_market.services import deposit_quote, deposit_record, price_set, prices_in_force

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2025, 6, 1)


def test_the_latest_price_that_has_taken_effect_counts(net, market):
    CategoryPrice.objects.create(category=market.newspaper, price_per_jin=Decimal("1.00"),
                                 effective_from=JUNE)
    assert prices_in_force(net.v11, JUNE - datetime.timedelta(days=1))[market.newspaper.pk] == (
        Decimal("0.80"))
    assert prices_in_force(net.v11, JUNE)[market.newspaper.pk] == Decimal("1.00")
    assert deposit_quote(net.v11, [{"category": market.newspaper.pk, "weight_jin": "10"}],
                         on_date=datetime.date(2025, 5, 31)).points == 80
    assert deposit_quote(net.v11, [{"category": market.newspaper.pk, "weight_jin": "10"}],
                         on_date=JUNE).points == 100


def test_a_future_price_does_not_apply_yet(net, market):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    CategoryPrice.objects.create(category=market.newspaper, price_per_jin=Decimal("2.00"),
                                 effective_from=tomorrow)
    result = deposit_record(net.h11, actor=net.station_staff,
                            lines=[{"category": market.newspaper.pk, "weight_jin": "10"}])
    assert result.points == 80


def test_a_past_deposit_keeps_the_price_it_was_made_at(net, market):
    first = deposit_record(net.h11, actor=net.station_staff,
                           lines=[{"category": market.bottles.pk, "weight_jin": "5"}])
    price_set(market.bottles, actor=net.banner_admin, price_per_jin="1.20",
              effective_from=timezone.localdate())
    second = deposit_record(net.h11, actor=net.station_staff,
                            lines=[{"category": market.bottles.pk, "weight_jin": "5"}])
    first.record.refresh_from_db()
    assert first.record.points == 40
    assert first.record.lines.get().price_per_jin == Decimal("0.80")
    assert second.points == 60
    assert second.record.lines.get().price_per_jin == Decimal("1.20")


def test_a_village_overrides_the_banner_default_only_for_itself(net, market):
    price_set(market.cardboard, actor=net.station_staff, village=net.v11, price_per_jin="0.70",
              effective_from=datetime.date(2025, 3, 1))
    assert prices_in_force(net.v11, datetime.date(2025, 3, 1))[market.cardboard.pk] == (
        Decimal("0.70"))
    assert prices_in_force(net.v11, datetime.date(2025, 2, 28))[market.cardboard.pk] == (
        Decimal("0.50"))
    assert prices_in_force(net.v12, datetime.date(2025, 3, 1))[market.cardboard.pk] == (
        Decimal("0.50"))
    # The village's own price stays in force over later banner-wide changes.
    CategoryPrice.objects.create(category=market.cardboard, price_per_jin=Decimal("0.40"),
                                 effective_from=datetime.date(2025, 4, 1))
    assert prices_in_force(net.v11, datetime.date(2025, 4, 1))[market.cardboard.pk] == (
        Decimal("0.70"))
    assert prices_in_force(net.v12, datetime.date(2025, 4, 1))[market.cardboard.pk] == (
        Decimal("0.40"))


def test_only_the_banner_administrator_sets_banner_wide_prices(net, market):
    from practice.exceptions import Forbidden, NotFound

    with pytest.raises(Forbidden):
        price_set(market.books, actor=net.township_staff, price_per_jin="0.9",
                  effective_from=JUNE)
    with pytest.raises(NotFound):
        price_set(market.books, actor=net.station_staff, village=net.v12, price_per_jin="0.9",
                  effective_from=JUNE)
