"""Leaders and the banner's administrators read counts — per village, kind of dispute,
outcome and month — never a case and never a name; reviewers read nothing, not even counts."""

import datetime

import pytest

from mediation import services
from tests.mediation.conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(mnet):
    services.case_close(mnet.case, actor=mnet.station_staff, outcome="settled")
    debts = open_case(mnet, mnet.mediator_b, kind="debts", parties="赵保密 13800009999")
    services.case_close(debts, actor=mnet.township_staff, outcome="referred",
                        referred_to="司法所")
    open_case(mnet, mnet.mediator_b, kind="debts", parties="钱保密")
    return mnet


def _rows(answer):
    return {(r["village_name"], r["kind"]): r for r in answer.json()["rows"]}


@pytest.mark.parametrize("who", ["leader", "banner_admin"])
def test_banner_readers_get_counts_per_village_and_kind_without_names(counted, api, who):
    opened = counted.case.opened_on
    answer = api(getattr(counted, who)).get("/api/mediation/counts/",
                                            {"year": opened.year})
    assert answer.status_code == 200
    rows = _rows(answer)
    assert rows[("沃德嘎查", "neighbours")]["settled"] == 1
    debts = rows[("沃德嘎查", "debts")]
    assert (debts["opened"], debts["referred"], debts["open"]) == (2, 1, 1)
    assert rows[("柴达木嘎查", "neighbours")]["open"] == 1
    assert answer.json()["totals"]["opened"] == 4
    assert all(r["month"] == opened.strftime("%Y-%m") for r in rows.values())
    text = answer.content.decode()
    for secret in ("张秘密", "赵保密", "钱保密", "司法所", "院墙", "villager"):
        assert secret not in text


def test_the_counts_page_has_numbers_and_no_names(counted, web):
    opened = counted.case.opened_on
    for user in (counted.leader, counted.banner_admin):
        response = web(user).get("/mediation/figures/", {"year": opened.year})
        assert response.status_code == 200
        body = response.content.decode()
        assert "沃德嘎查" in body and "债务纠纷" in body
        for secret in ("张秘密", "赵保密", "钱保密", "司法所", "院墙"):
            assert secret not in body


def test_a_township_leader_counts_only_their_township(counted, api):
    opened = counted.case.opened_on
    rows = _rows(api(counted.township_leader).get("/api/mediation/counts/",
                                                  {"year": opened.year}))
    assert {village for village, _kind in rows} == {"沃德嘎查"}


def test_reviewers_get_no_counts_at_all(counted, api, web):
    assert api(counted.reviewer).get("/api/mediation/counts/").status_code == 403
    assert web(counted.reviewer).get("/mediation/figures/").status_code == 403
    assert api(counted.reviewer).get("/api/mediation/mediators/").status_code == 403


def test_villagers_get_no_counts(counted, api):
    assert api(counted.villager).get("/api/mediation/counts/").status_code == 403
    assert api(counted.volunteer).get("/api/mediation/counts/").status_code == 403


def test_counts_filter_by_month_village_and_kind(counted, api):
    opened = counted.case.opened_on
    other_month = opened.replace(day=1) - datetime.timedelta(days=1)
    client = api(counted.banner_admin)
    assert client.get("/api/mediation/counts/", {
        "year": other_month.year, "month": other_month.month}).json()["totals"]["opened"] == 0
    rows = client.get("/api/mediation/counts/", {"year": opened.year, "kind": "debts",
                                                 "village": counted.v11.pk}).json()["rows"]
    assert [(r["kind"], r["opened"]) for r in rows] == [("debts", 2)]
