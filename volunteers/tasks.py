"""Periodic work of the volunteers app: thin tasks that call services."""

from celery import shared_task

from . import services


@shared_task(name="volunteers.tasks.flag_overdue_orders", autoretry_for=(Exception,),
             retry_backoff=True, max_retries=3)
def flag_overdue_orders():
    """Flag late orders and escalate undispatched ones; safe to run twice."""
    return services.orders_flag_overdue()


@shared_task(name="volunteers.tasks.send_notifications", ignore_result=True)
def send_notifications(ids):
    """Send in-app notifications through the configured backend; safe to run twice."""
    from .notifications import send_pending

    return send_pending(ids)


@shared_task(name="volunteers.tasks.remind_service_days", ignore_result=True)
def remind_service_days():
    """Text each village's volunteers the day before its service day; safe to run twice."""
    from .texts import service_day_reminders

    return service_day_reminders()
