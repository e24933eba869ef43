"""The demo hook seeds a year of submissions and meetings and can run twice; the admin pages."""

import io

import pytest

from dispatch import demo, selectors, services
from dispatch.models import Decision, Meeting, Submission
from practice.demo import new_context
from tests.dispatch.conftest import MONTH

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_year_of_submissions_and_meetings_and_can_run_twice(heads):
    ctx = new_context(scale=1, stdout=io.StringIO())
    demo.seed(ctx)
    demo.seed(ctx)
    per_month = 5  # two townships, three villages
    assert Submission.objects.count() == 12 * per_month
    standings = [selectors.standing(s) for s in Submission.objects.all()]
    assert standings.count("on_time") > standings.count("late")
    year, month = services.previous_month()
    assert Meeting.objects.filter(unit=heads.banner).count() >= 10
    assert Decision.objects.exists()
    assert Submission.objects.filter(year=year, month=month).exclude(work_done="").exists()


def test_the_admin_lists_submissions_and_records_meetings(month, web):
    client = web(month.banner_admin)
    sub = month.t1.submissions.get(year=MONTH[0], month=MONTH[1])
    assert client.get("/admin/dispatch/submission/").status_code == 200
    assert client.get(f"/admin/dispatch/submission/{sub.pk}/change/").status_code == 200
    assert client.get("/admin/dispatch/meeting/add/").status_code == 200
    staff = web(month.township_staff)
    assert staff.get(f"/admin/dispatch/submission/{sub.pk}/change/").status_code == 200
    other = month.t2.submissions.get(year=MONTH[0], month=MONTH[1])
    assert staff.get(f"/admin/dispatch/submission/{other.pk}/change/").status_code == 302
