"""The pure rule check: every rule at its boundary, every occasion, all problems at once."""

from decimal import Decimal

import pytest

from banquets.models import RuleSet
from banquets.rules import check_booking, fee_for
from tests.banquets.conftest import make_request


def fields(problems):
    return [p.field for p in problems]


@pytest.fixture
def defaults():
    return RuleSet()  # the source report's figures; never saved: the check needs no database


def test_a_request_within_every_rule_passes(defaults):
    assert check_booking(make_request(), defaults) == []


@pytest.mark.parametrize(("tables", "ok"), [(1, True), (10, True), (11, False), (30, False)])
def test_it_allows_ten_tables_and_refuses_eleven(defaults, tables, ok):
    problems = check_booking(make_request(tables=tables), defaults)
    assert (problems == []) is ok
    if not ok:
        assert fields(problems) == ["tables"]
        assert problems[0].message == "酒席不得超过10桌"


@pytest.mark.parametrize(("dishes", "ok"), [(6, True), (7, False)])
def test_it_allows_six_dishes_a_table_and_refuses_seven(defaults, dishes, ok):
    problems = check_booking(make_request(dishes_per_table=dishes), defaults)
    assert (problems == []) is ok
    if not ok:
        assert fields(problems) == ["dishes_per_table"]
        assert problems[0].message == "每桌菜品不得超过6个"


@pytest.mark.parametrize(("gift", "ok"), [(0, True), (200, True), (201, False)])
def test_it_allows_200_yuan_gift_money_and_refuses_201(defaults, gift, ok):
    problems = check_booking(make_request(gift_limit=gift), defaults)
    assert (problems == []) is ok
    if not ok:
        assert fields(problems) == ["gift_limit"]
        assert problems[0].message == "礼金不得超过200元"


def test_it_allows_one_formal_meal_only(defaults):
    assert check_booking(make_request(formal_meals=1), defaults) == []
    problems = check_booking(make_request(formal_meals=2), defaults)
    assert fields(problems) == ["formal_meals"]
    assert "正席" in problems[0].message


@pytest.mark.parametrize(
    ("occasion", "banquet", "tea_party"),
    [
        ("wedding", [], []),
        ("collective_wedding", [], []),
        ("funeral", [], []),
        ("school_admission", ["kind"], []),
        ("birthday", ["kind"], []),
        ("relocation", ["occasion"], ["occasion"]),
        ("full_month", ["occasion"], ["occasion"]),
        ("enlistment", ["occasion"], ["occasion"]),
        ("other", ["occasion"], ["occasion"]),
    ],
)
def test_every_occasion_under_the_default_rules(defaults, occasion, banquet, tea_party):
    assert fields(check_booking(make_request(occasion=occasion, kind="banquet"), defaults)) \
        == banquet
    assert fields(check_booking(make_request(occasion=occasion, kind="tea_party"), defaults)) \
        == tea_party


def test_the_messages_name_the_occasion(defaults):
    [full_month] = check_booking(make_request(occasion="full_month"), defaults)
    assert "满月" in full_month.message
    [school] = check_booking(make_request(occasion="school_admission"), defaults)
    assert "升学" in school.message and "茶话会" in school.message


def test_it_reports_every_broken_rule_at_once(defaults):
    problems = check_booking(
        make_request(occasion="birthday", kind="banquet", tables=12, dishes_per_table=8,
                     gift_limit=500, formal_meals=3),
        defaults,
    )
    assert fields(problems) == ["kind", "tables", "dishes_per_table", "gift_limit",
                                "formal_meals"]
    assert all(p.message for p in problems)


def test_the_messages_quote_the_rule_sets_own_figures():
    strict = RuleSet(max_tables=8, max_dishes_per_table=5, max_gift=100)
    problems = check_booking(make_request(tables=9, dishes_per_table=6, gift_limit=101), strict)
    assert [p.message for p in problems] == ["酒席不得超过8桌", "每桌菜品不得超过5个",
                                             "礼金不得超过100元"]
    assert check_booking(make_request(tables=8, dishes_per_table=5, gift_limit=100), strict) == []


def test_a_rule_set_may_allow_other_occasions():
    lenient = RuleSet(banquet_occasions=["wedding", "funeral", "enlistment"],
                      tea_party_occasions=["birthday"])
    assert check_booking(make_request(occasion="enlistment"), lenient) == []
    assert fields(check_booking(make_request(occasion="collective_wedding"), lenient)) \
        == ["occasion"]
    assert fields(check_booking(make_request(occasion="school_admission", kind="tea_party"),
                                lenient)) == ["occasion"]


def test_without_the_one_meal_rule_more_meals_pass():
    assert check_booking(make_request(formal_meals=2), RuleSet(one_formal_meal=False)) == []


def test_the_fee_is_40_yuan_a_table(defaults):
    assert fee_for(1, defaults) == Decimal("40")
    assert fee_for(10, defaults) == Decimal("400")
    assert fee_for(3, RuleSet(fee_per_table=Decimal("35.50"))) == Decimal("106.50")
