"""Who decides an application: the village's station (and the staff above it) or the leader
of every team it names; outsiders do not see it at all."""

import pytest
from django.urls import reverse

from volunteers.models import Team, VolunteerApplication

pytestmark = pytest.mark.django_db
URL = "/api/volunteer-applications/"


@pytest.fixture
def application(api, vnet):
    r = api().post(URL, {"name": "乌日娜", "phone": "13566667777", "village": vnet.v11.pk,
                         "teams": [vnet.team.pk]}, format="json")
    assert r.status_code == 201, r.content
    return r.json()


def test_staff_of_another_township_get_404(api, web, vnet, application):
    other = api(vnet.township_staff_other)
    assert other.get(f"{URL}{application['id']}/").status_code == 404
    assert other.post(f"{URL}{application['id']}/approve/").status_code == 404
    assert other.get(URL).json()["results"] == []
    page = web(vnet.station_staff_other).post(
        reverse("volunteers:application-action", args=[application["id"], "approve"]))
    assert page.status_code == 404
    assert VolunteerApplication.objects.get(pk=application["id"]).status == "pending"


def test_the_leader_of_the_chosen_team_decides(api, web, vnet, application):
    queue = web(vnet.team_leader).get(reverse("volunteers:applications"))
    assert queue.status_code == 200 and "乌日娜" in queue.content.decode()
    r = api(vnet.team_leader).post(f"{URL}{application['id']}/approve/")
    assert r.status_code == 200
    assert vnet.team.members.filter(phone="13566667777").exists()


def test_the_leader_of_another_team_cannot_decide(api, vnet, application):
    Team.objects.filter(pk=vnet.team_t1.pk).update(leader=vnet.vol2)
    other_leader = api(vnet.volunteer2)
    assert other_leader.get(f"{URL}{application['id']}/").status_code == 404
    assert other_leader.post(f"{URL}{application['id']}/approve/").status_code == 404


def test_a_leader_of_only_some_of_the_chosen_teams_leaves_it_to_the_station(api, vnet):
    r = api().post(URL, {"name": "苏和", "phone": "13566668888", "village": vnet.v11.pk,
                         "teams": [vnet.team.pk, vnet.team_t1.pk]}, format="json")
    leader = api(vnet.team_leader)
    r = leader.post(f"{URL}{r.json()['id']}/approve/")
    assert r.status_code == 403
    assert "实践站" in r.json()["detail"]


def test_volunteers_who_lead_no_team_and_villagers_may_not_decide(api, web, vnet,
                                                                   application):
    assert api(vnet.villager).post(f"{URL}{application['id']}/approve/").status_code == 403
    assert api(vnet.volunteer).post(f"{URL}{application['id']}/approve/").status_code == 404
    assert web(vnet.volunteer).get(reverse("volunteers:applications")).status_code == 403


def test_a_team_leader_finds_the_queue_from_the_team_orders(web, vnet):
    page = web(vnet.team_leader).get(reverse("volunteers:team-orders")).content.decode()
    assert reverse("volunteers:applications") in page
    page = web(vnet.volunteer).get(reverse("volunteers:team-orders")).content.decode()
    assert reverse("volunteers:applications") not in page
