"""Honours belong to a campaign (by its code), and the list filters by it."""

import datetime

import pytest

from campaigns.models import Campaign
from honours import services
from honours.models import HonourKind
from practice.exceptions import InvalidInput

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def campaigns(net):
    def make(code, unit):
        return Campaign.objects.create(code=code, name=code, unit=unit,
                                       starts_on=datetime.date(2025, 3, 1),
                                       ends_on=datetime.date(2025, 3, 31))
    return make("xueleifeng-2025", net.banner), make("t2-own", net.t2)


def test_an_honour_of_a_campaign_is_filtered_by_its_code(net, api, campaigns):
    client = api(net.station_staff)
    body = {"village": net.v11.pk, "year": YEAR, "kind": HonourKind.CUSTOMS_LEADER}
    created = client.post("/api/honours/", {**body, "person_name": "甲",
                                            "campaign": "xueleifeng-2025"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["campaign"] == "xueleifeng-2025"
    client.post("/api/honours/", {**body, "person_name": "乙"}, format="json")
    names = [h["person_name"] for h in
             client.get("/api/honours/?campaign=xueleifeng-2025").json()["results"]]
    assert names == ["甲"]
    assert client.get("/api/honours/?campaign=nope").status_code == 400


def test_a_campaign_of_another_township_or_unknown_is_refused(net, api, campaigns):
    with pytest.raises(InvalidInput):
        services.honour_award(actor=net.station_staff, village=net.v11, year=YEAR,
                              kind=HonourKind.CUSTOMS_LEADER, person_name="甲",
                              campaign="t2-own")
    response = api(net.station_staff).post(
        "/api/honours/", {"village": net.v11.pk, "year": YEAR, "person_name": "甲",
                          "kind": HonourKind.CUSTOMS_LEADER, "campaign": "nope"},
        format="json")
    assert response.status_code == 400


def test_the_staff_form_takes_the_campaign(net, web, campaigns):
    client = web(net.station_staff)
    client.post("/board/honours/", {"year": YEAR, "village": net.v11.pk,
                                      "kind": HonourKind.CUSTOMS_LEADER, "person_name": "丙",
                                      "campaign": "xueleifeng-2025"})
    assert net.v11.honours.get(person_name="丙").campaign.code == "xueleifeng-2025"
