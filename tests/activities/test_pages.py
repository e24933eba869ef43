"""Staff and volunteer pages of activities: scope, forms, the QR code, adding hours."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from volunteers import activity_services
from volunteers.models import Activity, Attendance, HoursSource

pytestmark = pytest.mark.django_db


def test_staff_list_shows_their_area_only(vnet, plan, web):
    plan(title="沃德嘎查宣讲")
    plan(title="柴达木嘎查义诊", unit=vnet.v21, actor=vnet.station_staff_other, teams=[])
    html = web(vnet.township_staff).get("/volunteers/activities/").content.decode()
    assert "沃德嘎查宣讲" in html and "柴达木嘎查义诊" not in html
    html = web(vnet.township_staff).get(
        "/volunteers/activities/?category=health").content.decode()
    assert "沃德嘎查宣讲" not in html
    assert web(vnet.villager).get("/volunteers/activities/").status_code == 403


def test_staff_plan_an_activity_with_the_form(vnet, web):
    start = timezone.localtime() + timedelta(days=2)
    r = web(vnet.station_staff).post("/volunteers/activities/new/", {
        "unit": vnet.v11.pk, "category": "service_day", "title": "六月志愿服务活动日",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place": "文化广场", "teams": [vnet.team.pk]})
    activity = Activity.objects.get()
    assert r.status_code == 302 and r.url == f"/volunteers/activities/{activity.pk}/"
    assert activity.category == "service_day" and list(activity.teams.all()) == [vnet.team]


def test_the_form_explains_an_end_before_the_start(vnet, web):
    start = timezone.localtime() + timedelta(days=2)
    r = web(vnet.station_staff).post("/volunteers/activities/new/", {
        "unit": vnet.v11.pk, "category": "health", "title": "义诊",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    assert r.status_code == 200 and "活动结束时间必须晚于开始时间" in r.content.decode()
    assert not Activity.objects.exists()


def test_the_activity_page_has_a_printable_qr_code(vnet, act, web):
    html = web(vnet.station_staff).get(f"/volunteers/activities/{act.pk}/").content.decode()
    assert f"/volunteers/activities/{act.pk}/qr.png" in html and "data-print" in html
    png = web(vnet.station_staff).get(f"/volunteers/activities/{act.pk}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert web(vnet.station_staff_other).get(
        f"/volunteers/activities/{act.pk}/").status_code == 404
    assert web(vnet.volunteer).get(f"/volunteers/activities/{act.pk}/qr.png").status_code == 403
    html = web(vnet.volunteer).get(f"/volunteers/activities/{act.pk}/").content.decode()
    assert "qr.png" not in html


def test_staff_add_hours_on_the_page(vnet, act, token, web):
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token)
    r = web(vnet.station_staff).post(f"/volunteers/activities/{act.pk}/", {
        "action": "add_hours", "volunteer": vnet.vol.pk, "hours": "1.5", "note": "忘记签退"})
    assert r.status_code == 302
    att = Attendance.objects.get(volunteer=vnet.vol)
    assert att.hours == Decimal("1.50") and att.hours_source == HoursSource.STAFF_ENTERED
    html = web(vnet.station_staff).get(f"/volunteers/activities/{act.pk}/").content.decode()
    assert "工作人员录入" in html and "1.50" in html


def test_staff_mark_held_on_the_page(vnet, act, web):
    web(vnet.station_staff).post(f"/volunteers/activities/{act.pk}/",
                                 {"action": "held", "participants": "35"})
    act.refresh_from_db()
    assert (act.status, act.participants) == ("held", 35)
    r = web(vnet.volunteer).post(f"/volunteers/activities/{act.pk}/", {"action": "cancel"})
    assert r.status_code == 403


def test_a_volunteer_checks_in_and_out_on_the_qr_page(vnet, plan, web):
    act = plan(starts_at=timezone.now() - timedelta(minutes=5))
    url = f"/volunteers/a/{activity_services.checkin_token(act)}/"
    client = web(vnet.volunteer)
    assert "签到" in client.get(url).content.decode()
    client.post(url, {"action": "check_in"})
    assert "签退" in client.get(url).content.decode()
    client.post(url, {"action": "check_out"})
    att = Attendance.objects.get()
    assert att.hours_source == HoursSource.VERIFIED and att.checked_out_at is not None
    html = client.get("/volunteers/my-activities/").content.decode()
    assert act.title in html


def test_the_qr_page_asks_for_a_login_first(vnet, act, token, web):
    r = web().get(f"/volunteers/a/{token}/")
    assert r.status_code == 302 and "/accounts/login/" in r.url


def test_the_list_page_costs_a_fixed_number_of_queries(vnet, plan, web,
                                                       django_assert_max_num_queries):
    for i in range(15):
        plan(title=f"活动{i}")
    client = web(vnet.township_staff)
    client.get("/volunteers/activities/")
    with django_assert_max_num_queries(14) as ctx:
        assert client.get("/volunteers/activities/").status_code == 200
    # The list shows no teams or photos, and reads none.
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "volunteers_activity_teams" not in read and "volunteers_activityphoto" not in read


def test_the_activity_page_names_its_organising_teams(vnet, plan, web):
    act = plan(actor=vnet.township_staff, teams=[vnet.team, vnet.team_t1])
    html = web(vnet.station_staff).get(f"/volunteers/activities/{act.pk}/").content.decode()
    assert f"{vnet.team_t1.name}、{vnet.team.name}" in html  # Team's order: the unit's path


def test_the_admin_lists_activities_of_the_staff_members_area_read_only(vnet, plan, web):
    plan(title="沃德嘎查宣讲")
    plan(title="柴达木嘎查义诊", unit=vnet.v21, actor=vnet.station_staff_other, teams=[])
    vnet.township_staff.is_staff = True
    vnet.township_staff.save()
    r = web(vnet.township_staff).get("/admin/volunteers/activity/")
    html = r.content.decode()
    assert r.status_code == 200 and "沃德嘎查宣讲" in html and "柴达木嘎查义诊" not in html
    assert web(vnet.township_staff).get("/admin/volunteers/activity/add/").status_code == 403


def test_the_staff_list_filters_by_status_and_dates(vnet, plan, web):
    old = plan(title="上月宣讲", starts_at=timezone.now() - timedelta(days=40),
               ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=1))
    # Today at ten, local time: "now ± 1 hour" starts yesterday just after midnight.
    ten = timezone.make_aware(datetime.combine(timezone.localdate(), time(10)))
    plan(title="今天宣讲", starts_at=ten, ends_at=ten + timedelta(hours=1))
    activity_services.activity_mark_held(old, actor=vnet.station_staff)
    client = web(vnet.township_staff)
    html = client.get("/volunteers/activities/?status=held").content.decode()
    assert "上月宣讲" in html and "今天宣讲" not in html
    day = timezone.localdate().isoformat()
    html = client.get(f"/volunteers/activities/?date_from={day}&date_to={day}").content.decode()
    assert "今天宣讲" in html and "上月宣讲" not in html


@pytest.mark.parametrize("query", ["status=nonsense", "category=x", "date_from=2025-13-01",
                                   "date_to=yesterday"])
def test_a_bad_filter_value_shows_the_whole_list(vnet, plan, web, query):
    plan(title="沃德嘎查宣讲")
    r = web(vnet.township_staff).get(f"/volunteers/activities/?{query}")
    assert r.status_code == 200 and "沃德嘎查宣讲" in r.content.decode()


def test_the_activity_page_offers_what_its_status_allows(vnet, plan, web):
    activity = plan()
    staff = web(vnet.station_staff)
    page = f"/volunteers/activities/{activity.pk}/"
    html = staff.get(page).content.decode()
    assert 'value="held"' in html and 'value="cancel"' in html and 'id="qr"' in html
    activity_services.activity_mark_held(activity, actor=vnet.station_staff)
    html = staff.get(page).content.decode()
    assert 'value="held"' not in html and 'value="cancel"' not in html and 'id="qr"' in html
    html = web(vnet.leader).get(page).content.decode()
    assert 'value="photo"' not in html and 'id="qr"' not in html
