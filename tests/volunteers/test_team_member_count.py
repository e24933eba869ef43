"""A team's member count is counted for the teams shown (the API: practice.counts.of_rows; the
admin: practice.related.related_count), not by joining and grouping every membership of every
team before the page is cut. Kept counts: tests/platform/test_counts.py."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import Household
from tests.factories import make_user
from volunteers.models import Membership, Volunteer

pytestmark = pytest.mark.django_db


def test_the_team_list_counts_each_teams_members(vnet, api):
    client = api(vnet.banner_admin)
    counts = {row["name"]: row["member_count"]
              for row in client.get("/api/teams/").json()["results"]}
    assert counts == {vnet.team.name: 3, vnet.team_t1.name: 0, vnet.team_other.name: 1}
    with CaptureQueriesContext(connection) as ctx:  # a full page: the teams are counted
        response = client.get("/api/teams/", {"page_size": 2})
    assert response.status_code == 200 and response.json()["count"] == 3
    # The page does not join every membership, and its count does not read them at all.
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not any('JOIN "volunteers_membership"' in sql for sql in sqls)
    totals = [sql for sql in sqls if 'AS "__count"' in sql]
    assert len(totals) == 1 and "volunteers_membership" not in totals[0]
    # Members are counted as rows (which the team_id index answers alone), for the page's
    # teams only.
    (members,) = [sql for sql in sqls if 'FROM "volunteers_membership"' in sql]
    assert 'COUNT(*) AS "n"' in members and '"team_id" IN (' in members


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


@pytest.mark.django_db(transaction=True)  # committed: counts are kept outside transactions only
def test_a_teams_members_are_counted_once_and_again_when_they_change(vnet, api):
    client = api(vnet.banner_admin)

    def members():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/api/teams/")
        assert response.status_code == 200
        read = any('FROM "volunteers_membership"' in q["sql"] for q in ctx.captured_queries)
        return {row["id"]: row["member_count"] for row in response.json()["results"]}, read

    first, read = members()
    assert read and first[vnet.team.pk] == 3 and first[vnet.team_t1.pk] == 0
    assert members() == (first, False)  # kept
    newcomer = Volunteer.objects.create(name="新队员", unit=vnet.v11,
                                        registered_on=datetime.date(2024, 1, 1))
    membership = Membership.objects.create(team=vnet.team_t1, volunteer=newcomer,
                                           joined_on=datetime.date(2024, 1, 1))
    again, read = members()
    assert read and again == {**first, vnet.team_t1.pk: 1}
    membership.delete()
    assert members()[0] == first
