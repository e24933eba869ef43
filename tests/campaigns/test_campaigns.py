"""Campaigns: who edits them, what belongs to them, the API by code and year."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from volunteers.models import ServiceItem

pytestmark = pytest.mark.django_db


def _body(net, today, **kw):
    body = {"code": "chunfeng", "name": "春风行动", "kind": "campaign", "unit": net.t1.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=60)).isoformat()}
    body.update(kw)
    return body


def test_township_staff_set_their_own_townships_campaigns_only(net, api, today):
    assert api(net.township_staff).post("/api/campaigns/", _body(net, today),
                                         format="json").status_code == 201
    r = api(net.township_staff).post("/api/campaigns/", _body(
        net, today, code="b", unit=net.banner.pk), format="json")
    assert r.status_code == 400 and "unit" in r.json()
    r = api(net.township_staff).post("/api/campaigns/", _body(
        net, today, code="c", unit=net.t2.pk), format="json")
    assert r.status_code == 400
    assert api(net.station_staff).post("/api/campaigns/", _body(net, today, code="d"),
                                       format="json").status_code == 403


def test_the_banner_administrator_edits_every_campaign(net, api, make_campaign):
    own = make_campaign(code="chunfeng", unit=net.t1, name="春风")
    r = api(net.banner_admin).patch(f"/api/campaigns/{own.pk}/", {"name": "春风行动"},
                                    format="json")
    assert r.status_code == 200 and r.json()["name"] == "春风行动"
    banner = make_campaign(code="naadam", name="那达慕")
    assert api(net.township_staff).patch(f"/api/campaigns/{banner.pk}/", {"name": "x"},
                                         format="json").status_code == 403
    other = make_campaign(code="t2own", unit=net.t2)
    assert api(net.township_staff).patch(f"/api/campaigns/{other.pk}/", {"name": "x"},
                                         format="json").status_code == 404


def test_everyone_reads_the_campaigns_of_their_own_line_by_year(net, api, make_campaign, today):
    make_campaign(code="banner-now")
    make_campaign(code="t1-now", unit=net.t1)
    make_campaign(code="t2-now", unit=net.t2)
    make_campaign(code="banner-later", starts=today.replace(year=today.year + 2, month=1, day=1))
    codes = {c["code"] for c in api(net.villager).get(
        f"/api/campaigns/?year={today.year}").json()["results"]}
    assert codes >= {"banner-now", "t1-now"} and "t2-now" not in codes
    assert "banner-later" not in codes
    codes = {c["code"] for c in api(net.leader).get("/api/campaigns/").json()["results"]}
    assert {"banner-now", "t1-now", "t2-now", "banner-later"} <= codes


def test_activities_belong_to_a_campaign_by_its_code_and_are_filtered_by_it(
        net, api, make_campaign, today):
    campaign = make_campaign(code="xueleifeng", starts=today - datetime.timedelta(days=1))
    start = timezone.now() + datetime.timedelta(days=1)
    body = {"unit": net.v11.pk, "category": "service_day", "title": "学雷锋志愿服务",
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
            "campaign": "xueleifeng"}
    r = api(net.station_staff).post("/api/activities/", body, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["campaign"] == "xueleifeng"
    plain = api(net.station_staff).post("/api/activities/", {**body, "campaign": ""},
                                        format="json").json()
    found = api(net.station_staff).get("/api/activities/?campaign=xueleifeng").json()
    ids = {a["id"] for a in found["results"]}
    assert r.json()["id"] in ids and plain["id"] not in ids
    assert campaign.activities.count() == 1


def test_a_campaign_of_another_township_or_period_is_refused_in_chinese(
        net, api, make_campaign, today):
    make_campaign(code="t2own", unit=net.t2)
    make_campaign(code="past", starts=today - datetime.timedelta(days=90),
                  ends=today - datetime.timedelta(days=60))
    start = timezone.now() + datetime.timedelta(days=1)
    body = {"unit": net.v11.pk, "category": "other", "title": "x",
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=2)).isoformat()}
    for code in ("t2own", "past", "nope"):
        r = api(net.station_staff).post("/api/activities/", {**body, "campaign": code},
                                        format="json")
        assert r.status_code == 400 and "campaign" in r.json(), code


def test_service_items_are_filtered_by_campaign(net, api, make_campaign):
    campaign = make_campaign(code="chongyang", name="重阳敬老")
    item = ServiceItem.objects.create(name="老人理发", unit=net.banner, campaign=campaign)
    ServiceItem.objects.create(name="家电维修", unit=net.banner)
    items = api(net.villager).get("/api/service-items/?campaign=chongyang").json()
    rows = items["results"] if isinstance(items, dict) else items
    assert [i["id"] for i in rows] == [item.pk]
    assert rows[0]["campaign"] == "chongyang"


def test_the_staff_page_adds_a_campaign(net, web, today):
    r = web(net.township_staff).post("/campaigns/new/", {
        "code": "chunfeng", "name": "春风行动", "kind": "campaign", "unit": net.t1.pk,
        "starts_on": today.isoformat(), "ends_on": today.isoformat(),
        "remind_days_before": 7})
    assert r.status_code == 302
    assert Campaign.objects.get(code="chunfeng").unit == net.t1
    assert web(net.station_staff).get("/campaigns/new/").status_code == 403
