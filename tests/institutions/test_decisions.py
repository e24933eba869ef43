"""The villagers' council: proposals and decisions with their votes; an adopted decision raises a
supervised task through supervision's origin ``council_decision``."""

import pytest

from institutions import services
from institutions.models import Outcome
from practice.exceptions import Conflict, InvalidInput
from supervision.models import SupervisedTask

pytestmark = pytest.mark.django_db


def propose(net, council, day, text="硬化村东道路"):
    return services.proposal_raise(council, actor=net.station_staff, text=text,
                                   raised_by="第一村民小组", raised_on=day)


def decide(net, proposal, day, **votes):
    values = {"present": 7, "votes_for": 5, "votes_against": 1, "votes_abstain": 1}
    values.update(votes)
    return services.decision_record(proposal, actor=net.station_staff, decided_on=day,
                                    text="同意硬化村东道路", outcome=Outcome.ADOPTED, **values)


def test_votes_may_not_exceed_the_members_present(net, villagers_council, today):
    proposal = propose(net, villagers_council, today)
    with pytest.raises(InvalidInput) as err:
        decide(net, proposal, today, present=5, votes_for=4, votes_against=2)
    assert "到会成员数" in str(err.value.message) or "present" in str(err.value.message)
    with pytest.raises(InvalidInput):
        decide(net, proposal, today, votes_for=-1)
    decision = decide(net, proposal, today)
    assert decision.votes_for == 5


def test_a_proposal_is_decided_once(net, villagers_council, today):
    proposal = propose(net, villagers_council, today)
    decide(net, proposal, today)
    with pytest.raises(Conflict):
        decide(net, proposal, today)


def test_proposals_belong_to_the_villagers_council(net, antidrug_council, today):
    with pytest.raises(InvalidInput):
        propose(net, antidrug_council, today)


def test_the_api_refuses_negative_votes(net, villagers_council, today, api):
    proposal = propose(net, villagers_council, today)
    response = api(net.station_staff).post(
        f"/api/council-proposals/{proposal.pk}/decide/",
        {"decided_on": today.isoformat(), "text": "同意", "outcome": "adopted", "present": 3,
         "votes_for": -2}, format="json")
    assert response.status_code == 400


def test_a_decision_raises_a_supervised_task(net, villagers_council, today, web):
    decision = decide(net, propose(net, villagers_council, today), today)
    township = web(net.township_staff)
    council_page = township.get(f"/institutions/councils/{villagers_council.pk}/")
    link = f"/supervision/tasks/new/?origin=council_decision:{decision.pk}"
    assert link in council_page.content.decode()
    form = township.get(link)
    assert form.status_code == 200
    assert "同意硬化村东道路" in form.content.decode()
    response = township.post(link, {
        "title": decision.text, "unit": net.v11.pk, "deadline":
        (today.replace(year=today.year + 1)).isoformat(), "evidence_kind": "note",
        "origin": f"council_decision:{decision.pk}"})
    assert response.status_code == 302
    task = SupervisedTask.objects.get()
    assert task.origin == decision and task.unit == net.v11


def test_a_decision_of_another_township_is_no_origin(net, today, web):
    from institutions.models import CouncilKind

    council = services.council_set_up(actor=net.station_staff_other, village=net.v21,
                                      kind=CouncilKind.VILLAGERS)
    proposal = services.proposal_raise(council, actor=net.station_staff_other, text="修桥",
                                       raised_by="乌云", raised_on=today)
    decision = services.decision_record(proposal, actor=net.station_staff_other,
                                        decided_on=today, text="同意修桥",
                                        outcome=Outcome.ADOPTED, present=3, votes_for=3)
    response = web(net.township_staff).get(
        f"/supervision/tasks/new/?origin=council_decision:{decision.pk}")
    assert response.status_code == 404


def test_a_rejected_decision_raises_no_task(net, villagers_council, today, web):
    proposal = propose(net, villagers_council, today, text="拆除村口牌楼")
    decision = services.decision_record(proposal, actor=net.station_staff, decided_on=today,
                                        text="不同意拆除", outcome=Outcome.REJECTED, present=7,
                                        votes_for=1, votes_against=6)
    township = web(net.township_staff)
    link = f"/supervision/tasks/new/?origin=council_decision:{decision.pk}"
    page = township.get(f"/institutions/councils/{villagers_council.pk}/").content.decode()
    assert "不同意拆除" in page and link not in page
    assert township.get(link).status_code == 404
