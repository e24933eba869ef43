"""Two builds of the same month at once still leave one report per unit (PostgreSQL)."""

import pytest

from reports import services
from reports.models import MonthlyReport, ReportValue
from tests.factories import make_network
from tests.parallel import in_parallel
from tests.reports.conftest import at, household

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_builds_of_a_month_keep_one_report_per_unit():
    net = make_network()
    household(net.v11, "X1", at(2025, 3, 3))
    results = in_parallel([lambda: services.monthly_reports_build(2025, 3)] * 4)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert MonthlyReport.objects.filter(year=2025, month=3).count() == 3
    assert ReportValue.objects.filter(code="practice.households_new").count() == 3
    assert ReportValue.objects.get(report__unit=net.t1, code="practice.households_new").value == 1
