"""群众报名: anyone applies, the village's station or the chosen team's leader decides."""

import pytest
from django.urls import reverse

from practice import models as practice_models
from volunteers import services
from volunteers.models import ApplicationEvent, Membership, Volunteer, VolunteerApplication

pytestmark = pytest.mark.django_db
URL = "/api/volunteer-applications/"


def body(vnet, **kw):
    data = {"name": "张老师", "phone": "13512345678", "village": vnet.v11.pk,
            "teams": [vnet.team.pk], "service_categories": ["culture", "elderly"],
            "skills": "书法、唱歌", "free_time": "八小时外、周末", "employer": "沃德嘎查小学",
            "political_status": "party_member"}
    data.update(kw)
    return data


def apply(api, vnet, user=None, **kw):
    return api(user).post(URL, body(vnet, **kw), format="json")


def test_an_anonymous_applicant_is_approved_by_the_station_and_joins_the_team(api, web, vnet):
    r = apply(api, vnet)
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["status"] == "pending"
    assert [t["id"] for t in created["teams"]] == [vnet.team.pk]

    # The station's queue lists it, with a button to approve.
    station = web(vnet.station_staff)
    page = station.get(reverse("volunteers:applications"))
    assert "张老师" in page.content.decode()
    listed = api(vnet.station_staff).get(URL, {"status": "pending"}).json()["results"]
    assert [a["id"] for a in listed] == [created["id"]]

    r = station.post(reverse("volunteers:application-action", args=[created["id"], "approve"]))
    assert r.status_code == 302
    volunteer = Volunteer.objects.get(phone="13512345678")
    assert volunteer.name == "张老师"
    assert (volunteer.employer, volunteer.political_status, volunteer.free_time) == (
        "沃德嘎查小学", "party_member", "八小时外、周末")
    assert Membership.objects.filter(team=vnet.team, volunteer=volunteer).exists()
    application = VolunteerApplication.objects.get(pk=created["id"])
    assert (application.status, application.volunteer, application.decided_by) == (
        "approved", volunteer, vnet.station_staff)
    assert list(ApplicationEvent.objects.filter(application=application)
                .values_list("from_status", "to_status")) == [("", "pending"),
                                                              ("pending", "approved")]

    # The applicant's own link says so.
    status = web().get(created["status_url"])
    assert status.status_code == 200
    assert "已批准" in status.content.decode()
    # Nothing waits any more; the page said what was done.
    queue = station.get(reverse("volunteers:applications")).content.decode()
    assert f'id="application-{created["id"]}"' not in queue
    assert "已通过：张老师" in queue


def test_approval_links_the_account_that_signs_in_with_that_phone(api, vnet):
    villager = vnet.villager  # signs in with 13800000001
    r = apply(api, vnet, user=villager, phone="13800000001", name="包金山")
    assert r.status_code == 201
    r = api(vnet.station_staff).post(f"{URL}{r.json()['id']}/approve/")
    assert r.status_code == 200, r.content
    volunteer = Volunteer.objects.get(phone="13800000001")
    assert volunteer.user == villager
    assert r.json()["volunteer"] == volunteer.pk


def test_approval_reuses_the_volunteer_with_that_phone(api, vnet):
    before = Volunteer.objects.count()
    r = apply(api, vnet, phone="13900000002", name="志愿者乙", teams=[vnet.team_t1.pk])
    assert r.status_code == 201
    assert api(vnet.township_staff).post(f"{URL}{r.json()['id']}/approve/").status_code == 200
    assert Volunteer.objects.count() == before
    assert set(vnet.vol2.teams.all()) == {vnet.team, vnet.team_t1}
    vnet.vol2.refresh_from_db()
    assert vnet.vol2.user == vnet.volunteer2


def test_declining_needs_a_reason_which_the_applicant_reads(api, web, vnet):
    created = apply(api, vnet).json()
    station = api(vnet.station_staff)
    r = station.post(f"{URL}{created['id']}/decline/", {"reason": "  "}, format="json")
    assert r.status_code == 400
    assert r.json() == {"reason": ["请填写不予通过的理由。"]}
    r = station.post(f"{URL}{created['id']}/decline/", {"reason": "年龄超过七十岁"},
                     format="json")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["reason"]) == ("declined", "年龄超过七十岁")
    assert not Volunteer.objects.filter(phone="13512345678").exists()
    assert "年龄超过七十岁" in web().get(created["status_url"]).content.decode()


def test_a_decided_application_is_not_decided_again(api, vnet):
    created = apply(api, vnet).json()
    station = api(vnet.station_staff)
    assert station.post(f"{URL}{created['id']}/approve/").status_code == 200
    for verb, data in (("approve", {}), ("decline", {"reason": "重复"})):
        r = station.post(f"{URL}{created['id']}/{verb}/", data, format="json")
        assert r.status_code == 409
        assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "approved")


def test_declining_on_the_page_without_a_reason_says_so(web, api, vnet):
    created = apply(api, vnet).json()
    station = web(vnet.station_staff)
    r = station.post(reverse("volunteers:application-action", args=[created["id"], "decline"]),
                     {"reason": ""}, follow=True)
    assert "请填写不予通过的理由。" in r.content.decode()
    assert VolunteerApplication.objects.get(pk=created["id"]).status == "pending"


def test_a_signed_in_applicant_lists_their_own_application(api, vnet):
    mine = apply(api, vnet, user=vnet.villager_b, phone="13511110000").json()
    apply(api, vnet, phone="13522220000")
    listed = api(vnet.villager_b).get(URL).json()["results"]
    assert [a["id"] for a in listed] == [mine["id"]]


def test_the_outcome_is_sent_to_the_applicant_by_sms(api, vnet):
    sms = getattr(practice_models, "SmsMessage", None)
    if sms is None:
        pytest.skip("practice.sms here is the stub; the SMS log comes with practice.sms")
    approved = apply(api, vnet).json()
    declined = apply(api, vnet, phone="13587654321").json()
    station = api(vnet.station_staff)
    station.post(f"{URL}{approved['id']}/approve/")
    station.post(f"{URL}{declined['id']}/decline/", {"reason": "名额已满"}, format="json")
    for phone in ("13512345678", "13587654321"):
        assert sms.objects.filter(phone=phone, template=services.APPLICATION_SMS).count() == 1
