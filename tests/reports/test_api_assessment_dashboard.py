"""API of the annual assessment and the leaders' dashboard: scoped, drill-down, 404 outside."""

from decimal import Decimal

import pytest

from practice.models import Household
from reports import services
from reports.models import Assessment, AssessmentItem, ManualItem
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db
YEAR = services.local_today().year


@pytest.fixture
def assessment(net):
    Household.objects.update(created_at=at(2020, 1, 1))  # the network's own, out of the way
    a = Assessment.objects.create(unit=net.banner, year=YEAR)
    AssessmentItem.objects.create(assessment=a, code="practice.households_new",
                                  weight=Decimal("50"), target=Decimal("2"))
    ManualItem.objects.create(assessment=a, name="领导小组会议出席", max_score=5)
    return a


def test_banner_users_see_every_township_ranked(net, api, assessment):
    household(net.v21, "X1", at(YEAR, 1, 2))
    data = api(net.leader).get(f"/api/assessments/?year={YEAR}").json()
    assert [(r["name"], r["rank"], r["score"]) for r in data["townships"]] == [
        ("努古斯台镇", 1, 25.0), ("查日苏镇", 2, 0.0)]
    assert data["items"][0]["label"] == "新增登记农户"
    assert data["townships"][0]["indicators"][0] == {
        "code": "practice.households_new", "value": 1, "points": 25.0}


def test_a_township_leader_sees_only_their_township_with_its_rank(net, api, assessment):
    household(net.v21, "X1", at(YEAR, 1, 2))
    data = api(net.township_leader).get(f"/api/assessments/?year={YEAR}").json()
    assert [(r["name"], r["rank"]) for r in data["townships"]] == [("查日苏镇", 2)]


def test_no_assessment_for_the_year_is_404(net, api):
    assert api(net.leader).get("/api/assessments/?year=2020").status_code == 404
    assert api(net.leader).get("/api/assessments/?year=abc").status_code == 400
    assert api(net.villager).get(f"/api/assessments/?year={YEAR}").status_code == 403


def test_the_banner_dashboard_gives_totals_trend_and_townships(net, api, assessment):
    household(net.v11, "A", at(YEAR - 1, 1, 2))
    household(net.v11, "B", at(YEAR, 1, 2))
    household(net.v12, "C", at(YEAR, 1, 3))
    household(net.v21, "D", at(YEAR, 1, 4))
    if services.local_today().month > 1:
        services.monthly_reports_build(YEAR, 1)
    data = api(net.leader).get(f"/api/dashboard/summary/?year={YEAR}").json()
    assert data["unit"]["id"] == net.banner.pk
    total = next(t for t in data["totals"] if t["code"] == "practice.households_new")
    assert total == {"code": "practice.households_new", "value": 3, "last_year": 1,
                     "change_pct": 200.0, "base_too_small": False}
    assert [c["name"] for c in data["children"]] == ["查日苏镇", "努古斯台镇"]
    assert data["children"][0]["values"]["practice.households_new"] == 2
    if services.local_today().month > 1:
        assert data["trend"]["series"]["practice.households_new"][0] == 3
    assert [r["name"] for r in data["ranking"]["townships"]] == ["查日苏镇", "努古斯台镇"]


def test_drilling_down_to_a_township_gives_its_villages(net, api, assessment):
    household(net.v12, "C", at(YEAR, 1, 3))
    data = api(net.leader).get(f"/api/dashboard/summary/?year={YEAR}&unit={net.t1.pk}").json()
    assert data["unit"]["name"] == "查日苏镇"
    assert [(c["name"], c["values"]["practice.households_new"]) for c in data["children"]] == [
        ("沃德嘎查", 0), ("伊胡塔嘎查", 1)]
    assert [r["name"] for r in data["ranking"]["townships"]] == ["查日苏镇"]


def test_a_township_leader_gets_their_township_and_404_outside(net, api, assessment):
    client = api(net.township_leader)
    data = client.get("/api/dashboard/summary/").json()
    assert data["unit"]["id"] == net.t1.pk
    assert client.get(f"/api/dashboard/summary/?unit={net.t2.pk}").status_code == 404
    assert client.get(f"/api/dashboard/summary/?unit={net.banner.pk}").status_code == 404
    assert client.get(f"/api/dashboard/summary/?unit={net.v11.pk}").status_code == 200


def test_roles_without_a_dashboard_are_refused(net, api):
    assert api(net.villager).get("/api/dashboard/summary/").status_code == 403
    assert api(net.station_staff).get("/api/dashboard/summary/").status_code == 403


def test_a_warm_dashboard_costs_a_fixed_handful_of_queries(
    net, api, assessment, django_assert_max_num_queries
):
    client = api(net.leader)
    client.get(f"/api/dashboard/summary/?year={YEAR}")
    for n in range(20):
        household(net.v11, f"N{n}", at(YEAR, 1, 5))
    with django_assert_max_num_queries(9):
        client.get(f"/api/dashboard/summary/?year={YEAR}")


def test_a_change_against_a_base_too_small_is_a_dash_with_a_note(net, api, web, assessment):
    """Six new households against last year's one is no "+500%": the base is too small."""
    household(net.v11, "A", at(YEAR - 1, 1, 2))
    for n in range(6):
        household(net.v11, f"N{n}", at(YEAR, 1, 2))
    data = api(net.leader).get(f"/api/dashboard/summary/?year={YEAR}").json()
    total = next(t for t in data["totals"] if t["code"] == "practice.households_new")
    assert (total["value"], total["last_year"]) == (6, 1)
    assert total["change_pct"] is None and total["base_too_small"] is True
    page = web(net.leader).get(f"/reports/?year={YEAR}").content.decode()
    assert 'id="base-note"' in page and "基数过小" in page
