"""The public board: the ten-star households listed once, and anyone's objection to a rating in
its notice period, with a name and a phone that only the staff who answer it see, limited per
client address in the database."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from honours import services
from honours.models import StarEvaluation, StarObjection

pytestmark = pytest.mark.django_db

NAME, PHONE = "乌云其其格", "13912345678"
RECEIVED = "您的异议已收到"
LIMITED = "提交异议次数过多"
NOT_MOBILE = "请输入有效的大陆手机号码（以1开头的11位数字）。"


def _final_ten_star(net, propose):
    evaluation = services.star_evaluation_approve(propose(), actor=net.township_staff)
    later = evaluation.notice_ends_at + timedelta(minutes=1)
    return services.star_evaluation_finalize(evaluation, actor=net.township_staff, now=later)


def _object(evaluation, *, client=None, address="10.0.0.1", **fields):
    body = {"objector_name": NAME, "objector_phone": PHONE,
            "text": "该户去年办过寿宴，不应评为移风易俗星"}
    body.update(fields)
    return (client or Client()).post(f"/board/objections/{evaluation.pk}/", body,
                                     REMOTE_ADDR=address)


@pytest.mark.parametrize("unit", ["v11", "t1"])
def test_the_board_lists_a_ten_star_household_once(net, web, propose, unit):
    _final_ten_star(net, propose)
    html = web().get(f"/board/units/{getattr(net, unit).pk}/").content.decode()
    assert html.count("<h2>十星级文明户</h2>") == 1
    assert html.count(net.h11.head_name) == 1


def test_anyone_objects_without_an_account_and_staff_of_the_area_see_who(net, web, in_notice):
    board = web().get(f"/board/units/{net.v11.pk}/").content.decode()
    assert f'action="/board/objections/{in_notice.pk}/"' in board
    assert 'name="csrfmiddlewaretoken"' in board

    r = _object(in_notice)
    assert r.status_code == 302 and r.url == f"/board/units/{net.v11.pk}/#in-notice"
    objection = StarObjection.objects.get(evaluation=in_notice)
    assert (objection.objector_name, objection.objector_phone) == (NAME, PHONE)
    assert objection.filed_by is None
    assert in_notice.events.filter(action="object").exists()

    page = f"/board/stars/{net.h11.pk}/{in_notice.year}/"
    for staff in (net.station_staff, net.township_staff, net.banner_admin):
        html = web(staff).get(page).content.decode()
        assert NAME in html and PHONE in html and objection.text in html
    assert "1 条异议待答复" in web(net.station_staff).get(
        f"/board/stars/?year={in_notice.year}").content.decode()
    leader = web(net.leader).get(page).content.decode()
    assert objection.text in leader and NAME not in leader and PHONE not in leader
    assert web(net.station_staff_other).get(page).status_code == 404

    # The station answers it as any objection; not upheld, the rating stays in notice.
    web(net.station_staff).post(page, {"action": "answer", "objection": objection.pk,
                                       "answer": "经核实不属实"})
    objection.refresh_from_db()
    assert objection.answer == "经核实不属实" and objection.upheld is False


def test_the_objector_reads_that_it_was_received(net, in_notice):
    r = Client().post(f"/board/objections/{in_notice.pk}/",
                    {"objector_name": NAME, "objector_phone": PHONE, "text": "有异议"}, follow=True,
                    REMOTE_ADDR="10.0.0.1")
    assert r.status_code == 200 and RECEIVED in r.content.decode()


def test_the_name_and_phone_never_reach_the_board(net, web, api, in_notice):
    _object(in_notice)
    for unit in (net.v11, net.t1):
        for user in (None, net.villager, net.station_staff):
            html = web(user).get(f"/board/units/{unit.pk}/").content.decode()
            assert NAME not in html and PHONE not in html
        body = api().get(f"/api/public/units/{unit.pk}/board/").content.decode()
        assert NAME not in body and PHONE not in body
    staff_api = api(net.station_staff).get(f"/api/star-evaluations/{in_notice.pk}/")
    assert NAME not in staff_api.content.decode()


def test_one_address_gets_429_after_the_limit_and_another_goes_on(net, in_notice, settings):
    settings.HONOURS_OBJECTIONS_PER_ADDRESS = 3
    for _i in range(3):
        assert _object(in_notice, address="10.0.0.1").status_code == 302
    refused = _object(in_notice, address="10.0.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert LIMITED in refused.content.decode()
    forged = Client().post(f"/board/objections/{in_notice.pk}/",
                           {"objector_name": NAME, "objector_phone": PHONE, "text": "x"},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert forged.status_code == 429
    assert _object(in_notice, address="10.0.0.2").status_code == 302
    assert StarObjection.objects.filter(evaluation=in_notice).count() == 4


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"objector_name": ""}, "请填写您的姓名。"),
        ({"objector_name": "  "}, "请填写您的姓名。"),
        ({"objector_name": "名" * 51}, "姓名不能超过 50 个字。"),
        ({"objector_phone": ""}, "请填写手机号码，以便工作站与您联系核实。"),
        ({"objector_phone": "12345"}, NOT_MOBILE),
        ({"objector_phone": "２３９１２３４５６７８"}, NOT_MOBILE),
        ({"text": ""}, "请填写异议内容。"),
        ({"text": "长" * 1001}, "异议内容不能超过1000字。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_what_was_typed_is_kept(net, in_notice, fields,
                                                                    message):
    r = _object(in_notice, **fields)
    html = r.content.decode()
    assert r.status_code == 400 and message in html
    assert '<details class="objection" open>' in html
    if "text" not in fields:
        assert "该户去年办过寿宴" in html  # what was typed is shown again
    assert not StarObjection.objects.exists()


def test_an_objection_after_the_notice_period_is_refused_in_chinese(net, in_notice):
    StarEvaluation.objects.filter(pk=in_notice.pk).update(
        notice_ends_at=timezone.now() - timedelta(minutes=1))
    r = _object(in_notice)
    assert r.status_code == 409 and "只能在公示期内提出异议。" in r.content.decode()
    assert not StarObjection.objects.exists()


def test_an_unknown_rating_is_404(net):
    assert Client().post("/board/objections/999999/", {"objector_name": NAME}).status_code == 404


def test_the_form_needs_the_csrf_token(net, in_notice):
    client = Client(enforce_csrf_checks=True)
    body = {"objector_name": NAME, "objector_phone": PHONE, "text": "有异议"}
    url = f"/board/objections/{in_notice.pk}/"
    assert client.post(url, body, REMOTE_ADDR="10.0.0.1").status_code == 403
    page = client.get(f"/board/units/{net.v11.pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    r = client.post(url, {**body, "csrfmiddlewaretoken": token}, REMOTE_ADDR="10.0.0.1")
    assert r.status_code == 302 and StarObjection.objects.count() == 1
