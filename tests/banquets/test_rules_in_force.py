"""Which rule set binds a booking: the village's own latest version, else the banner's."""

import datetime

import pytest

from banquets.models import RuleSet
from banquets.rules import check_booking
from banquets.selectors import ruleset_in_force
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db

D = datetime.date


def test_without_any_rule_set_the_defaults_apply(net):
    rules = ruleset_in_force(net.v11, D(2025, 5, 1))
    assert rules.pk is None
    assert (rules.max_tables, rules.max_dishes_per_table, rules.max_gift) == (10, 6, 200)


def test_a_village_without_its_own_rules_follows_the_banner(net, banner_rules):
    assert ruleset_in_force(net.v11, D(2025, 5, 1)) == banner_rules


def test_a_villages_own_rules_override_the_banners(net, banner_rules):
    own = RuleSet.objects.create(unit=net.v21, effective_from=D(2019, 1, 1), max_tables=8,
                                 max_dishes_per_table=5, max_gift=100)
    assert ruleset_in_force(net.v21, D(2025, 5, 1)) == own
    assert ruleset_in_force(net.v11, D(2025, 5, 1)) == banner_rules
    nine = make_request(tables=9, dishes_per_table=6, gift_limit=150)
    assert [p.field for p in check_booking(nine, ruleset_in_force(net.v21, D(2025, 5, 1)))] == [
        "tables", "dishes_per_table", "gift_limit"]
    assert check_booking(nine, ruleset_in_force(net.v11, D(2025, 5, 1))) == []


def test_the_version_in_force_on_the_event_date_applies(net, banner_rules):
    first = RuleSet.objects.create(unit=net.v21, effective_from=D(2019, 1, 1), max_tables=8)
    second = RuleSet.objects.create(unit=net.v21, effective_from=D(2024, 7, 1), max_tables=6)
    assert ruleset_in_force(net.v21, D(2018, 12, 31)) == banner_rules
    assert ruleset_in_force(net.v21, D(2019, 1, 1)) == first
    assert ruleset_in_force(net.v21, D(2024, 6, 30)) == first
    assert ruleset_in_force(net.v21, D(2024, 7, 1)) == second
    banner_2026 = RuleSet.objects.create(unit=net.banner, effective_from=D(2026, 1, 1),
                                         max_tables=9)
    assert ruleset_in_force(net.v11, D(2025, 12, 31)) == banner_rules
    assert ruleset_in_force(net.v11, D(2026, 1, 1)) == banner_2026
    # The village's own version still wins over a newer banner version.
    assert ruleset_in_force(net.v21, D(2026, 3, 1)) == second


def test_another_villages_rules_never_apply(net, banner_rules):
    RuleSet.objects.create(unit=net.v12, effective_from=D(2019, 1, 1), max_tables=3)
    assert ruleset_in_force(net.v11, D(2025, 1, 1)) == banner_rules


def test_rules_belong_to_the_banner_or_a_village(net):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        RuleSet(unit=net.t1, effective_from=D(2020, 1, 1)).full_clean()
    assert "unit" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        RuleSet(unit=net.v11, effective_from=D(2020, 1, 1),
                banquet_occasions=["wedding", "feast"]).full_clean()
    assert "banquet_occasions" in err.value.message_dict


def test_forbidden_occasions_are_the_rest(net):
    assert RuleSet().forbidden_occasions == ["relocation", "full_month", "enlistment", "other"]
