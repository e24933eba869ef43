"""In a browser, on a phone and on a desktop: a leader pages through last year's monthly
reports and narrows the list by year, month and unit."""

import pytest
from django.utils import timezone

from reports.models import MonthlyReport
from tests.conftest import save_screenshot
from tests.factories import make_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size, viewport", [("phone", (390, 844)), ("desktop", (1366, 768))])
def test_a_leader_pages_and_filters_the_monthly_reports(browser_login, live_server, size,
                                                        viewport):
    net = make_network()
    now = timezone.now()
    MonthlyReport.objects.bulk_create(
        [MonthlyReport(unit=unit, year=year, month=month, generated_at=now)
         for year in (2024, 2025) for month in range(1, 13)
         for unit in (net.banner, net.t1, net.t2)])
    page = browser_login(net.leader, viewport=viewport)
    page.goto(f"{live_server.url}/reports/monthly/")
    rows = page.locator("#reports-table tbody tr")
    first_page = rows.count()
    assert 0 < first_page < 72 and "共 72 份报表" in page.locator(".pager").inner_text()
    page.get_by_role("link", name="下一页").click()
    page.wait_for_load_state()
    assert rows.count() == 72 - first_page
    assert "2024-01" in page.locator("#reports-table").inner_text()
    save_screenshot(page, f"reports-monthly-list-page-2-{size}")

    page.select_option("#report-filters select[name=year]", "2025")
    page.select_option("#report-filters select[name=month]", "3")
    page.select_option("#report-filters select[name=unit]", label=net.t1.name)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert rows.count() == 1
    assert "2025-03" in rows.first.inner_text() and net.t1.name in rows.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    save_screenshot(page, f"reports-monthly-list-filtered-{size}")
