"""A case opens with one of its village's active mediators, gathers sessions while open, and
closes once with an outcome: settled, referred (to whom) or dropped. A closed case cannot be
closed again nor take sessions; sessions and moves are history that is never changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mediation import services
from mediation.models import CaseEvent, CaseSession, MediationCase
from practice.exceptions import Conflict, Forbidden, InvalidInput
from tests.mediation.conftest import open_case

pytestmark = pytest.mark.django_db


def test_a_case_is_closed_once_and_then_refuses_a_second_close(mnet, api):
    client = api(mnet.villager)
    first = client.post(f"/api/mediation/cases/{mnet.case.pk}/close/",
                        {"outcome": "settled", "note": "双方签订协议"}, format="json")
    assert first.status_code == 200
    assert first.json()["status"] == "closed" and first.json()["outcome"] == "settled"
    again = api(mnet.station_staff).post(f"/api/mediation/cases/{mnet.case.pk}/close/",
                                         {"outcome": "dropped"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition" and again.json()["status"] == "closed"
    case = MediationCase.objects.get(pk=mnet.case.pk)
    assert case.outcome == "settled" and case.closed_on == timezone.localdate()
    moves = list(CaseEvent.objects.filter(case=case).values_list("from_status", "to_status"))
    assert moves == [("", "open"), ("open", "closed")]


def test_a_closed_case_takes_no_more_sessions(mnet, api):
    services.case_close(mnet.case, actor=mnet.station_staff, outcome="dropped")
    answer = api(mnet.villager).post(f"/api/mediation/cases/{mnet.case.pk}/sessions/",
                                     {"note": "再次调解"}, format="json")
    assert answer.status_code == 409


def test_sessions_are_recorded_in_order_and_cannot_be_deleted(mnet, api):
    today = timezone.localdate()
    for days, note in ((2, "第一次调解"), (1, "第二次调解")):
        answer = api(mnet.township_staff).post(
            f"/api/mediation/cases/{mnet.case.pk}/sessions/",
            {"date": (today - datetime.timedelta(days=days)).isoformat(), "note": note},
            format="json")
        assert answer.status_code == 201
    detail = api(mnet.station_staff).get(f"/api/mediation/cases/{mnet.case.pk}/").json()
    assert [s["note"] for s in detail["sessions"]] == ["第一次调解", "第二次调解"]
    with pytest.raises(ValidationError):
        CaseSession.objects.filter(case=mnet.case).first().delete()


def test_a_referred_case_says_to_whom(mnet):
    with pytest.raises(InvalidInput) as refused:
        services.case_close(mnet.case, actor=mnet.station_staff, outcome="referred")
    assert refused.value.field == "referred_to"
    services.case_close(mnet.case, actor=mnet.station_staff, outcome="referred",
                        referred_to="旗人民法院")
    assert MediationCase.objects.get(pk=mnet.case.pk).referred_to == "旗人民法院"


def test_dates_out_of_order_are_refused(mnet):
    today = timezone.localdate()
    with pytest.raises(InvalidInput):
        services.case_add_session(mnet.case, actor=mnet.station_staff, note="x",
                                  date=mnet.case.opened_on - datetime.timedelta(days=1))
    with pytest.raises(InvalidInput):
        services.case_add_session(mnet.case, actor=mnet.station_staff, note="x",
                                  date=today + datetime.timedelta(days=1))
    with pytest.raises(InvalidInput):
        services.case_close(mnet.case, actor=mnet.station_staff, outcome="settled",
                            closed_on=mnet.case.opened_on - datetime.timedelta(days=1))
    with pytest.raises(InvalidInput):
        open_case(mnet, mnet.mediator, days_ago=-1)


def test_the_mediator_must_be_an_active_mediator_of_the_village(mnet):
    with pytest.raises(InvalidInput):  # another village's mediator
        services.case_open(actor=mnet.township_staff, village=mnet.v11, kind="debts",
                           parties="甲", summary="乙", mediator=mnet.mediator_other)
    services.mediator_end(mnet.mediator_b, actor=mnet.station_staff)
    with pytest.raises(InvalidInput):  # ended today
        open_case(mnet, mnet.mediator_b, days_ago=0)


def test_leaders_and_the_banner_admin_cannot_open_or_close_cases(mnet):
    for user in (mnet.leader, mnet.banner_admin, mnet.station_staff_other):
        with pytest.raises(Forbidden):
            open_case(mnet, mnet.mediator, actor=user)
        with pytest.raises(Forbidden):
            services.case_close(mnet.case, actor=user, outcome="settled")


def test_the_staff_pages_record_a_session_and_close(mnet, web):
    client = web(mnet.station_staff)
    response = client.post(f"/mediation/cases/{mnet.case.pk}/session/", {"note": "到场调解"})
    assert response.status_code == 302
    response = client.post(f"/mediation/cases/{mnet.case.pk}/close/",
                           {"outcome": "settled", "confirm": "1"}, follow=True)
    assert "案件已结案" in response.content.decode()
    again = client.post(f"/mediation/cases/{mnet.case.pk}/close/",
                        {"outcome": "dropped", "confirm": "1"}, follow=True)
    assert again.status_code == 200
    assert MediationCase.objects.get(pk=mnet.case.pk).outcome == "settled"


def test_the_mediator_closes_from_the_phone(mnet, web):
    client = web(mnet.villager)
    response = client.post(f"/mediation/mine/{mnet.case.pk}/session/", {"note": "上门调解"})
    assert response.status_code == 302
    client.post(f"/mediation/mine/{mnet.case.pk}/close/", {"outcome": "settled",
                                                           "confirm": "1"})
    assert MediationCase.objects.get(pk=mnet.case.pk).status == "closed"


def test_appointing_and_ending_mediators(mnet, api):
    answer = api(mnet.township_staff).post(
        "/api/mediation/mediators/",
        {"village": mnet.v11.pk, "user": mnet.station_staff.pk, "background": "retired_cadre"},
        format="json")
    assert answer.status_code == 201
    again = api(mnet.township_staff).post(
        "/api/mediation/mediators/",
        {"village": mnet.v11.pk, "user": mnet.station_staff.pk}, format="json")
    assert again.status_code == 409
    stranger = api(mnet.banner_admin).post(
        "/api/mediation/mediators/",
        {"village": mnet.v11.pk, "user": mnet.villager_other.pk}, format="json")
    assert stranger.status_code == 400 and "user" in stranger.json()
    end = api(mnet.banner_admin).post(f"/api/mediation/mediators/{answer.json()['id']}/end/",
                                      {}, format="json")
    assert end.status_code == 200 and end.json()["active_to"] == timezone.localdate().isoformat()
    twice = api(mnet.banner_admin).post(
        f"/api/mediation/mediators/{answer.json()['id']}/end/", {}, format="json")
    assert twice.status_code == 409
    with pytest.raises(Conflict):
        services.mediator_end(mnet.mediator_b, actor=mnet.station_staff,
                              on=timezone.localdate())
        services.mediator_end(mnet.mediator_b, actor=mnet.station_staff)
