"""A period's figures survive an empty cache as a stored snapshot (reports/figures.py):
served at once, recomputed in the background when old, never served once invalidated."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from practice.indicators import Period
from practice.models import Household
from reports import figures, selectors
from reports.models import FigureSnapshot

pytestmark = pytest.mark.django_db
CODE = "practice.households_new"


def this_year():
    return Period.year(timezone.localdate().year)


def households_new(values, net):
    return values[net.banner.pk][CODE]


def add_household(net, number):
    Household.objects.create(village=net.v11, number=number, head_name="新户")


def test_an_empty_cache_is_answered_from_the_snapshot_in_one_query(
    net, django_assert_num_queries
):
    computed = figures.period_values(this_year())
    assert households_new(computed, net) == 3
    cache.clear()
    with django_assert_num_queries(1):
        served = figures.period_values(this_year())
    assert served == computed
    with django_assert_num_queries(0):  # and the cache holds it again
        figures.period_values(this_year())


def test_a_stale_snapshot_is_shown_and_recomputed_in_the_background(net):
    figures.period_values(this_year())
    add_household(net, "T1V1-0099")
    old = timezone.now() - timedelta(seconds=figures.CACHE_CURRENT + 5)
    FigureSnapshot.objects.update(computed_at=old)
    cache.clear()
    # The snapshot is what the page shows at once …
    assert households_new(figures.period_values(this_year()), net) == 3
    # … and the refresh (run in-process by the test settings) has stored the new figures.
    snapshot = FigureSnapshot.objects.get()
    assert snapshot.computed_at > old
    cache.clear()
    assert households_new(figures.period_values(this_year()), net) == 4


def test_one_refresh_however_many_requests_see_the_snapshot_stale(net):
    figures.period_values(this_year())
    old = timezone.now() - timedelta(seconds=figures.CACHE_CURRENT + 5)
    FigureSnapshot.objects.update(computed_at=old)
    cache.clear()
    codes = list(figures.period_values(this_year())[net.banner.pk])
    assert FigureSnapshot.objects.get().computed_at > old
    # A second request within the refresh's lock does not start another one.
    FigureSnapshot.objects.update(computed_at=old)
    cache.delete(figures._period_key(this_year(), codes))
    figures.period_values(this_year())
    assert FigureSnapshot.objects.get().computed_at == old


def test_a_stale_snapshot_waiting_for_its_refresh_is_read_once(net, django_assert_num_queries):
    codes = list(figures.period_values(this_year())[net.banner.pk])
    add_household(net, "T1V1-0097")
    old = timezone.now() - timedelta(seconds=figures.CACHE_CURRENT + 5)
    FigureSnapshot.objects.update(computed_at=old)
    cache.clear()
    # A refresh is already on its way (no worker has taken it yet).
    cache.add(f"reports:refreshing:{figures._snapshot_key(this_year(), codes)}", 1, 120)
    with django_assert_num_queries(1):
        assert households_new(figures.period_values(this_year()), net) == 3
    with django_assert_num_queries(0):  # meanwhile the cache answers
        assert households_new(figures.period_values(this_year()), net) == 3
    assert FigureSnapshot.objects.get().computed_at == old


def test_an_invalidated_snapshot_is_never_shown(net):
    figures.period_values(this_year())
    add_household(net, "T1V1-0098")
    figures.invalidate()  # what a rebuild of the reports does
    assert FigureSnapshot.objects.get().invalidated
    assert households_new(figures.period_values(this_year()), net) == 4
    assert not FigureSnapshot.objects.get().invalidated


def test_the_warm_task_stores_the_snapshots_of_this_year_and_last(net):
    from reports.tasks import warm_dashboard

    warm_dashboard.apply()
    keys = set(FigureSnapshot.objects.values_list("key", flat=True))
    assert len(keys) == 2
    cache.clear()
    year_so_far = selectors.year_periods(timezone.localdate().year)[0]
    assert households_new(figures.period_values(year_so_far), net) == 3


def test_a_report_build_recomputes_the_snapshots_it_invalidates(
    net, django_capture_on_commit_callbacks
):
    from reports.tasks import build_monthly_reports

    figures.period_values(selectors.year_periods(timezone.localdate().year)[0])
    with django_capture_on_commit_callbacks(execute=True):
        build_monthly_reports.apply(kwargs={"year": 2025, "month": 3})
    # warm_dashboard ran after the commit: this year's and last year's snapshots are valid.
    assert FigureSnapshot.objects.filter(invalidated=False).count() == 2
