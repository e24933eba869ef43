"""In a browser, on a phone and on a desktop: a leader opens the 月调度 view from the dashboard,
reads the month's submissions and tasks by township (an overdue one in red), follows a decision
to its task, and drills down to a township; a township's head sees only the township."""

import datetime

import pytest
from django.utils import timezone

from dispatch import services
from practice.models import Unit
from practice.roles import Role
from supervision import services as supervision
from supervision.models import SupervisedTask
from tests.conftest import save_screenshot
from tests.dispatch.conftest import MONTH, submission
from tests.factories import make_network, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size, viewport", [("phone", (390, 844)), ("desktop", (1366, 768))])
def test_a_leader_follows_the_month_from_the_dashboard(browser_login, live_server, size,
                                                         viewport):
    net = make_network()
    head = make_user("t1_head", Role.LEADER, net.t1)
    Unit.objects.filter(pk=net.t1.pk).update(head=head)
    net.t1.refresh_from_db()
    services.submissions_create(*MONTH)
    sub = submission(net.t1)
    services.submission_update(sub, actor=net.township_staff, work_done="宣讲三场",
                               next_plan="走访")
    services.submission_submit(sub, actor=net.township_staff)
    services.submission_sign_off(sub, actor=head)  # after the deadline: late
    meeting = services.meeting_create(actor=net.banner_admin, unit=net.banner, year=MONTH[0],
                                      month=MONTH[1], date=datetime.date(2025, 6, 8))
    decision = services.decision_add(meeting, actor=net.banner_admin, unit=net.t1,
                                     text="查日苏镇补开志愿服务活动日")
    task = supervision.task_create(actor=net.banner_admin, title="补开志愿服务活动日",
                                   unit=net.t1, deadline=timezone.localdate(), origin=decision)
    # The deadline has passed: the task is overdue.
    SupervisedTask.objects.filter(pk=task.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=2))

    page = browser_login(net.leader, viewport=viewport)
    page.goto(f"{live_server.url}/reports/")
    page.locator("#month-dispatch-link").click()
    page.wait_for_load_state()
    page.goto(f"{page.url}&year={MONTH[0]}&month={MONTH[1]}")
    assert "迟报 1" in page.locator("#tally").inner_text()
    assert "逾期督办事项 1" in page.locator("#overdue-total").inner_text()
    row = page.locator("#month-units tbody tr", has_text="查日苏镇")
    assert "迟报" in row.inner_text()
    red = row.locator("td.overdue")
    assert red.inner_text() == "1"
    assert red.evaluate("e => getComputedStyle(e).color") == "rgb(179, 38, 30)"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    save_screenshot(page, f"dispatch-month-{size}")

    page.get_by_role("link", name="补开志愿服务活动日").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/supervision/tasks/{task.pk}/")

    page.goto(f"{live_server.url}/dispatch/month/?unit={net.t1.pk}&year={MONTH[0]}"
              f"&month={MONTH[1]}")
    assert "查日苏镇" in page.locator("h1").inner_text()
    assert page.locator("#month-units tbody tr", has_text="沃德嘎查").count() == 1

    page = browser_login(head, viewport=viewport)
    page.goto(f"{live_server.url}/dispatch/month/?year={MONTH[0]}&month={MONTH[1]}")
    assert "查日苏镇" in page.locator("h1").inner_text()
    assert page.locator("#month-units", has_text="努古斯台镇").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
