"""Activities per campaign in the dashboard and the monthly report."""

import datetime

import pytest
from django.utils import timezone

from reports.models import MonthlyReport
from volunteers.models import ActivityStatus

pytestmark = pytest.mark.django_db


def test_the_monthly_report_counts_held_activities_per_campaign_and_unit(
        net, web, make_campaign, make_activity):
    campaign = make_campaign(code="xueleifeng-2026", name="学雷锋月",
                             starts=datetime.date(2026, 3, 1), ends=datetime.date(2026, 3, 31))
    march = datetime.datetime(2026, 3, 10, 2, tzinfo=datetime.UTC)
    for unit in (net.v11, net.v11, net.v21):
        make_activity(unit=unit, campaign=campaign, when=march)
    make_activity(unit=net.v11, campaign=campaign, when=march, status=ActivityStatus.PLANNED)
    make_activity(unit=net.v11, when=march)  # no campaign
    report = MonthlyReport.objects.create(unit=net.banner, year=2026, month=3,
                                           generated_at=timezone.now())
    MonthlyReport.objects.create(unit=net.t1, year=2026, month=3,
                                           generated_at=timezone.now())
    MonthlyReport.objects.create(unit=net.t2, year=2026, month=3,
                                           generated_at=timezone.now())
    page = web(net.leader).get(f"/reports/monthly/{report.pk}/").content.decode()
    table = page[page.index('id="campaign-table"'):]
    row = table[table.index("学雷锋月"):table.index("</tr>", table.index("学雷锋月"))]
    assert [c.split(">")[-1] for c in row.split("</td>")[1:-1]] == ["3", "2", "1"]


def test_the_dashboard_counts_held_activities_per_campaign(net, web, make_campaign,
                                                           make_activity, today):
    campaign = make_campaign(code="naadam", name="那达慕",
                             starts=today.replace(month=1, day=1),
                             ends=today.replace(month=12, day=31))
    make_activity(unit=net.v11, campaign=campaign)
    page = web(net.leader).get("/reports/").content.decode()
    assert 'id="campaign-table"' in page and "那达慕" in page
