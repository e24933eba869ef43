"""Activity categories are rows the banner edits; the ones the platform relies on stay."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import ActivityCategory
from volunteers import activity_services
from volunteers.models import Activity

pytestmark = pytest.mark.django_db


def test_the_categories_of_before_are_there_and_fixed(net):
    codes = set(ActivityCategory.objects.filter(is_fixed=True).values_list("code", flat=True))
    assert {"service_day", "other", "customs_reform", "health"} <= codes
    assert ActivityCategory.objects.get(code="service_day").name == "志愿服务活动日"


def test_the_api_refuses_to_delete_a_fixed_category_in_chinese(net, api):
    fixed = ActivityCategory.objects.get(code=ActivityCategory.SERVICE_DAY)
    r = api(net.banner_admin).delete(f"/api/activity-categories/{fixed.pk}/")
    assert r.status_code == 409
    assert "不能删除" in r.json()["detail"]
    assert ActivityCategory.objects.filter(code="service_day").exists()


def test_the_admin_refuses_to_delete_a_fixed_category(net, web):
    fixed = ActivityCategory.objects.get(code=ActivityCategory.OTHER)
    r = web(net.banner_admin).post(
        f"/admin/campaigns/activitycategory/{fixed.pk}/delete/", {"post": "yes"}, follow=True)
    assert ActivityCategory.objects.filter(pk=fixed.pk).exists()
    assert "不能删除" in r.content.decode()


def test_only_the_banner_administrators_add_categories(net, api):
    body = {"code": "lantern", "name": "元宵灯会"}
    assert api(net.township_staff).post("/api/activity-categories/", body).status_code == 403
    r = api(net.banner_admin).post("/api/activity-categories/", body)
    assert r.status_code == 201 and r.json()["is_fixed"] is False


def test_a_category_in_latin_letters_as_its_mongolian_name_is_refused(net, api):
    r = api(net.banner_admin).post("/api/activity-categories/", {
        "code": "lantern", "name": "元宵灯会", "name_mn": "Lantern"})
    assert r.status_code == 400 and "name_mn" in r.json()
    assert not ActivityCategory.objects.filter(code="lantern").exists()


def test_a_new_category_is_used_by_activities_and_filtered_by_its_code(net, api):
    api(net.banner_admin).post("/api/activity-categories/", {"code": "lantern",
                                                             "name": "元宵灯会"})
    start = timezone.now() + datetime.timedelta(days=2)
    r = api(net.station_staff).post("/api/activities/", {
        "unit": net.v11.pk, "category": "lantern", "title": "元宵灯谜会",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat()}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["category"] == "lantern"
    other = activity_services.activity_create(
        actor=net.station_staff, unit=net.v11, title="理论宣讲", starts_at=start,
        ends_at=start + datetime.timedelta(hours=1), category="theory_lecture")
    found = api(net.station_staff).get("/api/activities/?category=lantern").json()
    ids = [a["id"] for a in found["results"]]
    assert r.json()["id"] in ids and other.pk not in ids
    # a category in use is never deleted
    lantern = ActivityCategory.objects.get(code="lantern")
    assert api(net.banner_admin).delete(
        f"/api/activity-categories/{lantern.pk}/").status_code == 409


def test_an_unknown_category_is_refused_in_chinese(net, api):
    start = timezone.now() + datetime.timedelta(days=2)
    r = api(net.station_staff).post("/api/activities/", {
        "unit": net.v11.pk, "category": "nope", "title": "x",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat()}, format="json")
    assert r.status_code == 400 and "category" in r.json()
    assert api(net.station_staff).get("/api/activities/?category=nope").status_code == 400


def test_the_activity_form_offers_the_categories_of_the_table(net, web):
    ActivityCategory.objects.create(code="lantern", name="元宵灯会")
    page = web(net.station_staff).get("/volunteers/activities/new/").content.decode()
    assert "元宵灯会" in page and "志愿服务活动日" in page


def test_an_unused_category_of_the_banner_may_be_deleted(net, api):
    extra = ActivityCategory.objects.create(code="lantern", name="元宵灯会")
    assert api(net.banner_admin).delete(
        f"/api/activity-categories/{extra.pk}/").status_code == 204
    assert not Activity.objects.filter(category="lantern").exists()
