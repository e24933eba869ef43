"""One month end to end: figures built → submission created with the figures frozen → filled in
→ submitted → signed off by the head; the indicators move."""

import pytest

from dispatch.models import Submission
from dispatch.tasks import create_submissions
from practice.indicators import Period, evaluate
from reports import services as reports
from tests.dispatch.conftest import MONTH, due_soon, submission
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


def _value(sub, code):
    return next(f["value"] for f in sub["figures"] if f["code"] == code)


def test_a_month_from_the_figures_to_the_heads_sign_off(heads, api):
    net = heads
    household(net.v11, "T1V1-0100", at(*MONTH, day=10))
    household(net.v12, "T1V2-0100", at(*MONTH, day=11))
    reports.monthly_reports_build(*MONTH)

    result = create_submissions.delay(*MONTH).get()
    assert result["created"] == 5  # two townships, three villages

    sub = submission(net.t1)
    due_soon(sub)  # as if the month had just ended: its deadline lies ahead
    staff = api(net.township_staff)
    answer = staff.get(f"/api/submissions/{sub.pk}/").json()
    assert answer["status"] == "draft"
    assert _value(answer, "practice.households_new") == 2
    assert answer["actions"] == ["edit", "submit"]

    # A household registered later does not change the submission: its figures are frozen.
    household(net.v11, "T1V1-0101", at(*MONTH, day=20))
    reports.monthly_reports_build(*MONTH)
    assert _value(staff.get(f"/api/submissions/{sub.pk}/").json(),
                  "practice.households_new") == 2

    r = staff.patch(f"/api/submissions/{sub.pk}/", {
        "work_done": "开展宣讲三场", "problems": "牧区分散", "help_requested": "请派宣讲骨干",
        "next_plan": "继续开展志愿服务活动日"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["help_requested"] == "请派宣讲骨干"
    r = staff.post(f"/api/submissions/{sub.pk}/submit/")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted"
    assert r.json()["submitted_by"] == str(net.township_staff)

    r = api(net.t1_head).post(f"/api/submissions/{sub.pk}/sign-off/")
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["status"], body["on_time"], body["standing"]) == ("signed_off", True, "on_time")
    assert body["signed_off_by"] == str(net.t1_head)
    sub.refresh_from_db()
    assert [(e.from_status, e.to_status) for e in sub.events.all()] == [
        ("draft", "submitted"), ("submitted", "signed_off")]

    period = Period.month(sub.deadline.year, sub.deadline.month)
    values = evaluate(period, [net.t1, net.banner],
                      ["dispatch.submissions_on_time", "dispatch.submissions_late"])
    assert values[net.t1.pk]["dispatch.submissions_on_time"] == 1
    assert values[net.t1.pk]["dispatch.submissions_late"] == 0


def test_a_sign_off_after_the_deadline_is_late_and_unsigned_ones_are_missing(month, api):
    net = month
    sub = submission(net.t1)
    staff = api(net.township_staff)
    staff.patch(f"/api/submissions/{sub.pk}/", {"work_done": "宣讲", "next_plan": "走访"},
                format="json")
    staff.post(f"/api/submissions/{sub.pk}/submit/")
    body = api(net.t1_head).post(f"/api/submissions/{sub.pk}/sign-off/").json()
    assert (body["on_time"], body["standing"]) == (False, "late")

    period = Period.month(2025, 6)  # the deadline's month
    values = evaluate(period, [net.t1, net.t2, net.banner],
                      ["dispatch.submissions_on_time", "dispatch.submissions_late"])
    assert values[net.t1.pk]["dispatch.submissions_late"] == 3  # its own (late), two villages
    assert values[net.t2.pk]["dispatch.submissions_late"] == 2  # missing: its own, a village
    assert values[net.banner.pk]["dispatch.submissions_late"] == 5
    assert values[net.banner.pk]["dispatch.submissions_on_time"] == 0


def test_creating_the_month_twice_leaves_the_first_submissions_alone(month):
    first = {s.pk for s in Submission.objects.filter(year=MONTH[0], month=MONTH[1])}
    assert create_submissions.delay(*MONTH).get()["created"] == 0
    assert {s.pk for s in Submission.objects.filter(year=MONTH[0], month=MONTH[1])} == first


def test_departments_and_villages_get_submissions_with_figures(heads):
    from practice.models import Level, Unit

    dept = Unit.objects.create(code="D1", name="旗文明办", level=Level.DEPARTMENT,
                               parent=heads.banner)
    household(heads.v11, "T1V1-0200", at(*MONTH, day=3))
    create_submissions.delay(*MONTH)
    assert submission(dept).figures  # computed, as no monthly report is stored for it
    village = submission(heads.v11)
    assert next(f["value"] for f in village.figures
                if f["code"] == "practice.households_new") == 1
    assert not Submission.objects.filter(unit=heads.banner).exists()


def test_the_deadline_is_the_setting_day_of_the_following_month(settings):
    from datetime import date

    from dispatch.services import deadline_for

    assert deadline_for(2025, 5) == date(2025, 6, 5)
    assert deadline_for(2025, 12) == date(2026, 1, 5)
    settings.DISPATCH_SUBMISSION_DEADLINE_DAY = 10
    assert deadline_for(2025, 5) == date(2025, 6, 10)


def test_a_month_not_over_has_no_submissions_yet(net):
    from django.utils import timezone

    from practice.exceptions import InvalidInput

    today = timezone.localdate()
    with pytest.raises(InvalidInput):
        create_submissions.delay(today.year, today.month).get()
