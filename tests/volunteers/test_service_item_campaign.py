"""A service item belongs to a campaign of its own line (its banner's or its township's), as
activities and honours do: the admin refuses another township's campaign with a message."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def _campaign(code, unit):
    today = timezone.localdate()
    return Campaign.objects.create(code=code, name=f"{code}活动", unit=unit, starts_on=today,
                                   ends_on=today + datetime.timedelta(days=30))


def test_the_admin_takes_a_campaign_of_the_items_line_only(vnet, web):
    own, other = _campaign("chunfeng", vnet.t1), _campaign("nadam_t2", vnet.t2)
    client = web(vnet.banner_admin)
    url = f"/admin/volunteers/serviceitem/{vnet.item_v11.pk}/change/"
    data = {"name": vnet.item_v11.name, "category": vnet.item_v11.category, "description": "",
            "unit": vnet.v11.pk, "active": "on", "name_mn": ""}

    refused = client.post(url, {**data, "campaign": other.pk})

    assert refused.status_code == 200 and "不属于本单位所在的旗或苏木镇" in refused.content.decode()
    vnet.item_v11.refresh_from_db()
    assert vnet.item_v11.campaign is None
    assert client.post(url, {**data, "campaign": own.pk}).status_code == 302
    vnet.item_v11.refresh_from_db()
    assert vnet.item_v11.campaign == own
