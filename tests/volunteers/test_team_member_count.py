"""A team's member count, in the API's team list and the admin's: each team's own members,
whatever the list is filtered by, paged or not, and up to date after a change."""

import datetime

import pytest

from practice.models import Household
from tests.factories import make_user
from volunteers.models import Membership, TeamKind, Volunteer

pytestmark = pytest.mark.django_db


def _counts(response):
    assert response.status_code == 200, response.data
    return {row["name"]: row["member_count"] for row in response.json()["results"]}


def test_the_team_list_counts_each_teams_members(vnet, api):
    client = api(vnet.banner_admin)
    assert _counts(client.get("/api/teams/")) == {
        vnet.team.name: 3, vnet.team_t1.name: 0, vnet.team_other.name: 1}
    page = client.get("/api/teams/", {"page_size": 2})
    assert page.json()["count"] == 3
    assert len(page.json()["results"]) == 2
    assert _counts(page).items() <= {vnet.team.name: 3, vnet.team_t1.name: 0,
                                     vnet.team_other.name: 1}.items()


@pytest.mark.parametrize(("query", "expected"), [
    ({"kind": TeamKind.WOMEN}, {"沃德嘎查巾帼志愿服务队": 3}),
    ({"search": "宣讲"}, {"查日苏镇宣讲队": 0}),
    ({"unit": "t2"}, {"努古斯台镇乌兰牧骑": 1}),
    ({"active": "true", "search": "巾帼", "page_size": 1}, {"沃德嘎查巾帼志愿服务队": 3}),
])
def test_a_filtered_team_list_counts_all_members_of_the_teams_shown(vnet, api, query,
                                                                     expected):
    if query.get("unit") == "t2":
        query = {**query, "unit": vnet.t2.pk}
    assert _counts(api(vnet.banner_admin).get("/api/teams/", query)) == expected


def test_a_new_or_removed_member_shows_in_the_next_answer(vnet, api):
    client = api(vnet.banner_admin)
    first = _counts(client.get("/api/teams/"))
    newcomer = Volunteer.objects.create(name="新队员", unit=vnet.v11,
                                        registered_on=datetime.date(2024, 1, 1))
    membership = Membership.objects.create(team=vnet.team_t1, volunteer=newcomer,
                                           joined_on=datetime.date(2024, 1, 1))
    assert _counts(client.get("/api/teams/")) == {**first, vnet.team_t1.name: 1}
    membership.delete()
    assert _counts(client.get("/api/teams/")) == first


def test_the_admin_changelists_show_member_counts(vnet, web):
    client = web(vnet.banner_admin)
    page = client.get("/admin/volunteers/team/")
    assert page.status_code == 200
    rows = {team.name: team.member_count for team in page.context["cl"].result_list}
    assert rows == {vnet.team.name: 3, vnet.team_t1.name: 0, vnet.team_other.name: 1}

    make_user("second_member", "villager", vnet.v11, household=vnet.h11)
    page = client.get("/admin/practice/household/?o=5")  # ordered by member count
    assert page.status_code == 200
    members = {h.number: h._members for h in page.context["cl"].result_list}
    assert members[vnet.h11.number] == Household.objects.get(pk=vnet.h11.pk).members.count()
    assert members[vnet.h11.number] >= 2 and min(members.values()) >= 0
