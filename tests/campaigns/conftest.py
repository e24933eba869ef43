import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign, CampaignKind
from volunteers.models import Activity, ActivityStatus


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_campaign(net, today):
    def make(code="xueleifeng", unit=None, starts=None, ends=None, **kw):
        starts = starts or today
        ends = ends or starts + datetime.timedelta(days=30)
        kw.setdefault("name", "学雷锋月")
        kw.setdefault("kind", CampaignKind.CAMPAIGN)
        return Campaign.objects.create(code=code, unit=unit or net.banner, starts_on=starts,
                                       ends_on=ends, **kw)
    return make


@pytest.fixture
def make_activity(net):
    def make(unit=None, category="other", campaign=None, when=None, status=ActivityStatus.HELD,
             title="活动"):
        when = when or timezone.now()
        return Activity.objects.create(unit=unit or net.v11, category=category,
                                       campaign=campaign, title=title, starts_at=when,
                                       ends_at=when + datetime.timedelta(hours=2),
                                       status=status)
    return make
