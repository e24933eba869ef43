"""points = floor(Σ weight × price × 10), in Decimal, one point being 0.1 yuan."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from points_market.services import deposit_quote, deposit_record, parse_weight, points_for
from practice.exceptions import InvalidInput

pytestmark = pytest.mark.django_db


def test_ten_jin_of_newspapers_earn_eighty_points(net, market):
    result = deposit_record(
        net.h11, actor=net.station_staff,
        lines=[{"category": market.newspaper.pk, "weight_jin": "10"}],
    )
    assert result.points == 80
    assert result.balance == 80
    line = result.record.lines.get()
    assert line.price_per_jin == Decimal("0.80")
    assert line.amount_yuan == Decimal("8.000")


def test_points_are_rounded_down_over_the_whole_deposit(net, market):
    # 0.3 jin of cardboard = 0.15 yuan = 1.5 points; with 0.3 jin of books (0.18 yuan)
    # the deposit is worth 0.33 yuan = 3.3 points → 3, not 1 + 1 = 2.
    quote = deposit_quote(net.v11, [
        {"category": market.cardboard.pk, "weight_jin": "0.3"},
        {"category": market.books.pk, "weight_jin": "0.3"},
    ])
    assert quote.amount_yuan == Decimal("0.33")
    assert quote.points == 3


def test_a_mixed_deposit_adds_up_every_category(net, market):
    quote = deposit_quote(net.v11, [
        {"category": market.newspaper.pk, "weight_jin": "12.5"},   # 10.00 yuan
        {"category": market.bottles.pk, "weight_jin": "3.7"},      # 2.96 yuan
        {"category": market.cardboard.pk, "weight_jin": "20.1"},   # 10.05 yuan
        {"category": market.books.pk, "weight_jin": "0.9"},        # 0.54 yuan
    ])
    assert quote.amount_yuan == Decimal("23.55")
    assert quote.points == 235
    assert quote.weight_jin == Decimal("37.2")


def test_two_lines_of_one_category_are_merged(net, market):
    quote = deposit_quote(net.v11, [
        {"category": market.books.pk, "weight_jin": "0.1"},
        {"category": market.books.pk, "weight_jin": "0.1"},
    ])
    assert len(quote.lines) == 1
    assert quote.lines[0].weight_jin == Decimal("0.2")
    assert quote.points == 1  # 0.12 yuan → 1.2 points → 1


def test_binary_floats_would_get_this_wrong_decimal_does_not(net, market):
    # 0.1 + 0.2 jin of newspapers at 0.8 = 0.24 yuan = 2.4 points; 1.1 jin × 0.5 × 10 = 5.5.
    assert points_for([Decimal("1.1") * Decimal("0.50")]) == 5
    assert points_for([Decimal("0.3") * Decimal("0.80")]) == 2
    assert int(1.1 * 0.5 * 10 * 1) == 5  # float happens to agree here …
    assert points_for([Decimal("0.7") * Decimal("0.60") * 1]) == 4  # 4.2
    assert points_for([Decimal("1000.0") * Decimal("0.80")]) == 8000


@settings(deadline=None)  # the machine is shared: no timing in tests
@given(st.lists(st.tuples(st.integers(1, 10000), st.sampled_from(["0.80", "0.50", "0.60"])),
                min_size=1, max_size=6))
def test_points_never_exceed_the_value_and_lose_less_than_one(lines):
    amounts = [Decimal(tenths) / 10 * Decimal(price) for tenths, price in lines]
    total_tenths_of_yuan = sum(amounts) * 10
    points = points_for(amounts)
    assert points <= total_tenths_of_yuan < points + 1


@pytest.mark.parametrize(("value", "message_field"), [
    ("0", "weight_jin"), ("-1", "weight_jin"), ("1000.1", "weight_jin"), ("1.25", "weight_jin"),
    ("abc", "weight_jin"), ("NaN", "weight_jin"), ("", "weight_jin"),
])
def test_bad_weights_are_refused(value, message_field):
    with pytest.raises(InvalidInput) as caught:
        parse_weight(value)
    assert caught.value.field == message_field


@pytest.mark.parametrize("value", ["0.1", "1000", "1000.0", "7.50", 3, "12.3"])
def test_good_weights_are_accepted(value):
    assert parse_weight(value) == Decimal(str(value)).quantize(Decimal("0.1"))


def test_an_unknown_category_names_the_line(net, market):
    with pytest.raises(InvalidInput) as caught:
        deposit_quote(net.v11, [{"category": 99999, "weight_jin": "1"}])
    assert caught.value.field == "lines[0].category"


def test_a_deposit_worth_less_than_a_point_is_refused_and_writes_nothing(net, market):
    from points_market.models import Deposit, Entry

    with pytest.raises(InvalidInput):
        deposit_record(net.h11, actor=net.station_staff,
                       lines=[{"category": market.cardboard.pk, "weight_jin": "0.1"}])
    assert not Deposit.objects.exists()
    assert not Entry.objects.exists()
