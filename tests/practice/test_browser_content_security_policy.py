"""In chromium, the key pages of every role run under the Content-Security-Policy without a
single violation, and the behaviours moved out of inline handlers still work.

The ``browser`` fixture (tests/conftest.py) fails any browser test whose pages report a
violation; here each page must also carry the policy, so a page served without one fails.
"""

import pytest

from reports import services as report_services
from tests.points_market.conftest import make_market
from tests.reports.conftest import at, household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url, *, wait_for=None):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, url
    page.wait_for_load_state("load")
    if wait_for:
        page.wait_for_selector(wait_for, state="attached")
    return page


def test_the_key_pages_run_without_a_violation(net, browser, browser_login, live_server):
    base = live_server.url
    market = make_market(net)
    year = report_services.local_today().year
    household(net.v11, "X1", at(year, 1, 3))
    if report_services.local_today().month > 1:
        report_services.monthly_reports_build(year, 1)

    anonymous = browser.new_context(locale="zh-CN").new_page()
    visit(anonymous, f"{base}/accounts/login/")
    visit(anonymous, f"{base}/board/")
    visit(anonymous, f"{base}/board/units/{net.v11.pk}/")

    villager = browser_login(net.villager)
    for path in ("/", "/volunteers/", "/volunteers/my-orders/", "/points/my/", "/banquets/",
                 "/banquets/mine/"):
        visit(villager, base + path)

    cashier = browser_login(net.station_staff, viewport=(820, 1180))
    visit(cashier, f"{base}/points/cashier/")
    visit(cashier, f"{base}/points/cashier/households/{net.h11.pk}/")
    cashier.fill(f"#weight_{market.newspaper.pk}", "10")  # counter.js previews the points
    cashier.wait_for_function("document.querySelector('#preview-points').textContent === '80'")
    # A print button: page.js prints (window.print is replaced so nothing opens).
    visit(cashier, f"{base}/points/supermarkets/{market.shop11.pk}/poster/")
    cashier.evaluate("window.print = () => { window.printed = true; }")
    cashier.click("button[data-print]")
    assert cashier.evaluate("window.printed === true")
    # A select that submits its form on change: page.js sends it.
    visit(cashier, f"{base}/points/statistics/")
    month = cashier.locator("select[name=month] option").nth(1).get_attribute("value")
    with cashier.expect_navigation():
        cashier.select_option("select[name=month]", month)
    assert f"month={month}" in cashier.url

    leader = browser_login(net.leader, viewport=(1024, 768))
    visit(leader, f"{base}/reports/", wait_for="#chart-trend canvas")
    leader.hover("#chart-trend canvas")  # an ECharts tooltip, drawn with style attributes

    admin = browser_login(net.banner_admin, viewport=(1280, 900))
    visit(admin, f"{base}/admin/")
    visit(admin, f"{base}/admin/volunteers/team/")
    visit(admin, f"{base}/admin/volunteers/team/import/")
    visit(admin, f"{base}/admin/volunteers/team/export/")
    admin.uncheck("input.select-toggle")  # "select all", bound by our script
    fields = admin.locator(".selectable-field-export-row input[type=checkbox]")
    assert fields.count() > 1
    assert not any(fields.nth(i).is_checked() for i in range(fields.count()))
    visit(admin, f"{base}/admin/practice/household/add/")
    visit(admin, f"{base}/api/units/")  # the browsable API
    visit(admin, f"{base}/api/docs/", wait_for=".swagger-ui .information-container")
    admin.wait_for_selector(".opblock", state="attached")
    assert browser.violations == []


def test_a_violation_fails_the_browser_tests(net, browser, browser_login, live_server):
    """The guard itself: an inline script added to a page is refused and reported."""
    page = browser_login(net.villager)
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.ran = true";
        document.body.appendChild(s);
    }""")
    page.wait_for_function("document.readyState === 'complete'")
    page.goto(f"{live_server.url}/")  # the report arrives before the next page is shown
    assert page.evaluate("window.ran") is None
    assert any("script-src" in v for v in browser.violations), browser.violations
    browser.violations.clear()
