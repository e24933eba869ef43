"""The demo hook configures both years' assessments; the admin pages work for the right roles."""

import io

import pytest

from practice.demo import new_context
from reports import demo as demo_reports
from reports import services
from reports.models import Assessment, ManualScore, MonthlyReport, ReportRun

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_reports_and_assessments_and_can_run_twice(net):
    ctx = new_context(scale=1, stdout=io.StringIO())
    ctx.users["admin"] = net.banner_admin
    demo_reports.seed(ctx)
    demo_reports.seed(ctx)
    today = services.local_today()
    assert MonthlyReport.objects.filter(year=today.year - 1).count() == 12 * 3
    last = Assessment.objects.get(year=today.year - 1, group="townships")
    this = Assessment.objects.get(year=today.year, group="townships")
    assert last.finalised and last.snapshot["townships"]
    assert not this.finalised and this.items.exists()
    assert ManualScore.objects.filter(item__assessment=this).count() == 2 * 2


def test_staff_build_a_month_from_the_admin(net, web, django_capture_on_commit_callbacks):
    client = web(net.banner_admin)
    assert client.get("/admin/reports/reportrun/add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/reports/reportrun/add/", {"year": 2025, "month": 2})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReportRun.objects.get().state == "done"
    assert MonthlyReport.objects.filter(year=2025, month=2).count() == 3
    response = client.post("/admin/reports/reportrun/add/", {"year": 2025, "month": 13})
    assert response.status_code == 200 and ReportRun.objects.count() == 1


def test_the_admin_lists_reports_and_finalises_an_assessment(net, web):
    services.monthly_reports_build(2025, 2)
    a = Assessment.objects.create(unit=net.banner, year=2025)
    client = web(net.banner_admin)
    assert client.get("/admin/reports/monthlyreport/").status_code == 200
    report = MonthlyReport.objects.get(unit=net.t1)
    assert client.get(f"/admin/reports/monthlyreport/{report.pk}/change/").status_code == 200
    assert client.get(f"/admin/reports/assessment/{a.pk}/change/").status_code == 200
    response = client.post("/admin/reports/assessment/", {
        "action": "finalise", "_selected_action": [a.pk]})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.finalised and a.snapshot


def test_a_township_does_not_see_the_banner_assessment_in_the_admin(net, web):
    a = Assessment.objects.create(unit=net.banner, year=2025)
    client = web(net.township_staff)
    assert client.get(f"/admin/reports/assessment/{a.pk}/change/").status_code == 302
