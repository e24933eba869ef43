"""Property tests of the rule and arithmetic modules: banquet checks, points, service hours."""

from decimal import ROUND_FLOOR, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banquets.models import Kind, Occasion, RuleSet
from banquets.rules import BookingRequest, check_booking, fee_for
from points_market.services import parse_weight, points_for
from practice.exceptions import InvalidInput
from volunteers.services import MAX_HOURS, clean_hours

OCCASIONS = list(Occasion.values)
LIMITS = {"tables": "max_tables", "dishes_per_table": "max_dishes_per_table",
          "gift_limit": "max_gift"}


@st.composite
def rulesets(draw):
    occasions = draw(st.permutations(OCCASIONS))
    cut1 = draw(st.integers(1, len(occasions)))
    cut2 = draw(st.integers(cut1, len(occasions)))
    return RuleSet(
        banquet_occasions=list(occasions[:cut1]),
        tea_party_occasions=list(occasions[cut1:cut2]),
        max_tables=draw(st.integers(1, 30)),
        max_dishes_per_table=draw(st.integers(1, 12)),
        max_gift=draw(st.integers(0, 1000)),
        fee_per_table=draw(st.decimals(0, 500, places=2)),
        one_formal_meal=draw(st.booleans()),
    )


@st.composite
def allowed_requests(draw, ruleset):
    occasion = draw(st.sampled_from(ruleset.banquet_occasions + ruleset.tea_party_occasions))
    kinds = [Kind.BANQUET, Kind.TEA_PARTY] if occasion in ruleset.banquet_occasions \
        else [Kind.TEA_PARTY]
    return BookingRequest(
        occasion=occasion, kind=draw(st.sampled_from(kinds)), date=None,
        tables=draw(st.integers(1, ruleset.max_tables)),
        dishes_per_table=draw(st.integers(1, ruleset.max_dishes_per_table)),
        gift_limit=draw(st.integers(0, ruleset.max_gift)),
        formal_meals=1 if ruleset.one_formal_meal else draw(st.integers(1, 3)),
    )


@settings(deadline=None)
@given(st.data())
def test_a_request_within_every_limit_for_an_allowed_occasion_breaks_no_rule(data):
    ruleset = data.draw(rulesets())
    request = data.draw(allowed_requests(ruleset))
    assert check_booking(request, ruleset) == []


@settings(deadline=None)
@given(st.data(), st.sets(st.sampled_from(sorted(LIMITS)), min_size=1),
       st.integers(1, 100))
def test_going_over_a_limit_names_exactly_the_fields_over_it(data, over, excess):
    ruleset = data.draw(rulesets())
    request = data.draw(allowed_requests(ruleset))
    changes = {name: getattr(ruleset, LIMITS[name]) + excess for name in over}
    request = BookingRequest(**{**request.__dict__, **changes})
    fields = [v.field for v in check_booking(request, ruleset)]
    assert sorted(fields) == sorted(over)
    assert all(v.message for v in check_booking(request, ruleset))


@settings(deadline=None)
@given(st.data())
def test_an_occasion_the_rules_do_not_allow_is_named(data):
    ruleset = data.draw(rulesets())
    forbidden = [o for o in OCCASIONS
                 if o not in ruleset.banquet_occasions + ruleset.tea_party_occasions]
    tea_only = ruleset.tea_party_occasions
    request = data.draw(allowed_requests(ruleset))
    if forbidden:
        bad = BookingRequest(**{**request.__dict__, "occasion": data.draw(
            st.sampled_from(forbidden))})
        assert [v.field for v in check_booking(bad, ruleset)] == ["occasion"]
    if tea_only:
        bad = BookingRequest(**{**request.__dict__, "kind": Kind.BANQUET,
                                "occasion": data.draw(st.sampled_from(tea_only))})
        assert [v.field for v in check_booking(bad, ruleset)] == ["kind"]


@given(st.integers(0, 1000), st.decimals(0, 10000, places=2))
def test_the_fee_is_tables_times_the_fee_per_table(tables, fee_per_table):
    ruleset = RuleSet(fee_per_table=fee_per_table)
    assert fee_for(tables, ruleset) == tables * fee_per_table


# --- points ---------------------------------------------------------------------------------
WEIGHTS = st.decimals(Decimal("0.1"), Decimal("1000"), places=1)
PRICES = st.decimals(Decimal("0.01"), Decimal("20"), places=2)


@given(st.lists(st.tuples(WEIGHTS, PRICES), min_size=1, max_size=6))
def test_points_are_the_floor_of_ten_times_the_decimal_value_and_never_negative(lines):
    amounts = [w * p for w, p in lines]
    points = points_for(amounts)
    assert points >= 0
    assert points == int((sum(amounts) * 10).to_integral_value(rounding=ROUND_FLOOR))


@given(WEIGHTS, WEIGHTS, PRICES)
def test_more_weight_never_earns_fewer_points(a, b, price):
    light, heavy = sorted((a, b))
    assert points_for([light * price]) <= points_for([heavy * price])


@given(WEIGHTS)
def test_a_weight_with_one_decimal_parses_to_itself(weight):
    assert parse_weight(str(weight)) == weight


@given(st.text(max_size=12))
def test_any_text_is_a_weight_or_a_400_naming_the_field(text):
    try:
        weight = parse_weight(text, field="w")
    except InvalidInput as e:
        assert e.field == "w"
    else:
        assert Decimal("0") < weight <= Decimal("1000")


# --- service hours --------------------------------------------------------------------------
@given(st.decimals(Decimal("0.01"), MAX_HOURS, places=2))
def test_hours_from_a_hundredth_to_twenty_four_are_kept_exactly(hours):
    assert clean_hours(str(hours)) == hours


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.decimals(),
                 st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-0", "1e400", "24.01"])))
def test_any_hours_are_a_number_in_range_or_a_400_naming_hours(value):
    try:
        hours = clean_hours(value)
    except InvalidInput as e:
        assert e.field == "hours"
    else:
        assert Decimal("0") < hours <= MAX_HOURS


@pytest.mark.parametrize("value", ["NaN", "-NaN"])
def test_not_a_number_is_refused_as_hours(value):
    with pytest.raises(InvalidInput):
        clean_hours(value)
