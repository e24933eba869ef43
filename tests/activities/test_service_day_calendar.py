"""Each village's monthly service day: staff see which villages in their area have not held it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from volunteers.models import Activity

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _day(unit, day, status="held", month=6):
    start = datetime(2025, month, day, 9, tzinfo=TZ)
    return Activity.objects.create(unit=unit, title="志愿服务活动日", category="service_day",
                                   starts_at=start, ends_at=start + timedelta(hours=3),
                                   status=status)


@pytest.fixture
def june(vnet):
    _day(vnet.v11, 5)                       # held
    _day(vnet.v12, 20, status="planned")    # planned, not yet held
    _day(vnet.v21, 30, month=5)             # held, but in May
    return vnet


def test_the_api_lists_the_villages_that_have_not_held_theirs(june, api):
    r = api(june.township_staff).get("/api/activities/service-day-gaps/?month=2025-06")
    assert r.status_code == 200
    body = r.json()
    assert (body["month"], body["villages_total"], body["held_count"]) == ("2025-06", 2, 1)
    assert [(m["village"]["name"], len(m["planned"])) for m in body["missing"]] == [
        (june.v12.name, 1)]
    banner = api(june.banner_admin).get("/api/activities/service-day-gaps/?month=2025-06").json()
    assert {m["village"]["id"] for m in banner["missing"]} == {june.v12.pk, june.v21.pk}
    may = api(june.banner_admin).get("/api/activities/service-day-gaps/?month=2025-05").json()
    assert {m["village"]["id"] for m in may["missing"]} == {june.v11.pk, june.v12.pk}


def test_a_service_day_at_a_base_counts_for_its_village(june, api):
    _day(june.b111, 7)
    Activity.objects.filter(unit=june.v11).delete()
    body = api(june.station_staff).get("/api/activities/service-day-gaps/?month=2025-06").json()
    assert (body["villages_total"], body["held_count"], body["missing"]) == (1, 1, [])


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("reviewer", 403), ("leader", 200),
    ("station_staff", 200)])
def test_who_may_see_the_gaps(june, api, who, code):
    r = api(getattr(june, who)).get("/api/activities/service-day-gaps/")
    assert r.status_code == code


def test_a_bad_month_names_the_field(june, api):
    r = api(june.township_staff).get("/api/activities/service-day-gaps/?month=六月")
    assert r.status_code == 400 and "month" in r.json()


def test_the_calendar_page_shows_the_gaps(june, web):
    page = web(june.township_staff).get("/volunteers/service-days/?month=2025-06")
    html = page.content.decode()
    assert page.status_code == 200
    assert june.v12.name in html and june.v11.name not in html.split('id="service-days"')[1]
    html = web(june.township_staff).get(
        "/volunteers/service-days/?month=2025-06&show=all").content.decode()
    assert june.v11.name in html and "06-05" in html
    assert june.v21.name not in html
    assert web(june.volunteer).get("/volunteers/service-days/").status_code == 403
