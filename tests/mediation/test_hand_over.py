"""A mediator sees a case only while serving: when the appointment ends, or the village's staff
hand the open case to another of its mediators, the former mediator no longer reads it (parties
included) by page, phone page or API, nor records on it; the new one does, and is told."""

import datetime

import pytest
from django.utils import timezone

from mediation import services
from mediation.models import CaseEvent, MediationCase
from tests.mediation.conftest import PARTIES
from volunteers.models import Notification

pytestmark = pytest.mark.django_db


def _reads(net, user, api, web, case):
    """What ``user`` gets of ``case``: API detail, API list, phone page, phone list."""
    client = web(user)
    return (api(user).get(f"/api/mediation/cases/{case.pk}/").status_code,
            case.pk in [c["id"] for c in api(user).get("/api/mediation/cases/").json()["results"]],
            client.get(f"/mediation/mine/{case.pk}/").status_code,
            PARTIES in client.get("/mediation/mine/").content.decode()
            or f"/mediation/mine/{case.pk}/" in client.get("/mediation/mine/").content.decode())


def test_the_township_hands_an_open_case_to_another_mediator(
        mnet, api, web, django_capture_on_commit_callbacks):
    assert _reads(mnet, mnet.villager, api, web, mnet.case) == (200, True, 200, True)
    assert _reads(mnet, mnet.villager_b11, api, web, mnet.case)[:3] == (404, False, 404)

    with django_capture_on_commit_callbacks(execute=True):
        answer = api(mnet.township_staff).post(
            f"/api/mediation/cases/{mnet.case.pk}/hand-over/",
            {"mediator": mnet.mediator_b.pk, "note": "原调解员外出务工"}, format="json")

    assert answer.status_code == 200 and answer.json()["mediator"] == mnet.mediator_b.pk
    assert _reads(mnet, mnet.villager, api, web, mnet.case) == (404, False, 404, False)
    assert _reads(mnet, mnet.villager_b11, api, web, mnet.case) == (200, True, 200, True)
    moved = CaseEvent.objects.filter(case=mnet.case).last()
    assert moved.actor == mnet.township_staff and "原调解员外出务工" in moved.note
    assert mnet.villager.real_name in moved.note and mnet.villager_b11.real_name in moved.note
    told = Notification.objects.filter(user=mnet.villager_b11).last()
    assert told is not None and mnet.v11.name in told.message
    assert not any(part in told.message for part in ("张秘密", "李隐私", "院墙"))
    path = f"/api/mediation/cases/{mnet.case.pk}/sessions/"
    assert api(mnet.villager).post(path, {"note": "我还想记"}, format="json").status_code == 404
    assert api(mnet.villager_b11).post(path, {"note": "接手后上门"},
                                       format="json").status_code == 201


def test_the_staff_page_offers_the_villages_other_serving_mediators(mnet, web):
    client = web(mnet.station_staff)
    page = client.get(f"/mediation/cases/{mnet.case.pk}/").content.decode()
    assert "移交" in page and f'<option value="{mnet.mediator_b.pk}">' in page
    assert f'<option value="{mnet.mediator.pk}">' not in page  # not to the present one
    assert f'<option value="{mnet.mediator_other.pk}">' not in page  # not another village's

    response = client.post(f"/mediation/cases/{mnet.case.pk}/hand-over/",
                           {"mediator": mnet.mediator_b.pk}, follow=True)

    assert response.status_code == 200 and "已移交" in response.content.decode()
    assert MediationCase.objects.get(pk=mnet.case.pk).mediator == mnet.mediator_b


@pytest.mark.parametrize("pick, message", [
    ("mediator", "已由该调解员负责"),  # the present one
    ("mediator_other", "本嘎查村在任的调解员"),  # another village's
    ("ended", "本嘎查村在任的调解员"),  # the appointment ended
    (None, "本嘎查村在任的调解员"),  # none chosen
])
def test_a_hand_over_to_anyone_but_another_serving_mediator_is_refused(mnet, web, pick,
                                                                        message):
    if pick == "ended":
        services.mediator_end(mnet.mediator_b, actor=mnet.station_staff)
        pick = "mediator_b"
    target = getattr(mnet, pick).pk if pick else ""
    response = web(mnet.station_staff).post(f"/mediation/cases/{mnet.case.pk}/hand-over/",
                                            {"mediator": target}, follow=True)
    assert response.status_code == 200 and message in response.content.decode()
    assert MediationCase.objects.get(pk=mnet.case.pk).mediator == mnet.mediator


def test_only_the_villages_staff_hand_over_and_only_open_cases(mnet, api):
    for who in (mnet.villager, mnet.villager_b11):  # the mediators themselves
        answer = api(who).post(f"/api/mediation/cases/{mnet.case.pk}/hand-over/",
                               {"mediator": mnet.mediator_b.pk}, format="json")
        assert answer.status_code in (403, 404)
    other = api(mnet.station_staff_other).post(
        f"/api/mediation/cases/{mnet.case.pk}/hand-over/", {"mediator": mnet.mediator_b.pk},
        format="json")
    assert other.status_code == 404
    services.case_close(mnet.case, actor=mnet.station_staff, outcome="settled")
    closed = api(mnet.station_staff).post(f"/api/mediation/cases/{mnet.case.pk}/hand-over/",
                                          {"mediator": mnet.mediator_b.pk}, format="json")
    assert closed.status_code == 409
    assert MediationCase.objects.get(pk=mnet.case.pk).mediator == mnet.mediator


def test_when_the_appointment_ends_the_former_mediator_no_longer_sees_the_case(mnet, api,
                                                                              web):
    services.case_close(mnet.case, actor=mnet.villager, outcome="settled")
    services.mediator_end(mnet.mediator, actor=mnet.station_staff)

    assert _reads(mnet, mnet.villager, api, web, mnet.case) == (404, False, 404, False)
    assert "您不是调解员" in web(mnet.villager).get("/mediation/mine/").content.decode()
    # the village's staff still have it whole
    assert api(mnet.station_staff).get(f"/api/mediation/cases/{mnet.case.pk}/").json()[
        "parties"] == PARTIES


def test_an_appointment_ending_tomorrow_still_serves_today(mnet, api):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.mediator_end(mnet.mediator, actor=mnet.station_staff, on=tomorrow)
    assert api(mnet.villager).get(f"/api/mediation/cases/{mnet.case.pk}/").status_code == 200
    services.case_add_session(mnet.case, actor=mnet.villager, note="最后一次调解")


def test_ending_an_appointment_with_open_cases_says_they_wait_and_the_list_marks_them(mnet,
                                                                                     web):
    client = web(mnet.station_staff)
    response = client.post(f"/mediation/mediators/{mnet.mediator.pk}/end/", follow=True)
    assert "该调解员还有1件未结案件" in response.content.decode()

    listed = client.get("/mediation/cases/").content.decode()
    mark = listed.split(f'id="case-{mnet.case.pk}"')[1].split("</article>")[0]
    assert "调解员已离任，请移交" in mark
    page = client.get(f"/mediation/cases/{mnet.case.pk}/").content.decode()
    assert "调解员已离任，请移交" in page

    client.post(f"/mediation/cases/{mnet.case.pk}/hand-over/", {"mediator": mnet.mediator_b.pk})
    listed = client.get("/mediation/cases/").content.decode()
    assert "调解员已离任，请移交" not in listed
