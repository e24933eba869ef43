"""On a phone: a representative votes with their code; the public board reads without login."""

import pytest

from honours import services
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_representative_votes_on_a_phone_and_staff_close(
    net, open_evaluation, browser, live_server, browser_login
):
    evaluation, codes = open_evaluation(2)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []

    def on_console(message):
        if message.type == "error" and "favicon" not in (message.location or {}).get("url", ""):
            errors.append(message.text)

    page.on("console", on_console)
    page.goto(f"{live_server.url}/board/vote/{evaluation.pk}/")
    page.fill("input[name=code]", codes[0][1].lower())
    page.check("input[value=satisfied]")
    save_screenshot(page, "honours-vote-phone")
    page.click("button[type=submit]")
    assert page.locator(".ok").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    # The second representative votes too: a quorum, so closing publishes the result.
    services.vote_cast_with_code(evaluation, code=codes[1][1], choice="satisfied")

    staff = browser_login(net.station_staff)
    staff.goto(f"{live_server.url}/board/evaluations/{evaluation.pk}/")
    staff.on("dialog", lambda d: d.accept())
    staff.click("text=结束测评并公布结果")
    staff.wait_for_load_state()
    staff.goto(f"{live_server.url}/board/units/{net.v11.pk}/")
    assert "100.0%" in staff.inner_text("#satisfaction")
    save_screenshot(staff, "honours-board-phone")
    assert staff.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
