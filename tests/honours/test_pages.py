"""The pages: public board and certificate without login, phone voting, staff pages by role."""

from datetime import timedelta

import pytest

from honours import services
from honours.models import BallotCast, HonourKind, Vote
from tests.honours.conftest import YEAR

pytestmark = pytest.mark.django_db


def _final_ten_star(net, propose):
    evaluation = services.star_evaluation_approve(propose(), actor=net.township_staff)
    later = evaluation.notice_ends_at + timedelta(minutes=1)
    return services.star_evaluation_finalize(evaluation, actor=net.township_staff, now=later)


def test_the_village_and_township_boards_open_without_login(net, web, propose):
    _final_ten_star(net, propose)
    for unit in (net.v11, net.t1):
        r = web().get(f"/board/units/{unit.pk}/")
        assert r.status_code == 200
        assert net.h11.head_name in r.content.decode()
    assert web().get(f"/board/units/{net.banner.pk}/").status_code == 404


def test_the_certificate_prints_without_login(net, web):
    honour = services.honour_award(
        actor=net.station_staff, village=net.v11, year=YEAR, kind=HonourKind.CUSTOMS_LEADER,
        person_name="包金山", citation="带头简办婚事",
    )
    r = web().get(f"/board/units/{net.v11.pk}/certificates/{honour.pk}/")
    html = r.content.decode()
    assert r.status_code == 200 and "包金山" in html and honour.certificate_no in html
    assert "data-print" in html and "js/page.js" in html  # the print button, by page.js
    assert web().get(f"/board/units/{net.v12.pk}/certificates/{honour.pk}/").status_code == 404


def test_a_representative_votes_on_the_phone_page(net, web, open_evaluation):
    evaluation, codes = open_evaluation(1)
    page = web()
    assert page.get(f"/board/vote/{evaluation.pk}/").status_code == 200
    r = page.post(f"/board/vote/{evaluation.pk}/", {"code": codes[0][1], "choice": "satisfied"})
    assert r.status_code == 200 and r.context["done"]
    r = page.post(f"/board/vote/{evaluation.pk}/", {"code": codes[0][1], "choice": "satisfied"})
    assert not r.context["done"]
    assert Vote.objects.count() == 1 and BallotCast.objects.count() == 1


@pytest.mark.parametrize("url", ["/board/stars/", "/board/honours/", "/board/evaluations/"])
def test_staff_pages_by_role(net, web, url):
    assert web(net.station_staff).get(url).status_code == 200
    assert web(net.leader).get(url).status_code == 200
    assert web(net.villager).get(url).status_code == 403
    assert web().get(url).status_code == 302  # to the login page


def test_station_staff_propose_and_township_approves_on_the_pages(net, web):
    url = f"/board/stars/{net.h11.pk}/{YEAR}/"
    codes = [c for c, _n in services.DEFAULT_STARS]
    web(net.station_staff).post(url, {"action": "propose", "stars": codes})
    web(net.township_staff).post(url, {"action": "approve"})
    evaluation = net.h11.star_evaluations.get(year=YEAR)
    assert evaluation.status == "in_notice" and evaluation.is_ten_star
    assert web(net.station_staff_other).get(url).status_code == 404


def test_opening_an_evaluation_shows_the_codes_once(net, web):
    r = web(net.station_staff).post(
        "/board/evaluations/",
        {"village": net.v11.pk, "year": YEAR, "representatives": "代表甲,13900001111\n代表乙"},
    )
    assert r.status_code == 200
    codes = r.context["codes"]
    assert len(codes) == 2
    evaluation = r.context["evaluation"]
    detail = web(net.station_staff).get(f"/board/evaluations/{evaluation.pk}/").content.decode()
    assert all(code not in detail for _rep, code in codes)


def test_paper_ballots_and_closing_on_the_page(net, web, open_evaluation):
    evaluation, codes = open_evaluation(2)
    page = web(net.station_staff)
    url = f"/board/evaluations/{evaluation.pk}/"
    for rep, _code in codes:  # both vote: a quorum
        page.post(url, {"action": "paper", "representative": rep.pk, "choice": "satisfied"})
    page.post(url, {"action": "close"})
    evaluation.refresh_from_db()
    assert evaluation.status == "closed" and evaluation.satisfaction_rate == 100
    assert web(net.station_staff_other).get(url).status_code == 404


def test_a_villager_objects_from_the_board(net, web, in_notice):
    r = web(net.villager).get(f"/board/units/{net.v11.pk}/")
    assert f"/board/objections/{in_notice.pk}/" in r.content.decode()
    r = web(net.villager).post(f"/board/objections/{in_notice.pk}/",
                               {"objector_name": "王某", "objector_phone": "13900001111",
                                "text": "有异议"})
    assert r.status_code == 302
    objection = in_notice.objections.get()
    assert objection.filed_by == net.villager and objection.objector_name == "王某"


def test_the_board_query_budget(net, api, propose, django_assert_max_num_queries):
    _final_ten_star(net, propose)
    # A constant number, whatever the unit holds: the honours' (one per table, the kinds'
    # names now among them) and one or two per section of the other apps.
    with django_assert_max_num_queries(13):
        assert api().get(f"/api/public/units/{net.t1.pk}/board/").status_code == 200
