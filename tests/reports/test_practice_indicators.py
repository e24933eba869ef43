"""The practice network's own indicators against a hand-built data set."""

import pytest

from practice.indicators import Period, evaluate
from practice.models import User
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


def test_households_new_counts_the_households_created_in_the_month(net):
    # net's own three households were created today: outside March 2025.
    household(net.v11, "X1", at(2025, 3, 1, 0))  # first minute of the month counts
    household(net.v11, "X2", at(2025, 3, 31, 23))
    household(net.v12, "X3", at(2025, 3, 10))
    household(net.v21, "X4", at(2025, 3, 10))
    household(net.v21, "X5", at(2025, 4, 1, 0))  # next month
    household(net.v21, "X6", at(2025, 2, 28, 23))  # month before
    units = [net.banner, net.t1, net.t2, net.v11, net.v12, net.v21]
    got = evaluate(Period.month(2025, 3), units, ["practice.households_new"])
    by = {u: got[u.pk]["practice.households_new"] for u in units}
    assert by == {net.banner: 4, net.t1: 3, net.t2: 1, net.v11: 2, net.v12: 1, net.v21: 1}


def test_accounts_new_counts_accounts_opened_at_their_unit(net):
    User.objects.update(date_joined=at(2024, 1, 5))
    User.objects.filter(username__in=["villager", "station_staff"]).update(
        date_joined=at(2025, 6, 2))  # both at v11
    User.objects.filter(username="township_staff_other").update(date_joined=at(2025, 6, 30))
    User.objects.filter(username="leader").update(date_joined=at(2025, 6, 15))  # at the banner
    units = [net.banner, net.t1, net.t2, net.v11]
    got = evaluate(Period.month(2025, 6), units, ["practice.accounts_new"])
    assert [got[u.pk]["practice.accounts_new"] for u in units] == [4, 2, 1, 2]
