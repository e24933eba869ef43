"""The dispatch meeting: its agenda from the month, decisions, minutes in print and in Word."""

import io
from datetime import date

import pytest

from dispatch import selectors, services
from tests.dispatch.conftest import MONTH, filled, submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(month):
    return services.meeting_create(actor=month.banner_admin, unit=month.banner, year=MONTH[0],
                                   month=MONTH[1], date=date(2025, 6, 8), chair=month.leader,
                                   attendees=[month.t1_head, month.t2_head],
                                   other_attendees="旗文明办")


def _section(agenda, key):
    return {row["unit"].name: row for row in
            next(s for s in agenda["sections"] if s["key"] == key)["rows"]}


def test_the_agenda_lists_the_units_behind_with_their_figures(month, meeting):
    net = month
    from tests.reports.conftest import at
    from volunteers import activity_services
    from volunteers.models import ActivityCategory, ActivityStatus

    held = activity_services.activity_create(
        actor=net.station_staff, unit=net.v11, title="志愿服务活动日",
        category=ActivityCategory.SERVICE_DAY, starts_at=at(*MONTH, day=12, hour=9),
        ends_at=at(*MONTH, day=12, hour=11))
    type(held).objects.filter(pk=held.pk).update(status=ActivityStatus.HELD)
    services.submission_submit(filled(submission(net.t1), net.township_staff),
                               actor=net.township_staff)
    services.submission_sign_off(submission(net.t1), actor=net.t1_head)  # late: 2025 is over

    agenda = selectors.agenda(meeting)
    service = _section(agenda, "service_days")
    assert service["查日苏镇"]["figure"] == 1 and service["查日苏镇"]["note"] == "伊胡塔嘎查"
    assert service["努古斯台镇"]["figure"] == 1
    late = _section(agenda, "submissions")
    assert late["查日苏镇"]["figure"] == 3  # its own late, its two villages' missing
    assert late["查日苏镇"]["note"] == "迟报"
    assert late["努古斯台镇"]["note"] == "未报"
    assert [s.unit.name for s in agenda["submissions"]] == ["查日苏镇", "努古斯台镇"]


def test_a_townships_meeting_reviews_its_villages(month):
    meeting = services.meeting_create(actor=month.township_staff, unit=month.t1, year=MONTH[0],
                                      month=MONTH[1], date=date(2025, 6, 7))
    agenda = selectors.agenda(meeting)
    assert set(_section(agenda, "service_days")) == {"沃德嘎查", "伊胡塔嘎查"}
    assert [s.unit.name for s in agenda["submissions"]] == ["沃德嘎查", "伊胡塔嘎查"]


def test_meetings_through_the_api(month, api):
    net = month
    staff = api(net.township_staff)
    body = {"unit": net.t1.pk, "year": MONTH[0], "month": MONTH[1], "date": "2025-06-07",
            "attendees": [net.t1_head.pk], "other_attendees": "驻村第一书记"}
    r = staff.post("/api/dispatch-meetings/", body, format="json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    again = staff.post("/api/dispatch-meetings/", body, format="json")
    assert again.status_code == 400
    assert "已有月调度会" in again.json()["month"][0]
    r = staff.post(f"/api/dispatch-meetings/{pk}/decisions/",
                   {"text": "伊胡塔嘎查本月补开志愿服务活动日", "unit": net.v12.pk}, format="json")
    assert r.status_code == 201, r.content
    r = staff.post(f"/api/dispatch-meetings/{pk}/decisions/", {"text": "  "}, format="json")
    assert r.status_code == 400
    r = staff.post(f"/api/dispatch-meetings/{pk}/decisions/",
                   {"text": "越界", "unit": net.v21.pk}, format="json")
    assert r.status_code == 400 and "unit" in r.json()
    decisions = staff.get(f"/api/dispatch-meetings/{pk}/decisions/").json()
    assert [(d["order"], d["unit_name"]) for d in decisions] == [(1, "伊胡塔嘎查")]
    assert api(net.township_leader).get(f"/api/dispatch-meetings/{pk}/").status_code == 200
    assert api(net.township_staff_other).get(f"/api/dispatch-meetings/{pk}/").status_code == 404
    r = api(net.township_staff).post("/api/dispatch-meetings/", {**body, "unit": net.banner.pk},
                                     format="json")
    assert r.status_code == 403
    r = staff.post("/api/dispatch-meetings/", {**body, "month": 13, "date": "x"}, format="json")
    assert r.status_code == 400 and {"month", "date"} <= set(r.json())


def test_the_minutes_download_as_a_word_file(month, meeting, api, web):
    from docx import Document

    services.decision_add(meeting, actor=month.banner_admin, text="逾期未报的单位作出说明",
                          unit=month.t2)
    r = api(month.leader).get(f"/api/dispatch-meetings/{meeting.pk}/minutes.docx")
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "测试旗 2025年05月调度会会议纪要" in text
    assert "逾期未报的单位作出说明（努古斯台镇）" in text
    page = web(month.leader).get(f"/dispatch/meetings/{meeting.pk}/minutes.docx")
    assert (page.status_code, page.content[:2]) == (200, b"PK")


def test_the_minutes_page_prints_on_a4(month, meeting, web):
    r = web(month.leader).get(f"/dispatch/meetings/{meeting.pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "data-print" in html and "dispatch.css" in html
    assert "努古斯台镇" in html
    from django.contrib.staticfiles import finders

    with open(finders.find("dispatch/dispatch.css"), encoding="utf-8") as f:
        css = f.read()
    assert "size: A4" in css and "@media print" in css
