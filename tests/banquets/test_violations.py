"""Recorded violations and the "committee support withheld" flag."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from banquets import services
from banquets.selectors import support_withheld
from practice.exceptions import Forbidden

pytestmark = pytest.mark.django_db


def record(net, actor=None, household=None, **kw):
    data = {"event_date": datetime.date(2025, 3, 1), "rule": "tables",
            "description": "超标摆席15桌", "support_withheld_until": datetime.date(2026, 2, 28)}
    data.update(kw)
    return services.violation_record(household=household or net.h11,
                                     actor=actor or net.station_staff, **data)


def test_a_violation_withholds_support_until_the_date_set(net):
    record(net)
    assert support_withheld(net.h11, on=datetime.date(2025, 2, 28)) is False
    assert support_withheld(net.h11, on=datetime.date(2025, 3, 1)) is True
    assert support_withheld(net.h11, on=datetime.date(2026, 2, 28)) is True
    assert support_withheld(net.h11, on=datetime.date(2026, 3, 1)) is False
    assert support_withheld(net.h12, on=datetime.date(2025, 6, 1)) is False


def test_only_staff_in_scope_record_violations(net):
    for who in (net.villager, net.reviewer, net.leader, net.station_staff_other):
        with pytest.raises(Forbidden):
            record(net, actor=who)
    assert record(net, actor=net.township_staff).pk


def test_a_bad_violation_names_each_field(net):
    with pytest.raises(ValidationError) as err:
        record(net, rule="noise", description=" ",
               support_withheld_until=datetime.date(2025, 1, 1))
    assert set(err.value.message_dict) == {"rule", "description", "support_withheld_until"}
