"""The yearly calendar: each reads their own line; staff open the units of their area."""

import datetime

import pytest

from volunteers.models import ActivityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_campaigns(net, make_campaign, today):
    year = today.year
    return {
        "banner": make_campaign(code="naadam", name="那达慕", starts=datetime.date(year, 7, 15),
                                ends=datetime.date(year, 8, 15)),
        "t1": make_campaign(code="chunfeng", name="常胜春风", unit=net.t1,
                            starts=datetime.date(year, 3, 15), ends=datetime.date(year, 5, 31)),
        "t2": make_campaign(code="t2own", name="努古斯台自办", unit=net.t2,
                            starts=datetime.date(year, 3, 1), ends=datetime.date(year, 3, 31)),
        "festival": make_campaign(code="national-day", name="国庆", kind="festival",
                                  starts=datetime.date(year, 10, 1),
                                  ends=datetime.date(year, 10, 7)),
        "next": make_campaign(code="naadam-next", name="明年那达慕",
                              starts=datetime.date(year + 1, 7, 15),
                              ends=datetime.date(year + 1, 8, 15)),
    }


def test_a_villager_sees_the_banners_and_their_townships_campaigns(net, web, year_campaigns,
                                                                  today):
    page = web(net.villager).get(f"/campaigns/calendar/?year={today.year}").content.decode()
    assert "那达慕" in page and "常胜春风" in page and "国庆" in page
    assert "努古斯台自办" not in page and "明年那达慕" not in page


def test_a_villager_cannot_open_another_units_calendar(net, web, year_campaigns):
    assert web(net.villager).get(f"/campaigns/calendar/?unit={net.v21.pk}").status_code == 404


def test_township_staff_open_their_villages_not_others(net, web, year_campaigns, today):
    client = web(net.township_staff)
    assert client.get(f"/campaigns/calendar/?unit={net.v11.pk}").status_code == 200
    assert client.get(f"/campaigns/calendar/?unit={net.v21.pk}").status_code == 404


def test_the_banners_calendar_shows_every_townships_own(net, web, year_campaigns, today):
    page = web(net.leader).get(f"/campaigns/calendar/?year={today.year}").content.decode()
    assert "常胜春风" in page and "努古斯台自办" in page


def test_a_villages_calendar_lists_its_campaign_activities(net, web, year_campaigns,
                                                          make_activity, today):
    naadam = year_campaigns["banner"]
    when = datetime.datetime(today.year, 7, 20, 9, tzinfo=datetime.UTC)
    make_activity(unit=net.v11, campaign=naadam, when=when, title="那达慕志愿服务",
                  status=ActivityStatus.PLANNED)
    make_activity(unit=net.v21, campaign=naadam, when=when, title="柴达木那达慕")
    page = web(net.station_staff).get(f"/campaigns/calendar/?year={today.year}").content.decode()
    assert "那达慕志愿服务" in page and "柴达木那达慕" not in page


def test_the_api_lists_a_years_campaigns(net, api, year_campaigns, today):
    data = api(net.villager).get(f"/api/campaigns/?year={today.year + 1}").json()
    assert [c["code"] for c in data["results"]] == ["naadam-next"]
