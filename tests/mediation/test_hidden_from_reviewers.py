"""The banner's administrators and leaders read mediation's counts; third-party reviewers see
none of them anywhere the reports (and the month's submissions) show figures: the printed
report, its API and workbook, the dashboard, the assessment and the admin. The figures are
still computed and kept."""

import datetime
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from dispatch import services as dispatch
from dispatch.models import Submission
from mediation import services
from mediation.models import MediationCase
from reports import services as reports
from reports.models import Assessment, AssessmentItem, ReportValue

pytestmark = pytest.mark.django_db

LABELS = ["受理调解案件", "调解成功", "调解移交", "调解终止"]


def _month_ago():
    first = timezone.localdate().replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return last_month.year, last_month.month


@pytest.fixture
def month(mnet):
    """Last month's reports of a network with a mediation case opened and settled in it."""
    cache.clear()
    year, month = _month_ago()
    MediationCase.objects.filter(pk=mnet.case.pk).update(opened_on=datetime.date(year, month, 10))
    services.case_close(MediationCase.objects.get(pk=mnet.case.pk), actor=mnet.station_staff,
                        outcome="settled", closed_on=datetime.date(year, month, 20))
    built = reports.monthly_reports_build(year, month)
    mnet.year, mnet.month = year, month
    mnet.report = next(r for r in built if r.unit_id == mnet.banner.pk)
    yield mnet
    cache.clear()


def _shows_mediation(text: str) -> bool:
    return "mediation." in text or any(label in text for label in LABELS)


def test_the_report_keeps_the_counts_whoever_reads_it(month):
    assert ReportValue.objects.get(report=month.report, code="mediation.cases_opened").value == 1


def test_the_printed_report_shows_the_counts_to_leaders_and_administrators_only(month, web):
    url = f"/reports/monthly/{month.report.pk}/"
    for user in (month.leader, month.banner_admin):
        body = web(user).get(url).content.decode()
        assert "受理调解案件" in body and "调解成功" in body
    page = web(month.reviewer).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert not _shows_mediation(body)
    assert "新增登记农户" in body  # the other figures are there


def test_the_report_api_shows_the_counts_to_leaders_and_administrators_only(month, api):
    url = f"/api/reports/monthly/{month.report.pk}/"
    for user in (month.leader, month.banner_admin):
        codes = {v["code"] for v in api(user).get(url).json()["values"]}
        assert "mediation.cases_opened" in codes and "mediation.opened_neighbours" in codes
    answer = api(month.reviewer).get(url)
    assert answer.status_code == 200
    values = answer.json()["values"]
    assert values and not any(v["code"].startswith("mediation.") for v in values)
    assert not _shows_mediation(json.dumps(answer.json(), ensure_ascii=False))
    listed = api(month.reviewer).get(f"/api/reports/monthly/?year={month.year}").json()
    assert not _shows_mediation(json.dumps(listed, ensure_ascii=False))


def _workbook_text(api, user, report) -> str:
    response = api(user).get(f"/api/reports/monthly/{report.pk}/xlsx")
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    return " ".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True)
                    for c in row if c is not None)


def test_the_workbook_shows_the_counts_to_leaders_and_administrators_only(month, api):
    assert _shows_mediation(_workbook_text(api, month.leader, month.report))
    assert _shows_mediation(_workbook_text(api, month.banner_admin, month.report))
    text = _workbook_text(api, month.reviewer, month.report)
    assert "新增登记农户" in text and not _shows_mediation(text)


def test_the_dashboard_shows_the_counts_to_leaders_and_administrators_only(month, api, web):
    url = f"/api/dashboard/summary/?year={month.year}"
    data = api(month.leader).get(url).json()
    assert "mediation.cases_opened" in {i["code"] for i in data["indicators"]}
    data = api(month.reviewer).get(url).json()
    assert data["indicators"] and not _shows_mediation(json.dumps(data, ensure_ascii=False))
    assert "受理调解案件" in web(month.banner_admin).get("/reports/").content.decode()
    page = web(month.reviewer).get(f"/reports/?year={month.year}")
    assert page.status_code == 200 and not _shows_mediation(page.content.decode())


