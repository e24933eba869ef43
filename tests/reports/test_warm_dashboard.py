"""The beat task that keeps the dashboard's figures warm fills the cache the dashboard reads."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from reports.figures import period_values
from reports.selectors import year_periods
from reports.tasks import warm_dashboard

pytestmark = pytest.mark.django_db


def test_after_warming_the_dashboards_figures_cost_no_query(net, django_assert_num_queries):
    periods = year_periods(timezone.localdate().year)
    cache.clear()
    warm_dashboard.apply()
    with django_assert_num_queries(0):
        for period in periods:
            assert period_values(period)[net.banner.pk]


def test_it_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.tasks.warm_dashboard" in tasks
