"""The anti-drug and anti-gambling council records its awareness activities as practice
activities of the village (its villagers see them among the village's activities) and its home
visits as counts that no villager reads."""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _at(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()


def test_an_awareness_activity_is_an_activity_of_the_village(net, antidrug_council, api):
    answer = api(net.station_staff).post("/api/antidrug-activities/", {
        "council": antidrug_council.pk, "title": "禁毒知识讲座", "starts_at": _at(2, 9),
        "ends_at": _at(2, 11), "place": "嘎查文化室"}, format="json")

    assert answer.status_code == 201, answer.content
    assert answer.json()["title"] == "禁毒知识讲座" and answer.json()["status"] == "planned"
    listed = api(net.township_staff).get(f"/api/antidrug-activities/?village={net.v11.pk}")
    assert [a["title"] for a in listed.json()["results"]] == ["禁毒知识讲座"]
    titles = [a["title"] for a in api(net.villager).get("/api/activities/").json()["results"]]
    assert "禁毒知识讲座" in titles
    elsewhere = api(net.villager_other).get("/api/activities/").json()["results"]
    assert "禁毒知识讲座" not in [a["title"] for a in elsewhere]


def test_an_activity_that_ends_before_it_starts_is_refused_in_chinese(net, antidrug_council,
                                                                      api):
    answer = api(net.station_staff).post("/api/antidrug-activities/", {
        "council": antidrug_council.pk, "title": "禁赌宣传", "starts_at": _at(2, 11),
        "ends_at": _at(2, 9)}, format="json")
    assert answer.status_code == 400
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(answer.json()))
    assert not api(net.station_staff).get("/api/antidrug-activities/").json()["results"]


def test_visits_are_counts_that_villagers_do_not_read(net, antidrug_council, api):
    answer = api(net.station_staff).post("/api/antidrug-visits/", {
        "council": antidrug_council.pk, "visited_on": timezone.localdate().isoformat(),
        "households": 12, "topic": "禁赌入户宣传"}, format="json")
    assert answer.status_code == 201 and answer.json()["households"] == 12
    assert api(net.villager).get("/api/antidrug-visits/").status_code == 403
