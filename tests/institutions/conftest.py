import datetime

import pytest
from django.utils import timezone

from institutions import services
from institutions.models import CouncilKind


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ago():
    def make(days):
        return timezone.localdate() - datetime.timedelta(days=days)

    return make


@pytest.fixture
def villagers_council(net):
    return services.council_set_up(actor=net.station_staff, village=net.v11,
                                   kind=CouncilKind.VILLAGERS)


@pytest.fixture
def antidrug_council(net):
    return services.council_set_up(actor=net.station_staff, village=net.v11,
                                   kind=CouncilKind.ANTI_DRUG)
