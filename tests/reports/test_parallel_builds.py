"""Two builds of the same month at once still leave one report per unit (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from practice.models import MonthlyReport, ReportValue
from practice.reports import services
from tests.factories import make_network
from tests.reports.conftest import at, household

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_builds_of_a_month_keep_one_report_per_unit():
    net = make_network()
    household(net.v11, "X1", at(2025, 3, 3))
    barrier = threading.Barrier(4)
    errors = []

    def build():
        try:
            barrier.wait()
            services.monthly_reports_build(2025, 3)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert MonthlyReport.objects.filter(year=2025, month=3).count() == 3
    assert ReportValue.objects.filter(code="practice.households_new").count() == 3
    assert ReportValue.objects.get(report__unit=net.t1, code="practice.households_new").value == 1
