"""The monthly report counts mediation per unit — opened (in all and per kind), settled,
referred, dropped — and holds no name."""

import datetime

import pytest
from django.utils import timezone

from mediation import services
from mediation.models import MediationCase
from practice.indicators import Period, evaluate
from reports import services as reports
from reports.models import ReportValue
from tests.mediation.conftest import open_case

pytestmark = pytest.mark.django_db
CODES = ["mediation.cases_opened", "mediation.cases_settled", "mediation.cases_referred",
         "mediation.cases_dropped", "mediation.opened_neighbours", "mediation.opened_debts"]


def _month_ago():
    first = timezone.localdate().replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return last_month.year, last_month.month


def test_the_indicators_count_cases_per_village_and_roll_up(mnet):
    services.case_close(mnet.case, actor=mnet.station_staff, outcome="settled")
    debts = open_case(mnet, mnet.mediator_b, kind="debts")
    services.case_close(debts, actor=mnet.station_staff, outcome="dropped")
    today = timezone.localdate()
    period = Period(today - datetime.timedelta(days=30), today + datetime.timedelta(days=1))
    values = evaluate(period, [mnet.banner, mnet.t1, mnet.t2, mnet.v11, mnet.v21], CODES)
    assert values[mnet.v11.pk]["mediation.cases_opened"] == 2
    assert values[mnet.v11.pk]["mediation.opened_debts"] == 1
    assert values[mnet.t1.pk]["mediation.cases_settled"] == 1
    assert values[mnet.t1.pk]["mediation.cases_dropped"] == 1
    assert values[mnet.t2.pk]["mediation.cases_opened"] == 1
    assert values[mnet.banner.pk]["mediation.cases_opened"] == 3
    assert values[mnet.banner.pk]["mediation.opened_neighbours"] == 2
    assert values[mnet.banner.pk]["mediation.cases_referred"] == 0


def test_the_monthly_report_holds_the_counts_and_no_names(mnet, web):
    year, month = _month_ago()
    opened = datetime.date(year, month, 10)
    MediationCase.objects.filter(pk=mnet.case.pk).update(opened_on=opened)
    services.case_close(MediationCase.objects.get(pk=mnet.case.pk), actor=mnet.station_staff,
                        outcome="referred", referred_to="旗人民法院",
                        closed_on=datetime.date(year, month, 20))
    built = reports.monthly_reports_build(year, month)
    banner = next(r for r in built if r.unit_id == mnet.banner.pk)
    values = dict(ReportValue.objects.filter(report=banner, code__startswith="mediation.")
                  .values_list("code", "value"))
    assert values["mediation.cases_opened"] == 1
    assert values["mediation.cases_referred"] == 1
    assert values["mediation.opened_neighbours"] == 1
    page = web(mnet.leader).get(f"/reports/monthly/{banner.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "受理调解案件" in body
    for secret in ("张秘密", "院墙", "旗人民法院"):
        assert secret not in body
