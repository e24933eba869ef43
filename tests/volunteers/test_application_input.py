"""Every bad application is answered in Chinese, on the field it concerns; anonymous senders
are counted per address in the database."""

import pytest
from django.urls import reverse

from volunteers.models import VolunteerApplication

pytestmark = pytest.mark.django_db
URL = "/api/volunteer-applications/"


def good(vnet, **kw):
    data = {"name": "阿拉坦", "phone": "13700001111", "village": vnet.v11.pk,
            "teams": [vnet.team.pk]}
    data.update(kw)
    return data


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"phone": "12345"}, "phone", "请输入有效的大陆手机号码（以1开头的11位数字）。"),
    ({"phone": ""}, "phone", "请填写手机号：实践站会打这个电话联系您，您也用它登录。"),
    ({"name": "  "}, "name", "请填写您的姓名。"),
    ({"village": 999999}, "village", "请从列表中选择您所在的嘎查村。"),
    ({"village": None}, "village", "请从列表中选择您所在的嘎查村。"),
    ({"teams": []}, "teams", "请至少选择一支要加入的服务队。"),
    ({"teams": [999999]}, "teams", "请选择为您所在嘎查村服务的服务队。"),
    ({"service_categories": ["flying"]}, "service_categories", "请从列表中选择服务类别。"),
    ({"political_status": "king"}, "political_status", "请从列表中选择政治面貌。"),
])
def test_it_answers_bad_input_in_chinese(api, vnet, change, field, message):
    r = api().post(URL, good(vnet, **change), format="json")
    assert r.status_code == 400
    assert r.json() == {field: [message]}
    assert not VolunteerApplication.objects.exists()


def test_it_refuses_a_township_as_the_village_and_a_team_of_another_township(api, vnet):
    r = api().post(URL, good(vnet, village=vnet.t1.pk), format="json")
    assert r.json() == {"village": ["请从列表中选择您所在的嘎查村。"]}
    r = api().post(URL, good(vnet, teams=[vnet.team_other.pk]), format="json")
    assert r.json() == {"teams": ["请选择为您所在嘎查村服务的服务队。"]}


def test_one_phone_has_one_application_waiting(api, vnet):
    assert api().post(URL, good(vnet), format="json").status_code == 201
    r = api().post(URL, good(vnet, name="又一次"), format="json")
    assert r.status_code == 409
    assert r.json()["detail"] == "这个手机号已有一份报名正在等待审核。"


def test_the_phone_page_shows_the_messages_beside_the_fields(web, vnet):
    page = web().post(reverse("volunteers:apply"), {"village": vnet.v11.pk, "name": "",
                                                    "phone": "123", "teams": [vnet.team.pk]})
    assert page.status_code == 200
    assert "请填写您的姓名。" in page.content.decode()
    page = web().post(reverse("volunteers:apply"), good(vnet, phone="abc"))
    assert "请输入有效的大陆手机号码" in page.content.decode()
    page = web().post(reverse("volunteers:apply"), good(vnet, village="x"))
    assert "请从列表中选择您所在的嘎查村。" in page.content.decode()


def test_anonymous_applications_are_limited_per_address(api, vnet, settings):
    settings.VOLUNTEERS_APPLICATIONS_PER_ADDRESS = 2
    for i in range(2):
        assert api().post(URL, good(vnet, phone=f"1370000222{i}"), format="json",
                          REMOTE_ADDR="198.51.100.7").status_code == 201
    r = api().post(URL, good(vnet, phone="13700002229"), format="json",
                   REMOTE_ADDR="198.51.100.7")
    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    assert r.json()["code"] == "too_many_applications"
    assert "报名过多" in r.json()["detail"]
    # Another address, and a signed-in applicant from the same one, still apply.
    assert api().post(URL, good(vnet, phone="13700003333"), format="json",
                      REMOTE_ADDR="198.51.100.8").status_code == 201
    assert api(vnet.villager).post(URL, good(vnet, phone="13700004444"), format="json",
                                   REMOTE_ADDR="198.51.100.7").status_code == 201
    assert VolunteerApplication.objects.count() == 4
