"""The beat task that keeps the dashboard's figures warm fills the cache the dashboard reads."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from practice.indicators import all_indicators
from reports.figures import _period_key
from reports.selectors import year_periods
from reports.tasks import warm_dashboard

pytestmark = pytest.mark.django_db


def test_warming_fills_the_cache_of_this_year_and_last(net):
    codes = [i.code for i in all_indicators()]
    keys = [_period_key(p, codes) for p in year_periods(timezone.localdate().year)]
    assert all(cache.get(k) is None for k in keys)
    warm_dashboard.apply()
    assert all(cache.get(k) is not None for k in keys)


def test_it_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.tasks.warm_dashboard" in tasks
