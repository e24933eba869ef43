"""A page of activities shows each one's organising teams (by their unit's path, then their
name, as ``Team.Meta.ordering`` gives them) and its photos (in upload order), as Django's own
relations give them, and follows changes of either on the next request."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from volunteers import activity_services
from volunteers.models import ActivityPhoto, Team, TeamKind

pytestmark = pytest.mark.django_db


def _photo(activity, caption, minutes):
    return ActivityPhoto.objects.create(
        activity=activity, caption=caption,
        image=SimpleUploadedFile("p.png", b"x", content_type="image/png").name,
        uploaded_at=timezone.now() - timedelta(minutes=minutes))


@pytest.fixture
def page(vnet, plan):
    """Two activities of v11 (planned by the township's staff): the first organised by three
    teams of two units, the second by none, with two photos uploaded out of order."""
    zebra = Team.objects.create(name="阿拉坦服务队", kind=TeamKind.LECTURE, unit=vnet.v11)
    soon = timezone.now() + timedelta(days=1)
    first = plan(actor=vnet.township_staff, title="理论宣讲", starts_at=soon,
                 ends_at=soon + timedelta(hours=1), teams=[vnet.team, zebra, vnet.team_t1])
    second = plan(actor=vnet.township_staff, title="法治讲座", teams=[],
                  starts_at=soon - timedelta(hours=3), ends_at=soon - timedelta(hours=2))
    _photo(second, "后上传", minutes=5)
    _photo(second, "先上传", minutes=50)
    return first, second


def _by_title(response):
    assert response.status_code == 200
    return {row["title"]: row for row in response.json()["results"]}


def test_teams_and_photos_of_a_page_as_djangos_relations_give_them(vnet, page, api):
    first, second = page
    rows = _by_title(api(vnet.township_staff).get("/api/activities/"))
    for activity in (first, second):
        row = rows[activity.title]
        assert row["teams"] == [{"id": t.pk, "name": t.name} for t in activity.teams.all()]
        assert [p["caption"] for p in row["photos"]] == [
            p.caption for p in activity.photos.all()]
    # The unit's path first (t1 above v11), then the name.
    t1_team, *v11_teams = [t["name"] for t in rows["理论宣讲"]["teams"]]
    assert t1_team == "查日苏镇宣讲队"
    assert sorted(v11_teams) == ["沃德嘎查巾帼志愿服务队", "阿拉坦服务队"]
    assert rows["法治讲座"]["teams"] == []
    assert [p["caption"] for p in rows["法治讲座"]["photos"]] == ["先上传", "后上传"]
    assert rows["理论宣讲"]["photos"] == []


def test_one_activity_shows_its_teams_and_photos_too(vnet, page, api):
    first, second = page
    client = api(vnet.township_staff)
    body = client.get(f"/api/activities/{second.pk}/").json()
    assert [p["caption"] for p in body["photos"]] == ["先上传", "后上传"]
    assert body["teams"] == []
    body = client.get(f"/api/activities/{first.pk}/").json()
    assert [t["id"] for t in body["teams"]] == [t.pk for t in first.teams.all()]


def test_a_renamed_team_shows_on_the_next_request(vnet, page, api):
    first, _second = page
    client = api(vnet.township_staff)
    client.get("/api/activities/")
    zebra = Team.objects.get(name="阿拉坦服务队")
    zebra.name = "巴彦服务队"
    zebra.save()
    rows = _by_title(client.get("/api/activities/"))
    shown = [t["name"] for t in rows["理论宣讲"]["teams"]]
    assert shown == [t.name for t in first.teams.all()]
    assert "巴彦服务队" in shown and "阿拉坦服务队" not in shown


def test_a_team_removed_from_an_activity_leaves_its_list(vnet, page, api):
    first, _second = page
    activity_services.activity_update(first, actor=vnet.township_staff, teams=[vnet.team_t1])
    rows = _by_title(api(vnet.township_staff).get("/api/activities/"))
    assert [t["name"] for t in rows["理论宣讲"]["teams"]] == ["查日苏镇宣讲队"]
