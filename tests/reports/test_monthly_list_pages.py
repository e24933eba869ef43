"""The list of monthly reports: every report reachable page by page, filters by year, month and
unit (units of the user's scope only), and a finished build shown as finished."""

import re

import pytest
from django.utils import timezone

from reports import services
from reports.models import MonthlyReport, ReportRun
from reports.views import REPORTS_PER_PAGE

pytestmark = pytest.mark.django_db
URL = "/reports/monthly/"
YEARS = range(2019, 2026)


@pytest.fixture
def years(net):
    """Reports (without figures) of the banner and both townships for every month of seven
    years: more than a page, and more than the 240 rows the list once stopped at."""
    now = timezone.now()
    MonthlyReport.objects.bulk_create(
        [MonthlyReport(unit=unit, year=year, month=month, generated_at=now)
         for year in YEARS for month in range(1, 13)
         for unit in (net.banner, net.t1, net.t2)])
    return MonthlyReport.objects.select_related("unit")


def _listed(html):
    table = html.split('id="reports-table"', 1)[1].split("</table>", 1)[0]
    return [int(pk) for pk in re.findall(r'href="/reports/monthly/(\d+)/"', table)]


def _options(html, name):
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', select)


def test_every_report_is_reachable_page_by_page(net, web, years):
    client = web(net.leader)
    seen, number = [], 1
    while True:
        html = client.get(URL, {"page": number}).text
        rows = _listed(html)
        assert len(rows) <= REPORTS_PER_PAGE
        seen += rows
        if f"page={number + 1}" not in html:
            break
        number += 1
    assert number > 1
    assert len(seen) > 240
    assert sorted(seen) == sorted(r.pk for r in years) and len(seen) == len(set(seen))
    newest = MonthlyReport.objects.filter(year=2025, month=12, unit=net.banner).get()
    assert seen[0] == newest.pk
    assert f"共 {years.count()} 份报表" in html


def test_a_page_past_the_end_shows_the_last_page(net, web, years):
    client = web(net.leader)
    last = client.get(URL, {"page": 999})
    assert last.status_code == 200
    pages = -(-years.count() // REPORTS_PER_PAGE)
    assert _listed(last.text) == _listed(client.get(URL, {"page": pages}).text)
    assert _listed(client.get(URL, {"page": "abc"}).text) == _listed(client.get(URL).text)


def test_the_list_filters_by_year_month_and_unit(net, web, years):
    client = web(net.leader)
    html = client.get(URL, {"year": 2024}).text
    assert {r.year for r in years.filter(pk__in=_listed(html))} == {2024}
    html = client.get(URL, {"year": 2024, "month": 3, "unit": net.t1.pk}).text
    assert _listed(html) == [years.get(year=2024, month=3, unit=net.t1).pk]
    assert '<option value="2024" selected>' in html and '<option value="3" selected>' in html
    assert f'<option value="{net.t1.pk}" selected>' in html
    html = client.get(URL, {"month": 12}).text
    assert len(_listed(html)) == 3 * len(YEARS)


def test_the_unit_filter_offers_only_the_units_of_the_users_scope(net, web, years):
    client = web(net.township_leader)
    html = client.get(URL).text
    assert _options(html, "unit") == [("", "全部"), (str(net.t1.pk), net.t1.name)]
    assert [y for y, _ in _options(html, "year")] == [""] + [str(y) for y in reversed(YEARS)]
    html = client.get(URL, {"unit": net.t2.pk}).text
    assert "以下筛选条件无效，未采用：单位。" in html
    listed = _listed(html)
    assert len(listed) == REPORTS_PER_PAGE
    assert set(listed) <= set(years.filter(unit=net.t1).values_list("pk", flat=True))


@pytest.mark.parametrize("query, names", [
    ({"year": "99999"}, "年份"), ({"year": "１２"}, "年份"), ({"month": "13"}, "月份"),
    ({"month": "0", "unit": "x"}, "月份、单位"), ({"year": "1999"}, "年份"),
])
def test_a_bad_filter_value_is_named_and_not_applied(net, web, years, query, names):
    r = web(net.leader).get(URL, query)
    assert r.status_code == 200
    assert f"以下筛选条件无效，未采用：{names}。" in r.text
    assert len(_listed(r.text)) == REPORTS_PER_PAGE


def test_an_empty_filtered_list_says_nothing_matches_and_offers_to_clear(net, web, years):
    html = web(net.leader).get(URL, {"year": 2025, "unit": net.t1.pk, "month": 1}).text
    assert "没有符合筛选条件的报表。" not in html
    MonthlyReport.objects.filter(year=2025, month=1).delete()
    html = web(net.leader).get(URL, {"year": 2025, "month": 1}).text
    assert "没有符合筛选条件的报表。" in html and "还没有报表" not in html
    assert f'<a class="button" href="{URL}">清除筛选</a>' in html


def test_paging_links_keep_the_filters(net, web, years, monkeypatch):
    monkeypatch.setattr("reports.views.REPORTS_PER_PAGE", 10)
    html = web(net.leader).get(URL, {"year": 2024, "page": 1}).text
    assert 'href="?year=2024&amp;page=2"' in html


# --- a build's progress ----------------------------------------------------------------------
def test_a_finished_build_shows_as_finished_with_a_link_to_its_reports(
        net, web, django_capture_on_commit_callbacks):
    client = web(net.banner_admin)
    with django_capture_on_commit_callbacks(execute=True):  # a worker as quick as the page
        response = client.post(URL, {"year": 2025, "month": 4})
    assert ReportRun.objects.get().state == ReportRun.State.DONE
    html = client.get(response.url).text
    assert "正在生成" not in html
    assert "2025年04月的报表已生成。" in html
    assert 'href="?year=2025&amp;month=4">查看这些报表</a>' in html
    assert 'http-equiv="refresh"' not in html
    shown = client.get(URL, {"year": 2025, "month": 4}).text
    assert len(_listed(shown)) == 3


def test_a_running_build_says_so_until_it_has_finished(net, web):
    client = web(net.banner_admin)
    response = client.post(URL, {"year": 2025, "month": 5})  # the task waits for the commit
    run = ReportRun.objects.get()
    assert response.url == f"{URL}?run={run.pk}"
    html = client.get(response.url).text
    assert "正在生成2025年05月的报表…" in html and 'http-equiv="refresh"' in html
    services.monthly_reports_build(2025, 5, run=run)  # the worker finishes it
    html = client.get(response.url).text
    assert "正在生成" not in html and "2025年05月的报表已生成。" in html
    assert 'http-equiv="refresh"' not in html


def test_a_failed_build_says_it_failed(net, web):
    run = ReportRun.objects.create(year=2025, month=6, state=ReportRun.State.FAILED,
                                   error="OperationalError: 连接中断")
    html = web(net.banner_admin).get(URL, {"run": run.pk}).text
    assert "2025年06月的报表生成失败。" in html and "连接中断" in html
