"""The banner's scope is everything: its filter adds no join and no condition where every row
reaches a unit through keys that cannot be null, and keeps ``IS NOT NULL`` where one can."""

import pytest

from points_market.models import CategoryPrice, Entry
from practice.models import User
from practice.scoping import unit_always_set
from volunteers.models import Order, TimeBankEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [TimeBankEntry, Entry, Order])
def test_no_condition_where_every_row_has_a_unit(net, model):
    assert unit_always_set(model, model.scope.unit)
    sql = str(model.objects.for_user(net.banner_admin).query)
    assert " WHERE " not in sql and " JOIN " not in sql
    # A township's staff still get their subtree.
    assert "LIKE" in str(model.objects.for_user(net.township_staff).query)


def test_rows_that_may_lack_a_unit_stay_out(net):
    # A user's unit may be empty (an account not yet placed); a village price's village too
    # (the banner-wide default price), though prices have rules of their own.
    assert not unit_always_set(CategoryPrice, "village")
    assert not unit_always_set(User, User.scope.unit)
    assert "IS NOT NULL" in str(User.objects.for_user(net.banner_admin).query)


def test_the_banner_still_sees_every_row_and_a_unitless_user_stays_out(net):
    orphan = User.objects.create_user("no_unit_yet", password="A-long-enough-password-2026")
    seen = set(User.objects.for_user(net.banner_admin).values_list("pk", flat=True))
    assert orphan.pk not in seen
    assert seen == set(User.objects.filter(unit__isnull=False).values_list("pk", flat=True))
