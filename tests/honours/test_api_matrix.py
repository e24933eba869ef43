"""The API's role and scope matrix: 404 outside scope, 403 for the wrong role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from honours import services
from honours.models import HonourKind, StarEvaluation, VoteChoice
from tests.honours.conftest import ALL_STARS, YEAR

pytestmark = pytest.mark.django_db


def test_household_stars_for_a_year(net, api, propose):
    propose(codes=ALL_STARS[:3])
    r = api(net.villager).get(f"/api/households/{net.h11.pk}/stars/?year={YEAR}")
    assert r.status_code == 200, r.content
    body = r.json()
    assert [s["earned"] for s in body["stars"]] == [True] * 3 + [False] * 7
    assert body["evaluation"]["status"] == "proposed"


@pytest.mark.parametrize(
    ("who", "household", "expected"),
    [
        ("villager", "h11", 200),
        ("villager", "h12", 404),
        ("station_staff", "h11", 200),
        ("station_staff", "h12", 404),
        ("township_staff", "h12", 200),
        ("township_staff_other", "h11", 404),
        ("leader", "h21", 200),
        ("volunteer", "h11", 403),
    ],
)
def test_who_reads_a_households_stars(net, api, who, household, expected):
    pk = getattr(net, household).pk
    assert api(getattr(net, who)).get(f"/api/households/{pk}/stars/?year={YEAR}").status_code == (
        expected
    )


@pytest.mark.parametrize(
    ("who", "household", "expected"),
    [
        ("station_staff", "h11", 200),
        ("station_staff", "h12", 404),
        ("station_staff_other", "h11", 404),
        ("township_staff", "h11", 403),
        ("villager", "h11", 403),
        ("leader", "h11", 403),
    ],
)
def test_who_proposes_stars(net, api, who, household, expected):
    pk = getattr(net, household).pk
    r = api(getattr(net, who)).post(
        f"/api/households/{pk}/stars/", {"year": YEAR, "stars": ALL_STARS}, format="json"
    )
    assert r.status_code == expected, r.content


def test_a_bad_star_is_a_400_naming_the_field(net, api):
    r = api(net.station_staff).post(
        f"/api/households/{net.h11.pk}/stars/", {"year": YEAR, "stars": ["nope"]}, format="json"
    )
    assert r.status_code == 400 and "stars" in r.json()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("township_staff", 200),
        ("banner_admin", 200),
        ("township_staff_other", 404),
        ("station_staff", 403),
        ("leader", 403),
        ("villager", 403),
    ],
)
def test_who_approves(net, api, propose, who, expected):
    evaluation = propose()
    r = api(getattr(net, who)).post(f"/api/star-evaluations/{evaluation.pk}/approve/")
    assert r.status_code == expected, r.content


def test_the_whole_flow_through_the_api(net, api, propose):
    evaluation = propose()
    town = api(net.township_staff)
    assert town.post(f"/api/star-evaluations/{evaluation.pk}/approve/").status_code == 200
    r = api(net.villager_b).post(
        f"/api/star-evaluations/{evaluation.pk}/objections/", {"text": "不同意"}, format="json"
    )
    assert r.status_code == 404  # another village's villager
    r = api(net.villager).post(
        f"/api/star-evaluations/{evaluation.pk}/objections/", {"text": "有异议"}, format="json"
    )
    assert r.status_code == 201, r.content
    oid = r.json()["id"]
    r = api(net.villager).post(
        f"/api/star-evaluations/{evaluation.pk}/objections/{oid}/answer/",
        {"answer": "x", "upheld": False}, format="json",
    )
    assert r.status_code == 403
    r = town.post(
        f"/api/star-evaluations/{evaluation.pk}/objections/{oid}/answer/",
        {"answer": "经核实不属实", "upheld": False}, format="json",
    )
    assert r.status_code == 200, r.content
    r = town.post(f"/api/star-evaluations/{evaluation.pk}/finalize/")
    assert r.status_code == 409 and r.json()["code"] == "notice_running"
    StarEvaluation.objects.filter(pk=evaluation.pk).update(
        notice_ends_at=timezone.now() - timedelta(minutes=1)
    )
    r = town.post(f"/api/star-evaluations/{evaluation.pk}/finalize/")
    assert r.status_code == 200 and r.json()["status"] == "final"
    assert [e["action"] for e in r.json()["events"]] == [
        "propose", "approve", "object", "objection_answered", "finalize",
    ]


def test_star_evaluation_list_is_scoped(net, api, propose):
    propose()
    for who, count in [("township_staff", 1), ("township_staff_other", 0), ("villager", 1),
                       ("villager_b", 0)]:
        r = api(getattr(net, who)).get("/api/star-evaluations/")
        assert r.json()["count"] == count, who


def test_star_evaluation_list_query_budget(net, api, propose, django_assert_max_num_queries):
    propose()
    services.star_evaluation_propose(
        net.h12, actor=_staff(net.v12), year=YEAR, star_codes=ALL_STARS[:4]
    )
    with django_assert_max_num_queries(6):
        r = api(net.township_staff).get("/api/star-evaluations/")
    assert r.json()["count"] == 2


def _staff(village):
    from tests.factories import make_user

    return make_user(f"s-{village.code}", "station_staff", village)


@pytest.mark.parametrize(
    ("who", "village", "expected"),
    [
        ("station_staff", "v11", 201),
        ("township_staff", "v12", 201),
        ("station_staff", "v12", 400),  # not a village in their area
        ("leader", "v11", 403),
        ("villager", "v11", 403),
    ],
)
def test_who_opens_an_evaluation(net, api, who, village, expected):
    r = api(getattr(net, who)).post(
        "/api/evaluations/",
        {"village": getattr(net, village).pk, "year": YEAR,
         "representatives": [{"name": "代表甲"}, {"name": "代表乙", "phone": "13900001111"}]},
        format="json",
    )
    assert r.status_code == expected, r.content
    if expected == 201:
        assert len({c["code"] for c in r.json()["codes"]}) == 2


def test_voting_by_code_needs_no_login_and_counts_once(net, api, open_evaluation):
    evaluation, codes = open_evaluation(2)
    url = f"/api/evaluations/{evaluation.pk}/vote/"
    r = api().post(url, {"code": codes[0][1], "choice": "satisfied"}, format="json")
    assert r.status_code == 201, r.content
    r = api().post(url, {"code": codes[0][1], "choice": "dissatisfied"}, format="json")
    assert r.status_code == 409
    r = api().post(url, {"code": "WRONG234", "choice": "satisfied"}, format="json")
    assert r.status_code == 400 and "code" in r.json()
    r = api().post(url, {"code": codes[1][1], "choice": "meh"}, format="json")
    assert r.status_code == 400 and "choice" in r.json()


def test_paper_ballots_by_role_and_scope(net, api, open_evaluation):
    evaluation, codes = open_evaluation(2)
    url = f"/api/evaluations/{evaluation.pk}/vote/"
    body = {"representative": codes[0][0].pk, "choice": "satisfied"}
    assert api(net.villager).post(url, body, format="json").status_code == 403
    assert api(net.township_staff_other).post(url, body, format="json").status_code == 404
    assert api(net.station_staff).post(url, body, format="json").status_code == 201
    assert api(net.township_staff).post(url, body, format="json").status_code == 409


def test_close_by_role_and_scope_and_the_result_is_published(net, api, open_evaluation):
    evaluation, codes = open_evaluation(2)
    services.vote_cast_with_code(evaluation, code=codes[0][1], choice=VoteChoice.SATISFIED)
    services.vote_cast_with_code(evaluation, code=codes[1][1], choice=VoteChoice.DISSATISFIED)
    url = f"/api/evaluations/{evaluation.pk}/close/"
    assert api(net.leader).post(url).status_code == 403
    assert api(net.station_staff_other).post(url).status_code == 404
    r = api(net.station_staff).post(url)
    assert r.status_code == 200
    assert r.json()["result"]["satisfaction_rate"] == "50.0"
    assert api(net.station_staff).post(url).status_code == 409
    board = api().get(f"/api/public/units/{net.v11.pk}/board/").json()
    assert board["satisfaction"][0]["satisfied"] == 1


def test_an_open_evaluation_shows_no_result(net, api, open_evaluation):
    evaluation, codes = open_evaluation(1)
    services.vote_cast_with_code(evaluation, code=codes[0][1], choice=VoteChoice.SATISFIED)
    r = api(net.station_staff).get(f"/api/evaluations/{evaluation.pk}/")
    assert r.json()["result"] is None
    assert api().get(f"/api/public/units/{net.v11.pk}/board/").json()["satisfaction"] == []


def test_representatives_show_who_voted_never_how(net, api, open_evaluation):
    evaluation, codes = open_evaluation(2)
    services.vote_cast_with_code(evaluation, code=codes[0][1], choice=VoteChoice.DISSATISFIED)
    rows = api(net.station_staff).get(f"/api/evaluations/{evaluation.pk}/representatives/").json()
    assert [r["has_voted"] for r in rows] == [True, False]
    assert all("choice" not in r for r in rows)


def test_honours_by_role(net, api):
    body = {"village": net.v11.pk, "year": YEAR, "kind": HonourKind.PARTY_MEMBER,
            "person_name": "王五"}
    assert api(net.villager).post("/api/honours/", body, format="json").status_code == 403
    assert api(net.station_staff_other).post("/api/honours/", body, format="json").status_code \
        == 404
    assert api(net.station_staff).post("/api/honours/", body, format="json").status_code == 201
    assert api(net.villager).get("/api/honours/").json()["count"] == 1
    assert api(net.villager_other).get("/api/honours/").json()["count"] == 0


def test_the_public_board_needs_no_login_and_only_villages_and_townships(net, api):
    assert api().get(f"/api/public/units/{net.v11.pk}/board/").status_code == 200
    assert api().get(f"/api/public/units/{net.t1.pk}/board/").status_code == 200
    assert api().get(f"/api/public/units/{net.banner.pk}/board/").status_code == 404
    assert api().get(f"/api/public/units/{net.b111.pk}/board/").status_code == 404
    assert api().get("/api/public/units/999999/board/").status_code == 404


def test_a_move_the_status_does_not_allow_answers_409_with_the_status_it_has(net, api, propose):
    evaluation = propose(codes=ALL_STARS[:3])
    town = api(net.township_staff)
    assert town.post(f"/api/star-evaluations/{evaluation.pk}/approve/").status_code == 200
    r = town.post(f"/api/star-evaluations/{evaluation.pk}/approve/")
    assert r.status_code == 409
    assert r.json() == {"code": "invalid_transition", "status": "in_notice",
                        "detail": "只有已提交的评定才能审核通过。"}
    r = town.post(f"/api/star-evaluations/{evaluation.pk}/return/", {"reason": "x"},
                  format="json")
    assert (r.status_code, r.json()["code"], r.json()["status"]) == (
        409, "invalid_transition", "in_notice")
