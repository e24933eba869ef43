"""Building a month's reports: one per township and one for the banner, replaced atomically."""

import pytest

from practice.exceptions import InvalidInput
from reports import services
from reports.models import MonthlyReport, ReportRun, ReportValue
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


def figures(year, month, code="practice.households_new"):
    return {
        v.report.unit.code: v.value
        for v in ReportValue.objects.filter(report__year=year, report__month=month, code=code)
        .select_related("report__unit")
    }


def test_it_builds_one_report_per_township_and_one_for_the_banner(net):
    household(net.v11, "X1", at(2025, 3, 3))
    household(net.v21, "X2", at(2025, 3, 4))
    household(net.v21, "X3", at(2025, 3, 5))
    reports = services.monthly_reports_build(2025, 3)
    assert sorted(r.unit.code for r in reports) == ["B", "T1", "T2"]
    assert figures(2025, 3) == {"B": 3, "T1": 1, "T2": 2}
    value = ReportValue.objects.get(report__unit=net.t1, code="practice.households_new")
    assert value.label == "新增登记农户" and value.measure == "户"


def test_building_twice_replaces_the_figures_and_keeps_one_report_per_unit(net):
    household(net.v11, "X1", at(2025, 3, 3))
    services.monthly_reports_build(2025, 3)
    household(net.v12, "X2", at(2025, 3, 9))
    services.monthly_reports_build(2025, 3)
    assert MonthlyReport.objects.filter(year=2025, month=3).count() == 3
    assert ReportValue.objects.filter(code="practice.households_new").count() == 3
    assert figures(2025, 3) == {"B": 2, "T1": 2, "T2": 0}


def test_a_failing_indicator_leaves_the_previous_figures_untouched(net, registry):
    household(net.v11, "X1", at(2025, 3, 3))
    services.monthly_reports_build(2025, 3)
    household(net.v11, "X2", at(2025, 3, 4))

    @registry.register("test.broken", label="broken", unit="x")
    def broken(period):
        raise RuntimeError("the orders table is locked")

    run = ReportRun.objects.create(year=2025, month=3)
    with pytest.raises(RuntimeError):
        services.monthly_reports_build(2025, 3, run=run)
    assert figures(2025, 3) == {"B": 1, "T1": 1, "T2": 0}
    run.refresh_from_db()
    assert run.state == ReportRun.State.FAILED and "locked" in run.error


def test_a_run_reports_its_progress_and_end(net):
    run = ReportRun.objects.create(year=2025, month=3)
    services.monthly_reports_build(2025, 3, run=run)
    run.refresh_from_db()
    assert (run.state, run.progress, run.error) == (ReportRun.State.DONE, 100, "")
    assert run.started_at <= run.finished_at
    assert set(run.reports.values_list("unit__code", flat=True)) == {"B", "T1", "T2"}


@pytest.mark.parametrize(("year", "month"), [(2025, 13), (2025, 0), (2999, 1), ("x", 1)])
def test_it_refuses_months_that_do_not_exist_or_have_not_ended(net, year, month):
    with pytest.raises(InvalidInput):
        services.monthly_reports_build(year, month)


def test_the_current_month_is_refused(net):
    today = services.local_today()
    with pytest.raises(InvalidInput) as err:
        services.monthly_reports_build(today.year, today.month)
    assert err.value.field == "month"
