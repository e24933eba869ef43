"""Bases (基地), posts and mobile posts hold activities and own teams like stations: the
volunteers app's activity creation (service and API) and team creation (admin) take units of
level "base"."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from volunteers import activity_services
from volunteers.models import Activity, Team

pytestmark = pytest.mark.django_db


def _body(unit):
    start = timezone.now() + datetime.timedelta(days=2)
    return {"unit": unit.pk, "category": "health", "title": "义诊",
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=2)).isoformat()}


@pytest.mark.parametrize("unit_name, who", [("b111", "station_staff"),
                                            ("post1", "township_staff"),
                                            ("m1", "post_staff"), ("m1", "banner_admin")])
def test_activities_are_planned_at_bases_and_posts(onet, unit_name, who):
    unit = getattr(onet, unit_name)
    client = APIClient()
    client.force_authenticate(getattr(onet, who))
    response = client.post("/api/activities/", _body(unit), format="json")
    assert response.status_code == 201, response.content
    assert Activity.objects.get(pk=response.json()["id"]).unit == unit


def test_the_service_takes_a_base_with_its_team(onet):
    start = timezone.now() + datetime.timedelta(days=1)
    activity = activity_services.activity_create(
        actor=onet.township_staff, unit=onet.m1, title="流动驿站宣讲", starts_at=start,
        ends_at=start + datetime.timedelta(hours=1), teams=[onet.team])
    assert activity.unit == onet.m1 and list(activity.teams.all()) == [onet.team]


@pytest.mark.parametrize("unit_name", ["m1", "post1", "b111"])
def test_teams_are_made_at_bases_and_posts_in_the_admin(onet, unit_name):
    unit = getattr(onet, unit_name)
    client = Client()
    client.force_login(onet.township_staff)
    response = client.post("/admin/volunteers/team/add/", {
        "name": "基地服务队", "kind": "other", "unit": unit.pk, "active": "on",
        "description": "", "name_mn": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Team.objects.filter(unit=unit, name="基地服务队").exists()
