"""The pages: dashboard (scoped, drill-down), the list of reports with a build form, print."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import MonthlyReport, ReportRun
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(net):
    household(net.v11, "X1", at(2025, 3, 3))
    services.monthly_reports_build(2025, 3)
    return {r.unit.code: r for r in MonthlyReport.objects.select_related("unit")}


def test_the_banner_leader_sees_the_townships_and_drills_down(net, web):
    client = web(net.leader)
    page = client.get("/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "查日苏镇" in html and "努古斯台镇" in html and "echarts.min.js" in html
    assert "cdn" not in html.lower()
    page = client.get(f"/reports/?unit={net.t1.pk}")
    html = page.content.decode()
    assert "沃德嘎查" in html and "伊胡塔嘎查" in html and "柴达木嘎查" not in html


def test_a_township_leader_sees_only_their_township(net, web):
    client = web(net.township_leader)
    html = client.get("/reports/").content.decode()
    assert "沃德嘎查" in html and "努古斯台镇" not in html
    assert client.get(f"/reports/?unit={net.t2.pk}").status_code == 404
    assert client.get(f"/reports/?unit={net.banner.pk}").status_code == 404


def test_villagers_have_no_dashboard(net, web):
    assert web(net.villager).get("/reports/").status_code == 403
    assert web(net.villager).get("/reports/monthly/").status_code == 403


def test_the_menu_offers_the_dashboard_to_leaders(net, web):
    html = web(net.township_leader).get("/").content.decode()
    assert reverse("reports:dashboard") in html and reverse("reports:monthly-list") in html
    assert reverse("reports:dashboard") not in web(net.villager).get("/").content.decode()


def test_the_report_list_shows_scoped_reports_and_runs(net, web, built):
    html = web(net.township_leader).get("/reports/monthly/").content.decode()
    assert f"/reports/monthly/{built['T1'].pk}/" in html
    assert f"/reports/monthly/{built['T2'].pk}/" not in html
    assert "生成该月报表" not in html  # leaders read, staff build


def test_the_report_list_reads_no_report_values(net, web, built):
    """The list shows each report's month and unit: loading the values of up to 240 reports
    (7,000 rows at scale 10) made a leader's page take 136 ms."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web(net.leader)
    client.get("/reports/monthly/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/reports/monthly/").content.decode()
    assert all(f"/reports/monthly/{r.pk}/" in html for r in built.values())
    assert not any("practice_reportvalue" in q["sql"] for q in ctx.captured_queries)


def test_staff_start_a_build_from_the_page(net, web, django_capture_on_commit_callbacks):
    client = web(net.banner_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/monthly/", {"year": 2025, "month": 4})
    assert response.status_code == 302
    assert ReportRun.objects.get().state == ReportRun.State.DONE
    assert MonthlyReport.objects.filter(year=2025, month=4).count() == 3
    html = client.get("/reports/monthly/").content.decode()
    assert "已完成" in html


def test_a_bad_month_from_the_page_shows_a_message(net, web):
    client = web(net.banner_admin)
    response = client.post("/reports/monthly/", {"year": 2025, "month": 14}, follow=True)
    assert "月份必须在 1 到 12 之间" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_the_printable_report_shows_every_township(net, web, built):
    html = web(net.leader).get(f"/reports/monthly/{built['B'].pk}/").content.decode()
    assert "新增登记农户" in html and "查日苏镇" in html and "努古斯台镇" in html
    assert web(net.township_leader).get(
        f"/reports/monthly/{built['T2'].pk}/").status_code == 404
