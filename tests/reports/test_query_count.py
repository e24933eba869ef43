"""A report costs the same number of queries however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import Household, Level, Unit
from reports import figures, services
from reports.models import ReportRun
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


def count_build(year, month):
    run = ReportRun.objects.create(year=year, month=month)
    with CaptureQueriesContext(connection) as ctx:
        services.monthly_reports_build(year, month, run=run)
    return len(ctx.captured_queries)


def grow(net, month, villages, per_village):
    for t in (net.t1, net.t2):
        for i in range(villages):
            v = Unit.objects.create(code=f"{t.code}X{month}{i}", name=f"新村{i}",
                                    level=Level.VILLAGE, parent=t)
            Household.objects.bulk_create(
                Household(village=v, number=f"{v.code}-{n}", head_name="户主")
                for n in range(per_village)
            )
    Household.objects.filter(created_at__gte=at(2026, 1, 1)).update(created_at=at(2025, month))


def test_building_costs_the_same_queries_for_small_and_large_data(net, registry):
    # a MEDIAN indicator too: its leaves are lists that grow with the data
    from django.db.models import Count

    registry.register("test.median_households", label="m", unit="x", agg="median")(
        lambda p: {v: [n] for v, n in Household.objects.filter(
            created_at__gte=p.start, created_at__lt=p.end).values("village_id")
            .annotate(n=Count("id")).values_list("village_id", "n").order_by()}
    )
    grow(net, 3, villages=1, per_village=2)
    small = count_build(2025, 3)
    grow(net, 4, villages=8, per_village=40)
    large = count_build(2025, 4)
    assert small == large
    assert count_build(2025, 4) == large  # a rebuild costs the same


def test_the_network_figures_cost_one_query_per_indicator_and_then_come_from_the_cache(
    net, django_assert_num_queries
):
    from practice.indicators import Period, all_indicators

    n = len(all_indicators())
    # no snapshot yet, units, paths, one per indicator, the snapshot stored
    with django_assert_num_queries(4 + n):
        figures.period_values(Period.year(2025))
    with django_assert_num_queries(0):
        figures.period_values(Period.year(2025))
