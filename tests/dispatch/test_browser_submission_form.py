"""In a browser, on a phone and on a desktop: township staff fill in and submit the month's
submission; the head signs it off after confirming; the list shows it."""

import pytest

from dispatch import services
from practice.models import Unit
from practice.roles import Role
from tests.conftest import save_screenshot
from tests.dispatch.conftest import MONTH, due_soon, submission
from tests.factories import make_network, make_user
from tests.reports.conftest import at, household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size, viewport", [("phone", (390, 844)), ("desktop", (1366, 768))])
def test_staff_submit_and_the_head_signs_off(browser_login, live_server, size, viewport):
    net = make_network()
    head = make_user("t1_head", Role.LEADER, net.t1)
    Unit.objects.filter(pk=net.t1.pk).update(head=head)
    household(net.v11, "T1V1-0100", at(*MONTH, day=10))
    services.submissions_create(*MONTH)
    sub = due_soon(submission(net.t1))

    page = browser_login(net.township_staff, viewport=viewport)
    page.goto(f"{live_server.url}/dispatch/submissions/{sub.pk}/")
    assert page.locator("#figures dt").count() > 0  # the month's figures, frozen
    page.fill("textarea[name=work_done]", "开展理论宣讲三场，志愿服务活动日全覆盖")
    page.fill("textarea[name=problems]", "牧区居住分散")
    page.fill("textarea[name=help_requested]", "请旗里协调宣讲骨干")
    page.fill("textarea[name=next_plan]", "开展冬季送温暖活动")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    save_screenshot(page, f"dispatch-submission-form-{size}")
    page.get_by_role("button", name="提交一把手签发").click()
    page.wait_for_load_state()
    assert "已提交一把手签发" in page.locator(".messages").inner_text()
    assert page.locator("#submission-form").count() == 0

    page = browser_login(head, viewport=viewport)
    page.goto(f"{live_server.url}/dispatch/submissions/{sub.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#sign-off").click()
    page.wait_for_load_state()
    assert "已签发" in page.locator("#status").inner_text()
    save_screenshot(page, f"dispatch-submission-signed-{size}")

    page.goto(f"{live_server.url}/dispatch/submissions/?year={MONTH[0]}&month={MONTH[1]}")
    assert "按时 1" in page.locator("#tally").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