def test_an_assessment_item_on_mediation_is_shown_to_leaders_only(month, api):
    a = Assessment.objects.create(unit=month.banner, year=month.year)
    AssessmentItem.objects.create(assessment=a, code="mediation.cases_settled",
                                  weight=Decimal("10"), target=Decimal("1"))
    AssessmentItem.objects.create(assessment=a, code="practice.households_new",
                                  weight=Decimal("10"), target=Decimal("1"))
    url = f"/api/assessments/?year={month.year}"
    leader = api(month.leader).get(url).json()
    assert "mediation.cases_settled" in {it["code"] for it in leader["items"]}
    seen = api(month.reviewer).get(url).json()
    assert [it["code"] for it in seen["items"]] == ["practice.households_new"]
    assert not _shows_mediation(json.dumps(seen, ensure_ascii=False))
    # the scores are the same for everyone: only what is shown differs
    assert ([r["score"] for r in seen["townships"]]
            == [r["score"] for r in leader["townships"]])


def test_the_months_submissions_show_the_counts_to_leaders_and_administrators_only(
        month, api, web):
    dispatch.submissions_create(month.year, month.month)
    sub = Submission.objects.get(unit=month.t1, year=month.year, month=month.month)
    assert any(f["code"] == "mediation.cases_opened" for f in sub.figures)  # kept
    for user in (month.leader, month.banner_admin):
        data = api(user).get(f"/api/submissions/{sub.pk}/").json()
        assert "mediation.cases_opened" in {f["code"] for f in data["figures"]}
    data = api(month.reviewer).get(f"/api/submissions/{sub.pk}/").json()
    assert data["figures"] and not _shows_mediation(json.dumps(data, ensure_ascii=False))
    listed = api(month.reviewer).get("/api/submissions/").json()
    assert not _shows_mediation(json.dumps(listed, ensure_ascii=False))
    assert "受理调解案件" in web(month.leader).get(f"/dispatch/submissions/{sub.pk}/") \
        .content.decode()
    page = web(month.reviewer).get(f"/dispatch/submissions/{sub.pk}/")
    assert page.status_code == 200 and not _shows_mediation(page.content.decode())


def test_the_admin_shows_reviewers_no_counts(month, web):
    client = web(month.reviewer)
    page = client.get(f"/admin/reports/monthlyreport/{month.report.pk}/change/")
    assert page.status_code == 200
    assert "新增登记农户" in page.content.decode()
    assert not _shows_mediation(page.content.decode())
    assert "受理调解案件" in web(month.leader).get(
        f"/admin/reports/monthlyreport/{month.report.pk}/change/").content.decode()
    dispatch.submissions_create(month.year, month.month)
    sub = Submission.objects.get(unit=month.t1, year=month.year, month=month.month)
    page = client.get(f"/admin/dispatch/submission/{sub.pk}/change/")
    assert page.status_code == 200 and not _shows_mediation(page.content.decode())
    assert Submission.objects.get(pk=sub.pk).figures == sub.figures  # nothing saved


def test_a_reviewer_who_lives_in_a_village_still_sees_no_counts(month, api, web):
    """Belonging to a household makes the account a villager too, which reads no report: it
    does not give the reviewer the figures withheld from reviewers."""
    from practice.models import Household

    home = Household.objects.create(village=month.v21, number="T2V1-0099", head_name="评审员")
    type(month.reviewer).objects.filter(pk=month.reviewer.pk).update(household=home)
    month.reviewer.refresh_from_db()
    answer = api(month.reviewer).get(f"/api/reports/monthly/{month.report.pk}/")
    assert answer.status_code == 200 and answer.json()["values"]
    assert not _shows_mediation(json.dumps(answer.json(), ensure_ascii=False))
    page = web(month.reviewer).get(f"/reports/monthly/{month.report.pk}/")
    assert page.status_code == 200 and not _shows_mediation(page.content.decode())
