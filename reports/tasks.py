"""Celery tasks of the reports app: thin wrappers around ``reports.services``."""

from celery import shared_task

from practice import outbox
from practice.exceptions import DomainError


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    dont_autoretry_for=(DomainError,),
    retry_backoff=60,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=3,
    acks_late=True,
)
def build_monthly_reports(self, year=None, month=None, run_id=None):
    """Build the dispatch reports of ``year-month`` (default: the month before today).

    Safe to run twice: the month's figures are replaced, one report per unit and month.
    """
    from reports import services

    if year is None or month is None:
        year, month = services.previous_month()
    run = services.report_run_for_task(run_id, year, month, task_id=self.request.id or "")
    reports = services.monthly_reports_build(year, month, run=run)
    # The build invalidated the dashboards' snapshots: have them computed again at once, so
    # that leaders are not the ones who wait for it (nor all of them at the same time).
    outbox.enqueue("reports.tasks.warm_dashboard")
    return {"year": year, "month": month, "run": run.pk, "reports": len(reports)}


@shared_task(ignore_result=True)
def warm_dashboard():
    """Recompute the dashboard's year-so-far figures (this year and last) into the cache.

    At ten times the report's scale computing them takes seconds; beat runs this every few
    minutes so that leaders open a warm dashboard. Safe to run any number of times.
    """
    from django.utils import timezone

    from reports.figures import period_values
    from reports.selectors import year_periods

    for period in year_periods(timezone.localdate().year):
        period_values(period, use_cache=False)


@shared_task(ignore_result=True)
def refresh_figures(first_day: str, last_day_exclusive: str, codes: list[str]):
    """Recompute one period's figures (a stale snapshot a dashboard has just shown)."""
    from datetime import date

    from practice.indicators import Period
    from reports.figures import period_values

    period = Period(date.fromisoformat(first_day), date.fromisoformat(last_day_exclusive))
    period_values(period, codes, use_cache=False)


# The names these tasks had while reports lived inside practice. Messages queued in the broker or
# waiting in the outbox under an old name, and a beat still on the old schedule, keep working:
# each old name forwards to the task as it is called now.
RENAMED = {
    "practice.tasks.build_monthly_reports": build_monthly_reports,
    "practice.tasks.warm_dashboard": warm_dashboard,
    "practice.tasks.refresh_figures": refresh_figures,
}


def _forwarder(task):
    def forward(*args, **kwargs):
        task.apply_async(args, kwargs)

    return forward


for _old_name, _task in RENAMED.items():
    shared_task(name=_old_name, ignore_result=True)(_forwarder(_task))
