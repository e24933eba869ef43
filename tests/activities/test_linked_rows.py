"""A page of activities shows each one's organising teams and photos, loaded for the whole page
by ``ScopedQuerySet.load_many`` (practice/related.py): the teams from the link table's keys and
the process's copy of the teams, in the teams' own order (their unit's path, then their name);
the photos in upload order. The answer is the one Django's own relations give, inside a
transaction (rows from the database) and after a commit (reference rows).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice.related import load_many
from volunteers import activities
from volunteers.models import Activity, ActivityPhoto, Team, TeamKind


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
    return {row["title"]: row for row in response.json()["results"]}


def _expected(activity):
    return ([{"id": t.pk, "name": t.name} for t in activity.teams.all()],
            [p.caption for p in activity.photos.all()])


def _check(response, first, second):
    assert response.status_code == 200
    rows = _by_title(response)
    for activity in (first, second):
        row = rows[activity.title]
        teams, captions = _expected(activity)
        assert row["teams"] == teams
        assert [p["caption"] for p in row["photos"]] == captions
    # The unit's path first (t1 above v11), then the name: as Team.Meta.ordering gives them.
    assert [t["name"] for t in rows["理论宣讲"]["teams"]] == [
        "查日苏镇宣讲队", "沃德嘎查巾帼志愿服务队", "阿拉坦服务队"]
    assert rows["法治讲座"]["teams"] == []
    assert [p["caption"] for p in rows["法治讲座"]["photos"]] == ["先上传", "后上传"]
    assert rows["理论宣讲"]["photos"] == []


def test_teams_and_photos_of_a_page_as_djangos_relations_give_them(vnet, page, api):
    first, second = page
    _check(api(vnet.township_staff).get("/api/activities/"), first, second)


@pytest.mark.django_db(transaction=True)
def test_after_a_commit_the_teams_come_from_the_process_copy(vnet, page, api):
    first, second = page
    zebra = Team.objects.get(name="阿拉坦服务队")
    client = api(vnet.township_staff)
    client.get("/api/activities/")  # loads the reference tables into this process
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/activities/")
    _check(response, first, second)
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert 'FROM "volunteers_team"' not in read and 'FROM "practice_unit"' not in read
    # A renamed team shows on the very next request.
    zebra.name = "巴彦服务队"
    zebra.save()
    rows = _by_title(client.get("/api/activities/"))
    shown = [t["name"] for t in rows["理论宣讲"]["teams"]]
    assert shown == [t.name for t in first.teams.all()]
    assert shown == ["查日苏镇宣讲队", "巴彦服务队", "沃德嘎查巾帼志愿服务队"]


def test_a_team_removed_from_an_activity_leaves_its_list(vnet, page, api):
    first, second = page
    activities.activity_update(first, actor=vnet.township_staff, teams=[vnet.team_t1])
    rows = _by_title(api(vnet.township_staff).get("/api/activities/"))
    assert [t["name"] for t in rows["理论宣讲"]["teams"]] == ["查日苏镇宣讲队"]


def test_the_photos_know_their_activity_without_a_query(vnet, page):
    first, second = page
    rows = list(Activity.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    load_many(rows, "photos", "photos_loaded")
    with CaptureQueriesContext(connection) as ctx:
        owners = {p.activity.title for p in rows[1].photos_loaded}
    assert owners == {"法治讲座"} and not ctx.captured_queries
    assert rows[0].photos_loaded == []


def test_only_links_and_reverse_keys_are_loaded(vnet, page):
    rows = list(Activity.objects.all())
    with pytest.raises(ValueError, match="neither a many-to-many"):
        load_many(rows, "unit", "units")
    with pytest.raises(ValueError, match="without a queryset"):
        load_many(rows, "teams", "teams_loaded", queryset=Team.objects.all())
    load_many([], "unit", "units")  # nothing to load: nothing asked
