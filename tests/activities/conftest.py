from datetime import timedelta

import pytest
from django.utils import timezone

from tests.volunteers.conftest import join, make_volunteer, vnet  # noqa: F401 (fixtures)
from volunteers import activity_services
from volunteers.models import ActivityCategory


@pytest.fixture
def plan(vnet):  # noqa: F811 (the imported fixture)
    """``plan(**kw)`` → an activity planned by station staff in v11 (now ± 1 hour by default)."""

    def make(actor=None, unit=None, **kw):
        now = timezone.now()
        kw.setdefault("title", "移风易俗宣讲")
        kw.setdefault("category", ActivityCategory.CUSTOMS_REFORM)
        kw.setdefault("starts_at", now - timedelta(hours=1))
        kw.setdefault("ends_at", now + timedelta(hours=1))
        kw.setdefault("place", "沃德嘎查文化广场")
        kw.setdefault("teams", [vnet.team])
        return activity_services.activity_create(actor=actor or vnet.station_staff,
                                                 unit=unit or vnet.v11, **kw)

    return make


@pytest.fixture
def act(plan):
    return plan()


@pytest.fixture
def token(act):
    return activity_services.checkin_token(act)
