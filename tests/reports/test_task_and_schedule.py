"""The Celery task: thin, idempotent, defaulting to the month before; beat runs it monthly."""

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.conf import settings

from config.celery import app
from reports import services
from reports.models import MonthlyReport, ReportRun
from reports.tasks import build_monthly_reports
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


def test_running_the_task_twice_gives_one_report_per_unit_and_month(net):
    household(net.v11, "X1", at(2025, 5, 3))
    build_monthly_reports.delay(2025, 5)
    build_monthly_reports.delay(2025, 5)
    assert MonthlyReport.objects.filter(year=2025, month=5).count() == 3
    assert list(ReportRun.objects.values_list("state", flat=True)) == ["done", "done"]


def test_without_arguments_it_builds_the_month_before(net):
    year, month = services.previous_month()
    result = build_monthly_reports.delay().get()
    assert (result["year"], result["month"]) == (year, month)
    assert set(
        MonthlyReport.objects.filter(year=year, month=month).values_list("unit__code", flat=True)
    ) == {"B", "T1", "T2"}


def test_previous_month_wraps_the_year():
    from datetime import date

    assert services.previous_month(date(2026, 1, 1)) == (2025, 12)
    assert services.previous_month(date(2026, 7, 31)) == (2026, 6)


def test_a_failing_build_asks_to_be_retried_and_shows_the_failure(net, registry):
    calls = []

    @registry.register("test.broken", label="broken", unit="x")
    def broken(period):
        calls.append(period)
        raise RuntimeError("boom")

    # Run in-process (no broker), the retry request surfaces instead of being scheduled.
    with pytest.raises(Retry):
        build_monthly_reports.delay(2025, 5)
    assert len(calls) == 1
    assert MonthlyReport.objects.count() == 0
    assert ReportRun.objects.get().state == ReportRun.State.FAILED


def test_beat_runs_it_at_two_on_the_first_of_every_month_in_shanghai():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values()
               if e["task"] == "reports.tasks.build_monthly_reports"]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule == crontab(minute=0, hour=2, day_of_month=1)
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE
    assert app.conf.timezone == "Asia/Shanghai"
    assert "reports.tasks.build_monthly_reports" in app.tasks


def test_a_scheduled_build_delivered_again_continues_its_run(net):
    """Beat's build has no run of its own; a second delivery of the same message (its worker
    was lost) reports on the run the first started, and the reports are not doubled."""
    household(net.v11, "X1", at(2025, 5, 3))
    for _ in range(2):
        build_monthly_reports.apply(kwargs={"year": 2025, "month": 5}, task_id="beat-2025-05")
    assert ReportRun.objects.get().state == ReportRun.State.DONE
    assert MonthlyReport.objects.filter(year=2025, month=5).count() == 3
