"""The moral review council (道德评议会) reviews the year's ten-star proposals before the
township approves them — where the village has one set up; elsewhere the step is skipped."""

import pytest

from honours import services
from honours.models import MoralReview, StarEvaluationEvent, StarEvaluationStatus
from practice.exceptions import Conflict, Forbidden, InvalidInput

pytestmark = pytest.mark.django_db
S = StarEvaluationStatus


def test_the_township_approves_at_once_where_the_village_has_no_council(net, propose):
    evaluation = services.star_evaluation_approve(propose(), actor=net.township_staff)
    assert evaluation.status == S.IN_NOTICE


def test_approval_waits_for_the_councils_opinion_where_it_is_set_up(net, propose, seat, api):
    seat(net.v11, net.villager)
    evaluation = propose()
    with pytest.raises(Conflict) as refused:
        services.star_evaluation_approve(evaluation, actor=net.township_staff)
    assert refused.value.code == "review_missing"
    response = api(net.township_staff).post(f"/api/star-evaluations/{evaluation.pk}/approve/")
    assert response.status_code == 409 and "道德评议会" in response.json()["detail"]

    services.star_evaluation_review(evaluation, actor=net.villager, opinion="remarks",
                                    text="建议多宣传其孝老事迹")
    evaluation = services.star_evaluation_approve(evaluation, actor=net.township_staff)
    assert evaluation.status == S.IN_NOTICE


def test_a_council_without_a_sitting_member_is_not_set_up(net, propose, seat):
    seat(net.v11)  # founded, nobody seated yet
    assert services.star_evaluation_approve(propose(), actor=net.township_staff).status == \
        S.IN_NOTICE


def test_a_new_proposal_after_a_return_needs_a_new_opinion(net, propose, seat):
    seat(net.v11, net.villager)
    evaluation = propose()
    services.star_evaluation_review(evaluation, actor=net.villager, opinion="agree")
    services.star_evaluation_return(evaluation, actor=net.township_staff, reason="材料不全")
    evaluation = propose()  # the station proposes again
    with pytest.raises(Conflict):
        services.star_evaluation_approve(evaluation, actor=net.township_staff)
    services.star_evaluation_review(evaluation, actor=net.villager, opinion="agree")
    assert services.star_evaluation_approve(evaluation, actor=net.township_staff).status == \
        S.IN_NOTICE
    assert MoralReview.objects.filter(evaluation=evaluation).count() == 2


def test_the_council_gives_one_opinion_per_proposal(net, propose, seat):
    seat(net.v11, net.villager, net.villager_b)
    evaluation = propose()
    services.star_evaluation_review(evaluation, actor=net.villager, opinion="agree")
    with pytest.raises(Conflict):
        services.star_evaluation_review(evaluation, actor=net.villager, opinion="disagree",
                                        text="改变主意")


def test_a_villager_who_does_not_sit_on_the_council_cannot_record_an_opinion(
        net, propose, seat, api):
    seat(net.v11, net.villager)
    evaluation = propose()
    # villager_b lives in v12 (not a member anywhere); staff of the village is not a member
    for outsider in (net.villager_b, net.station_staff):
        with pytest.raises(Forbidden):
            services.star_evaluation_review(evaluation, actor=outsider, opinion="agree")
    response = api(net.villager_b).post(f"/api/star-evaluations/{evaluation.pk}/review/",
                                        {"opinion": "agree"}, format="json")
    assert response.status_code == 404  # a proposal a non-member cannot see
    response = api(net.station_staff).post(f"/api/star-evaluations/{evaluation.pk}/review/",
                                           {"opinion": "agree"}, format="json")
    assert response.status_code == 403
    assert "道德评议会" in response.json()["detail"]
    assert not MoralReview.objects.exists()


def test_a_member_of_another_villages_council_cannot_record_an_opinion(net, propose, seat, api):
    seat(net.v11, net.villager)
    seat(net.v21, net.villager_other)
    evaluation = propose()
    with pytest.raises(Forbidden):
        services.star_evaluation_review(evaluation, actor=net.villager_other, opinion="agree")
    response = api(net.villager_other).post(f"/api/star-evaluations/{evaluation.pk}/review/",
                                            {"opinion": "agree"}, format="json")
    assert response.status_code == 404
    assert not MoralReview.objects.exists()


def test_an_opinion_other_than_agree_needs_its_remarks(net, propose, seat):
    seat(net.v11, net.villager)
    evaluation = propose()
    with pytest.raises(InvalidInput):
        services.star_evaluation_review(evaluation, actor=net.villager, opinion="disagree")
    with pytest.raises(InvalidInput):
        services.star_evaluation_review(evaluation, actor=net.villager, opinion="maybe")


def test_only_a_proposal_waiting_for_the_township_is_reviewed(net, propose, seat):
    evaluation = services.star_evaluation_approve(propose(), actor=net.township_staff)
    seat(net.v11, net.villager)
    with pytest.raises(Conflict):
        services.star_evaluation_review(evaluation, actor=net.villager, opinion="agree")


def test_the_member_sees_the_queue_and_records_the_opinion_on_the_phone_page(
        net, propose, seat, web):
    seat(net.v11, net.villager)
    evaluation = propose()
    client = web(net.villager)
    page = client.get("/board/review/").content.decode()
    assert net.h11.head_name in page and f'name="evaluation" value="{evaluation.pk}"' in page
    response = client.post("/board/review/", {"evaluation": evaluation.pk,
                                                 "opinion": "agree", "text": ""})
    assert response.status_code == 302
    review = MoralReview.objects.get(evaluation=evaluation)
    assert review.member == net.villager and review.opinion == "agree"
    # a villager who sits nowhere has no queue, and cannot post to it
    other = web(net.villager_b)
    assert net.h11.head_name not in other.get("/board/review/").content.decode()
    assert other.post("/board/review/", {"evaluation": evaluation.pk,
                                           "opinion": "agree"}).status_code == 404


def test_the_queue_in_the_api_lists_the_members_villages_proposals_only(
        net, propose, seat, api):
    seat(net.v11, net.villager)
    evaluation = propose()
    data = api(net.villager).get("/api/moral-review/").json()
    assert [e["id"] for e in data["star_evaluations"]] == [evaluation.pk]
    assert data["star_evaluations"][0]["reviewed"] is False
    assert api(net.villager_b).get("/api/moral-review/").json()["star_evaluations"] == []


def test_the_opinion_shows_to_the_township_in_the_history_and_the_api(
        net, propose, seat, api, web):
    seat(net.v11, net.villager)
    evaluation = propose()
    response = api(net.villager).post(f"/api/star-evaluations/{evaluation.pk}/review/",
                                      {"opinion": "remarks", "text": "事迹属实"}, format="json")
    assert response.status_code == 201, response.content
    detail = api(net.township_staff).get(f"/api/star-evaluations/{evaluation.pk}/").json()
    review = detail["moral_review"]
    assert review["required"] is True
    assert review["current"]["opinion"] == "remarks" and review["current"]["text"] == "事迹属实"
    assert review["current"]["member"] == str(net.villager)
    assert any(e["action"] == "review" and "事迹属实" in e["note"] for e in detail["events"])
    event = StarEvaluationEvent.objects.get(evaluation=evaluation, action="review")
    assert event.actor == net.villager
    page = web(net.township_staff).get(
        f"/board/stars/{net.h11.pk}/{evaluation.year}/").content.decode()
    assert "事迹属实" in page and "同意" in page
