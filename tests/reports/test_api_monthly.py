"""API of the monthly reports: queue a build, list scoped reports, download the workbook."""

import pytest

from reports import services
from reports.models import MonthlyReport, ReportRun
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


def test_staff_queue_a_build_and_see_it_done(net, api, django_capture_on_commit_callbacks):
    household(net.v11, "X1", at(2025, 3, 3))
    client = api(net.banner_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/reports/monthly/", {"year": 2025, "month": 3}, format="json")
    assert response.status_code == 202, response.content
    task_id = response.json()["task_id"]
    run = ReportRun.objects.get(task_id=task_id)
    assert run.started_by == net.banner_admin
    assert run.state == ReportRun.State.DONE  # no broker in tests: the task ran in-process
    assert MonthlyReport.objects.filter(year=2025, month=3).count() == 3
    got = client.get(f"/api/reports/runs/{run.pk}/").json()
    assert (got["state"], got["progress"]) == ("done", 100)


@pytest.mark.parametrize("who", ["leader", "villager", "volunteer", "reviewer"])
def test_non_staff_may_not_start_a_build(net, api, who):
    response = api(getattr(net, who)).post("/api/reports/monthly/", {"year": 2025, "month": 3})
    assert response.status_code == 403


@pytest.mark.parametrize(("body", "field"), [({"year": 2025, "month": 13}, "month"),
                                             ({"year": 2025}, "month"),
                                             ({"year": 2999, "month": 1}, "year")])
def test_a_bad_month_is_refused_naming_the_field(net, api, body, field):
    response = api(net.township_staff).post("/api/reports/monthly/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_an_unfinished_month_is_refused(net, api):
    today = services.local_today()
    response = api(net.banner_admin).post("/api/reports/monthly/",
                                          {"year": today.year, "month": today.month})
    assert response.status_code == 400
    assert "尚未结束" in response.json()["month"][0]


@pytest.fixture
def built(net):
    household(net.v11, "X1", at(2025, 3, 3))
    household(net.v21, "X2", at(2025, 3, 3))
    services.monthly_reports_build(2025, 3)
    return {r.unit.code: r for r in MonthlyReport.objects.select_related("unit")}


@pytest.mark.parametrize(("who", "codes"), [
    ("leader", {"B", "T1", "T2"}), ("banner_admin", {"B", "T1", "T2"}),
    ("township_leader", {"T1"}), ("township_staff_other", {"T2"}), ("station_staff", set()),
])
def test_each_user_sees_the_reports_of_their_scope(net, api, built, who, codes):
    response = api(getattr(net, who)).get("/api/reports/monthly/?year=2025&month=3")
    if who == "station_staff":
        assert response.status_code == 200 and response.json()["results"] == []
        return
    rows = response.json()["results"]
    assert {r["unit"]["id"] for r in rows} == {built[c].unit_id for c in codes}
    t = next((r for r in rows if r["unit"]["id"] == net.t1.pk), None)
    if t:
        values = {v["code"]: v["value"] for v in t["values"]}
        assert values["practice.households_new"] == 1


def test_reports_are_filtered_by_unit_and_month(net, api, built):
    client = api(net.leader)
    assert len(client.get(f"/api/reports/monthly/?unit={net.t2.pk}").json()["results"]) == 1
    assert client.get("/api/reports/monthly/?month=4").json()["results"] == []


def test_a_report_outside_the_scope_is_404(net, api, built):
    client = api(net.township_leader)
    assert client.get(f"/api/reports/monthly/{built['T2'].pk}/").status_code == 404
    assert client.get(f"/api/reports/monthly/{built['T2'].pk}/xlsx").status_code == 404
    assert client.get(f"/api/reports/monthly/{built['B'].pk}/xlsx").status_code == 404
    assert client.get(f"/api/reports/monthly/{built['T1'].pk}/xlsx").status_code == 200


def test_the_list_costs_a_fixed_number_of_queries(net, api, built, django_assert_num_queries):
    client = api(net.leader)
    with django_assert_num_queries(3):  # total, page, values
        client.get("/api/reports/monthly/")
    with django_assert_num_queries(3):
        client.get("/api/reports/monthly/", {"page_size": 1})
