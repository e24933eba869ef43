"""A result is published only when a quorum of the representatives voted, and an evaluation has
a bounded list of representatives (finding 12: 5,000 representatives, one vote, "100 %")."""

from fractions import Fraction

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from honours import services
from honours.models import SatisfactionEvaluation, VoteChoice
from tests.honours.conftest import YEAR

pytestmark = pytest.mark.django_db

NO_QUORUM = "未达到法定人数，结果不公布"


def _vote(evaluation, codes, n):
    for _rep, code in codes[:n]:
        services.vote_cast_with_code(evaluation, code=code, choice=VoteChoice.SATISFIED)


def test_closing_below_quorum_tells_the_api_client_and_publishes_no_rate(
    net, api, open_evaluation
):
    evaluation, codes = open_evaluation(6)
    _vote(evaluation, codes, 3)  # two thirds of 6 is 4
    r = api(net.station_staff).post(f"/api/evaluations/{evaluation.pk}/close/")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "closed"
    assert "3" in body["detail"] and "4" in body["detail"]
    result = body["result"]
    assert result["quorum_met"] is False
    assert result["notice"] == NO_QUORUM
    assert result["satisfaction_rate"] is None
    assert result["satisfied"] is None and result["votes"] is None
    # Closed for good: no late vote turns it into a published result.
    late = api().post(f"/api/evaluations/{evaluation.pk}/vote/",
                      {"code": codes[4][1], "choice": "satisfied"}, format="json")
    assert late.status_code == 409


def test_the_public_board_says_no_quorum_instead_of_a_rate(net, api, web, open_evaluation):
    evaluation, codes = open_evaluation(6)
    _vote(evaluation, codes, 1)
    services.evaluation_close(evaluation, actor=net.station_staff)
    board = api().get(f"/api/public/units/{net.v11.pk}/board/").json()
    (row,) = board["satisfaction"]
    assert row["notice"] == NO_QUORUM
    assert row["satisfaction_rate"] is None and row["satisfied"] is None
    page = web().get(f"/board/units/{net.v11.pk}/").content.decode()
    assert NO_QUORUM in page
    assert "100.0%" not in page


def test_closing_at_quorum_publishes_the_rate(net, api, open_evaluation):
    evaluation, codes = open_evaluation(6)
    _vote(evaluation, codes, 4)
    r = api(net.station_staff).post(f"/api/evaluations/{evaluation.pk}/close/")
    result = r.json()["result"]
    assert result["quorum_met"] is True and result["notice"] is None
    assert result["satisfaction_rate"] == "100.0" and result["votes"] == 4


def test_the_page_that_closes_below_quorum_says_so(net, web, open_evaluation):
    evaluation, codes = open_evaluation(3)
    _vote(evaluation, codes, 1)
    url = f"/board/evaluations/{evaluation.pk}/"
    r = web(net.station_staff).post(url, {"action": "close"}, follow=True)
    page = r.content.decode()
    assert "未达到法定人数" in page
    assert "结果已公布" not in page
    evaluation.refresh_from_db()
    assert evaluation.status == "closed" and evaluation.satisfaction_rate is None


def test_the_quorum_is_a_setting(net, settings, open_evaluation):
    settings.HONOURS_EVALUATION_QUORUM = Fraction(1, 2)
    evaluation, codes = open_evaluation(6)
    _vote(evaluation, codes, 3)
    evaluation = services.evaluation_close(evaluation, actor=net.station_staff)
    assert evaluation.satisfaction_rate == 100


def test_the_database_keeps_a_result_off_an_evaluation_closed_without_quorum(net):
    closed = {"village": net.v11, "year": YEAR, "title": "t", "opened_by": net.station_staff,
              "status": "closed", "closed_at": timezone.now(), "no_quorum": True}
    with pytest.raises(IntegrityError), transaction.atomic():
        SatisfactionEvaluation.objects.create(**closed, satisfied=1, basically_satisfied=0,
                                              dissatisfied=0, satisfaction_rate=100)
    with pytest.raises(IntegrityError), transaction.atomic():
        SatisfactionEvaluation.objects.create(**{**closed, "status": "open", "closed_at": None})
    assert SatisfactionEvaluation.objects.create(**closed).no_quorum


def test_an_evaluation_has_at_most_200_representatives(net, api, open_evaluation):
    body = {"village": net.v11.pk, "year": YEAR,
            "representatives": [{"name": f"代表{i}", "phone": ""} for i in range(201)]}
    r = api(net.station_staff).post("/api/evaluations/", body, format="json")
    assert r.status_code == 400
    assert "200" in str(r.json())
    assert not SatisfactionEvaluation.objects.exists()
    body["representatives"] = body["representatives"][:200]
    r = api(net.station_staff).post("/api/evaluations/", body, format="json")
    assert r.status_code == 201
    add = api(net.station_staff).post(f"/api/evaluations/{r.json()['id']}/representatives/",
                                      {"name": "第二百零一位"}, format="json")
    assert add.status_code == 409
    assert "200" in add.json()["detail"]


def test_the_cap_is_a_setting(net, settings, open_evaluation):
    settings.HONOURS_EVALUATION_MAX_REPRESENTATIVES = 3
    evaluation, _codes = open_evaluation(3)
    with pytest.raises(services.Conflict):
        services.representative_add(evaluation, actor=net.station_staff, name="第四位")
