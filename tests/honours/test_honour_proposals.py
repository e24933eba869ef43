"""Where the village has a moral review council an honour is first proposed, reviewed by the
council, then awarded by the township; elsewhere staff award it directly, as before."""

import pytest

from honours import services
from honours.models import HonourKind, HonourStatus
from practice.exceptions import Conflict, Forbidden

pytestmark = pytest.mark.django_db
YEAR = 2025
BODY = {"year": YEAR, "kind": HonourKind.CUSTOMS_LEADER, "person_name": "包金山"}


def test_without_a_council_the_honour_is_awarded_at_once(net, api):
    response = api(net.station_staff).post("/api/honours/", {**BODY, "village": net.v11.pk},
                                           format="json")
    assert response.status_code == 201
    assert response.json()["status"] == HonourStatus.AWARDED


def test_with_a_council_it_is_proposed_reviewed_then_awarded_by_the_township(
        net, api, web, seat):
    seat(net.v11, net.villager)
    response = api(net.station_staff).post("/api/honours/", {**BODY, "village": net.v11.pk},
                                           format="json")
    assert response.status_code == 201
    honour_id = response.json()["id"]
    assert response.json()["status"] == HonourStatus.PROPOSED
    # not on the board, no certificate, not in the villagers' list yet
    assert "包金山" not in web().get(f"/board/units/{net.v11.pk}/?year={YEAR}").content.decode()
    assert web().get(f"/board/units/{net.v11.pk}/certificates/{honour_id}/").status_code == 404
    assert api(net.villager).get(f"/api/honours/{honour_id}/").status_code == 404

    township = api(net.township_staff)
    refused = township.post(f"/api/honours/{honour_id}/award/")
    assert refused.status_code == 409 and "道德评议会" in refused.json()["detail"]

    queue = api(net.villager).get("/api/moral-review/").json()
    assert [h["id"] for h in queue["honours"]] == [honour_id]
    reviewed = api(net.villager).post(f"/api/honours/{honour_id}/review/",
                                      {"opinion": "agree"}, format="json")
    assert reviewed.status_code == 201, reviewed.content

    assert api(net.station_staff).post(f"/api/honours/{honour_id}/award/").status_code == 403
    awarded = township.post(f"/api/honours/{honour_id}/award/")
    assert awarded.status_code == 200, awarded.content
    assert awarded.json()["status"] == HonourStatus.AWARDED
    assert awarded.json()["moral_review"]["current"]["opinion"] == "agree"
    assert "包金山" in web().get(f"/board/units/{net.v11.pk}/?year={YEAR}").content.decode()
    assert web().get(f"/board/units/{net.v11.pk}/certificates/{honour_id}/").status_code == 200


def test_the_township_may_decline_a_proposal_and_it_can_be_proposed_again(net, seat):
    seat(net.v11, net.villager)
    honour = services.honour_award(actor=net.station_staff, village=net.v11, **BODY)
    services.honour_review(honour, actor=net.villager, opinion="disagree", text="事迹不实")
    honour = services.honour_decline(honour, actor=net.township_staff, reason="评议会不同意")
    assert honour.status == HonourStatus.DECLINED
    with pytest.raises(Conflict):
        services.honour_confirm(honour, actor=net.township_staff)
    again = services.honour_award(actor=net.station_staff, village=net.v11, **BODY)
    assert again.status == HonourStatus.PROPOSED


def test_only_members_of_the_villages_council_review_an_honour(net, seat, api):
    seat(net.v11, net.villager)
    seat(net.v21, net.villager_other)
    honour = services.honour_award(actor=net.station_staff, village=net.v11, **BODY)
    for outsider in (net.villager_b, net.villager_other, net.station_staff):
        with pytest.raises(Forbidden):
            services.honour_review(honour, actor=outsider, opinion="agree")
    assert api(net.villager_other).post(f"/api/honours/{honour.pk}/review/",
                                        {"opinion": "agree"}, format="json").status_code == 404


def test_the_staff_page_shows_the_opinion_and_awards(net, seat, web):
    seat(net.v11, net.villager)
    honour = services.honour_award(actor=net.station_staff, village=net.v11, **BODY)
    township = web(net.township_staff)
    page = township.get(f"/board/honours/?year={YEAR}").content.decode()
    assert "等待道德评议会" in page
    services.honour_review(honour, actor=net.villager, opinion="remarks", text="可作典型宣传")
    page = township.get(f"/board/honours/?year={YEAR}").content.decode()
    assert "可作典型宣传" in page
    township.post("/board/honours/", {"action": "award", "honour": honour.pk})
    honour.refresh_from_db()
    assert honour.status == HonourStatus.AWARDED and honour.awarded_by == net.township_staff


def test_a_final_ten_star_rating_names_the_household_without_a_second_review(
        net, propose, seat):
    from datetime import timedelta

    seat(net.v11, net.villager)
    evaluation = propose()
    services.star_evaluation_review(evaluation, actor=net.villager, opinion="agree")
    evaluation = services.star_evaluation_approve(evaluation, actor=net.township_staff)
    services.star_evaluation_finalize(evaluation, actor=net.township_staff,
                                      now=evaluation.notice_ends_at + timedelta(minutes=1))
    honour = net.h11.honours.get()
    assert honour.kind_id == HonourKind.TEN_STAR and honour.status == HonourStatus.AWARDED


def test_the_staff_page_costs_the_same_however_many_proposals_wait(
        net, seat, web, django_assert_max_num_queries):
    seat(net.v11, net.villager)
    township = web(net.township_staff)
    services.honour_award(actor=net.station_staff, village=net.v11, **BODY)
    township.get(f"/board/honours/?year={YEAR}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert township.get(f"/board/honours/?year={YEAR}").status_code == 200
    for n in range(5):
        services.honour_award(actor=net.station_staff, village=net.v11,
                              **{**BODY, "person_name": f"候选人{n}"})
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = township.get(f"/board/honours/?year={YEAR}").content.decode()
    assert page.count("等待道德评议会") >= 6
