"""Fixtures of the reports tests: throwaway indicators over practice data, a clean cache."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from practice import indicators
from practice.models import Household

SH = ZoneInfo("Asia/Shanghai")


def at(year, month, day=15, hour=12):
    return datetime(year, month, day, hour, tzinfo=SH)


def household(village, number, when):
    h = Household.objects.create(village=village, number=number, head_name="测试户")
    Household.objects.filter(pk=h.pk).update(created_at=when)
    return h


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registry():
    """Register throwaway indicators for one test; the registry is restored afterwards."""
    indicators.discover()
    saved = dict(indicators._registry)
    yield indicators
    indicators._registry.clear()
    indicators._registry.update(saved)
