import datetime

import pytest
from django.utils import timezone

from banquets.models import Canteen, RuleSet
from banquets.rules import BookingRequest


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def soon(today):
    """A date a fortnight ahead: open for booking."""
    return today + datetime.timedelta(days=14)


@pytest.fixture
def banner_rules(net):
    return RuleSet.objects.create(unit=net.banner, effective_from=datetime.date(2018, 1, 1),
                                  title="旗红白事规定")


@pytest.fixture
def canteen(net):
    return Canteen.objects.create(village=net.v11, name="沃德嘎查合约食堂", capacity=20)


@pytest.fixture
def canteen_v21(net):
    return Canteen.objects.create(village=net.v21, name="柴达木嘎查合约食堂", capacity=12)


def make_request(**overrides):
    data = {
        "occasion": "wedding",
        "kind": "banquet",
        "date": timezone.localdate() + datetime.timedelta(days=14),
        "tables": 8,
        "dishes_per_table": 6,
        "gift_limit": 100,
    }
    data.update(overrides)
    return BookingRequest(**data)


def body(canteen, **overrides):
    data = {
        "canteen": canteen.pk,
        "occasion": "wedding",
        "kind": "banquet",
        "date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "tables": 8,
        "dishes_per_table": 6,
        "gift_limit": 100,
    }
    data.update(overrides)
    return data
