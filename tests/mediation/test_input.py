"""Bad input anywhere: a clear Chinese answer (400, 404, 409), never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD_BODIES = [
    {},
    {"mediator": "x", "kind": "feud", "parties": "", "summary": ""},
    {"mediator": 2**63, "kind": "debts", "parties": "甲", "summary": "乙"},
    {"mediator": 1, "kind": "debts", "parties": "甲" * 5000, "summary": "乙"},
    {"mediator": 1, "kind": "debts", "parties": "甲", "summary": "乙", "opened_on": "昨天"},
    {"mediator": 1, "kind": "debts", "parties": "甲", "summary": "乙", "opened_on": "0001-01-01"},
    {"mediator": 1, "kind": ["debts"], "parties": {"a": 1}, "summary": None},
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_opening_a_case_with_bad_input_is_a_400(mnet, api, body):
    if body.get("mediator") == 1:
        body = {**body, "mediator": mnet.mediator.pk}
    answer = api(mnet.station_staff).post("/api/mediation/cases/", body, format="json")
    assert answer.status_code == 400, answer.content


@pytest.mark.parametrize("body", [
    {}, {"outcome": "won"}, {"outcome": "settled", "closed_on": "2026-13-01"},
    {"outcome": "referred"}, {"outcome": "settled", "closed_on": "9999-12-31"},
    {"outcome": "settled", "note": "x" * 5000},
])
def test_closing_with_bad_input_is_a_400(mnet, api, body):
    answer = api(mnet.villager).post(f"/api/mediation/cases/{mnet.case.pk}/close/", body,
                                     format="json")
    assert answer.status_code == 400, answer.content
    assert "detail" in answer.json() or answer.json()


@pytest.mark.parametrize("query", [
    {"year": "abc"}, {"year": "99999999999999999999"}, {"month": "13"}, {"kind": "feud"},
    {"village": "-1"}, {"village": "1e300"}, {"month": "٣"},
])
def test_counts_with_bad_parameters_are_a_400(mnet, api, query):
    answer = api(mnet.leader).get("/api/mediation/counts/", query)
    assert answer.status_code == 400


@pytest.mark.parametrize("query", [
    {"year": "abc"}, {"month": "99"}, {"kind": "feud"}, {"village": "abc"},
    {"status": "x", "page": "9999"},
])
def test_pages_with_bad_parameters_do_not_fail(mnet, web, query):
    for user, url in ((mnet.leader, "/mediation/figures/"),
                      (mnet.township_staff, "/mediation/cases/"),
                      (mnet.township_staff, "/mediation/mediators/")):
        response = web(user).get(url, query)
        assert response.status_code in (200, 404), (url, query)


@pytest.mark.parametrize("post", [
    {}, {"mediator": "abc"}, {"mediator": "99999999999999999999999", "kind": "debts"},
    {"kind": "debts", "parties": "甲", "summary": "乙", "opened_on": "not a date"},
])
def test_the_new_case_form_shows_its_errors(mnet, web, post):
    response = web(mnet.station_staff).post("/mediation/cases/new/", post)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_the_new_case_form_with_a_good_mediator_and_bad_date(mnet, web):
    response = web(mnet.station_staff).post("/mediation/cases/new/", {
        "mediator": mnet.mediator.pk, "kind": "debts", "parties": "甲", "summary": "乙",
        "opened_on": "2026-02-30"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


@pytest.mark.parametrize("post", [{}, {"note": ""}, {"note": "x", "date": "tomorrow"},
                                  {"outcome": "won", "confirm": "1"}, {"outcome": "settled"}])
def test_the_action_forms_come_back_with_a_message(mnet, web, post):
    for url in (f"/mediation/cases/{mnet.case.pk}/session/",
                f"/mediation/cases/{mnet.case.pk}/close/"):
        response = web(mnet.station_staff).post(url, post)
        assert response.status_code == 302


def test_the_mediator_form_refuses_a_stranger(mnet, web):
    response = web(mnet.station_staff).post(f"/mediation/mediators/new/?village={mnet.v11.pk}",
                                            {"user": mnet.villager_other.pk})
    assert response.status_code == 400
    response = web(mnet.station_staff).post("/mediation/mediators/new/?village=abc", {})
    assert response.status_code == 404
