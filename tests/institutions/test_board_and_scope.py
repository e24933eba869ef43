"""The public board shows the compact and the councils' results without personal data; a
villager reads their own village's councils, compacts and decisions, never another's."""

import datetime

import pytest
from django.utils import timezone

from institutions import services
from institutions.models import Outcome, Seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(net, villagers_council, antidrug_council):
    today = timezone.localdate()
    staff = net.station_staff
    services.compact_adopt(actor=staff, village=net.v11, text="一、移风易俗。\n二、禁毒禁赌。",
                           adopted_on=today, minutes="到会包金山等80人（电话13800000001）")
    services.member_seat(villagers_council, actor=staff, user=net.villager, seat=Seat.CHAIR,
                         term_starts=today)
    services.meeting_record(villagers_council, actor=staff, held_on=today, attendees=9,
                            topics="村道")
    proposal = services.proposal_raise(villagers_council, actor=staff, text="修村道",
                                       raised_by="提议人甲乙", raised_on=today)
    services.decision_record(proposal, actor=staff, decided_on=today, text="同意修建村道",
                             outcome=Outcome.ADOPTED, present=9, votes_for=9)
    start = timezone.now() - datetime.timedelta(days=1)
    services.antidrug_activity_record(antidrug_council, actor=staff, title="禁毒宣传",
                                      starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    services.antidrug_visit_record(antidrug_council, actor=staff, visited_on=today,
                                   households=14, topic="禁赌", note="走访情况良好")
    return proposal


def test_the_board_shows_the_compact_and_results_without_personal_data(net, records, client):
    page = client.get(f"/board/units/{net.v11.pk}/").content.decode()
    assert "移风易俗" in page and "同意修建村道" in page
    assert "14" in page  # households visited: a count
    assert "提议人甲乙" not in page  # the proposer's name
    assert "13800000001" not in page and "走访情况良好" not in page
    assert "到会包金山" not in page  # the assembly's minutes stay off the board


def test_the_township_board_sums_its_villages(net, records, client):
    page = client.get(f"/board/units/{net.t1.pk}/").content.decode()
    assert "同意修建村道" in page and "提议人甲乙" not in page


def test_a_villager_reads_their_own_village_only(net, records, api, villagers_council):
    other = services.council_set_up(actor=net.station_staff_other, village=net.v21,
                                    kind="villagers")
    client = api(net.villager)
    ids = {c["id"] for c in client.get("/api/councils/").json()["results"]}
    assert villagers_council.pk in ids and other.pk not in ids
    assert client.get(f"/api/councils/{other.pk}/").status_code == 404
    decisions = client.get("/api/council-decisions/").json()["results"]
    assert [d["text"] for d in decisions] == ["同意修建村道"]
    assert client.get("/api/compact-versions/").json()["results"][0]["village"] == net.v11.pk
    assert api(net.villager_other).get("/api/compact-versions/").json()["results"] == []
    assert client.get("/api/antidrug-visits/").status_code == 403


def test_a_villager_finds_their_councils_and_opens_only_their_own(net, records, web,
                                                                  villagers_council):
    other = services.council_set_up(actor=net.station_staff_other, village=net.v21,
                                    kind="villagers")
    client = web(net.villager)
    mine = client.get("/institutions/mine/").content.decode()
    assert f"/institutions/councils/{villagers_council.pk}/" in mine
    assert client.get(f"/institutions/councils/{other.pk}/").status_code == 404
    assert client.post(f"/institutions/councils/{villagers_council.pk}/meeting/",
                       {"held_on": "2025-01-01", "attendees": 3,
                        "topics": "x"}).status_code == 403


def test_awareness_activities_are_the_villages_practice_activities(net, records,
                                                                   antidrug_council):
    from volunteers.models import Activity

    record = antidrug_council.antidrug_activities.get()
    assert Activity.objects.filter(pk=record.activity_id, unit=net.v11).exists()
