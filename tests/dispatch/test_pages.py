"""The pages: this month's submissions of my area, the form, sign-off and return."""

import pytest

from dispatch import services
from tests.dispatch.conftest import MONTH, filled, submission

pytestmark = pytest.mark.django_db


def test_the_list_counts_on_time_late_and_missing(month, web):
    net = month
    services.submission_submit(filled(submission(net.t1), net.township_staff),
                               actor=net.township_staff)
    services.submission_sign_off(submission(net.t1), actor=net.t1_head)
    r = web(net.leader).get("/dispatch/submissions/", {"year": MONTH[0], "month": MONTH[1]})
    html = r.content.decode()
    assert "迟报 1" in html and "未报 4" in html and "按时 0" in html
    r = web(net.township_staff).get("/dispatch/submissions/",
                                    {"year": MONTH[0], "month": MONTH[1]})
    html = r.content.decode()
    assert "查日苏镇" in html and "努古斯台镇" not in html


def test_staff_fill_in_and_submit_the_head_signs_off_through_the_form(month, web):
    net = month
    sub = submission(net.t1)
    url = f"/dispatch/submissions/{sub.pk}/"
    staff = web(net.township_staff)
    r = staff.post(url, {"action": "submit", "work_done": "", "next_plan": ""}, follow=True)
    assert "必填" in r.content.decode()
    staff.post(url, {"action": "submit", "work_done": "宣讲三场", "problems": "",
                     "help_requested": "请派骨干", "next_plan": "走访"})
    sub.refresh_from_db()
    assert (sub.status, sub.help_requested) == ("submitted", "请派骨干")
    html = web(net.t1_head).get(url).content.decode()
    assert 'value="sign_off"' in html and "data-confirm" in html
    web(net.t1_head).post(url, {"action": "return", "reason": "请补充数据"})
    sub.refresh_from_db()
    assert (sub.status, sub.return_reason) == ("draft", "请补充数据")
    assert "请补充数据" in staff.get(url).content.decode()


def test_a_leader_reads_without_buttons(month, web):
    html = web(month.leader).get(f"/dispatch/submissions/{submission(month.t1).pk}/")
    html = html.content.decode()
    assert "submission-form" not in html and 'value="sign_off"' not in html
