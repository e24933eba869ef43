"""In a browser, the leader's dashboard draws its charts without a console error."""

import pytest

from reports import services
from tests.conftest import save_screenshot
from tests.factories import make_network
from tests.reports.conftest import at, household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leaders_dashboard_draws_its_charts(browser_login, live_server):
    net = make_network()
    year = services.local_today().year
    household(net.v11, "X1", at(year, 1, 3))
    household(net.v21, "X2", at(year - 1, 1, 3))
    if services.local_today().month > 1:
        services.monthly_reports_build(year, 1)
    page = browser_login(net.leader, viewport=(1024, 768))  # a tablet
    page.console_errors.clear()  # the login page is not under test here
    page.goto(f"{live_server.url}/reports/")
    page.wait_for_selector("#chart-trend canvas")
    page.wait_for_selector("#chart-children canvas")
    page.wait_for_selector("#chart-ranking canvas", state="attached", timeout=2000) \
        if page.query_selector("#chart-ranking") else None
    assert page.locator("#totals-table tbody tr").count() >= 2
    save_screenshot(page, "reports-dashboard-banner")

    page.select_option("#indicator-select", "practice.accounts_new")
    page.click("#children-table a >> nth=0")  # drill down to the first township
    page.wait_for_selector("#chart-children canvas")
    assert "沃德嘎查" in page.content()
    save_screenshot(page, "reports-dashboard-township")
    assert page.console_errors == []


def test_a_township_leader_sees_their_township_on_a_phone(browser_login, live_server):
    net = make_network()
    page = browser_login(net.township_leader)
    page.console_errors.clear()
    page.goto(f"{live_server.url}/reports/")
    page.wait_for_selector("#chart-trend canvas")
    assert "努古斯台镇" not in page.content()
    assert page.console_errors == []


ONE_LINE = """(selector) => [...document.querySelectorAll(selector)].filter(cell => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const tops = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) tops.add(Math.round(r.top));
  }
  return tops.size > 1;
}).map(cell => cell.innerText)"""


def test_wide_tables_keep_names_on_one_line_and_the_first_column_in_view(
        browser_login, live_server):
    from practice.models import User
    from practice.roles import Role

    net = make_network()
    for township, name in ((net.t1, "包·巴特尔吉日嘎拉"), (net.t2, "乌云其其格·额尔敦")):
        head = User.objects.create(username=f"head-{township.code}", role=Role.LEADER,
                                   unit=township, real_name=name)
        township.head = head
        township.save()
    page = browser_login(net.leader, viewport=(1366, 768))
    page.goto(f"{live_server.url}/reports/")
    page.wait_for_selector("#chart-children canvas")
    assert page.evaluate(ONE_LINE, "#children-table tbody td:nth-child(-n+2)") == []
    assert "包·巴特尔吉日嘎拉" in page.inner_text("#children-table")
    wrap = page.locator("#children-table").locator("xpath=..")
    assert page.evaluate("(w) => w.scrollWidth > w.clientWidth", wrap.element_handle())
    wrap.evaluate("(w) => { w.scrollLeft = 400; }")
    first = page.locator("#children-table tbody tr >> nth=0").locator("td >> nth=0")
    assert abs(first.bounding_box()["x"] - wrap.bounding_box()["x"]) <= 2  # stays in view
    save_screenshot(page, "reports-dashboard-wide-table-desktop")
