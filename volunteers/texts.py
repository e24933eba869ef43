"""The text messages of the volunteers app: its templates and who receives each one.

Called by the services inside their transactions; :func:`practice.sms.send_sms` writes the
delivery log and sends after the commit, never failing the order flow.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.models import Level, SmsMessage, Unit, User
from practice.roles import STAFF_ROLES
from practice.sms import household_recipients, register_template, send_to_many

from .models import Activity, ActivityCategory, ActivityStatus, Volunteer

TEMPLATES = {
    "order_dispatched": _("Service order #{number} ({item}, {village}) was dispatched to your "
                          "team {team}. Please accept it on the platform."),
    "order_accepted": _("Your order #{number} ({item}) was accepted by volunteer {volunteer}."),
    "order_completed": _("Your order #{number} ({item}) was completed. Please rate the "
                         "service on the platform."),
    "order_overdue": _("Service order #{number} ({item}, {village}) is overdue: {reason} "
                       "Please deal with it."),
    "service_day_reminder": _("Reminder: {village}'s volunteer service day ({title}) is on "
                              "{date} at {time}, at {place}. Thank you for taking part."),
}


def register_templates():
    for name, text in TEMPLATES.items():
        register_template(name, text)


def _volunteer_recipients(volunteers):
    """(phone, account, home unit) of each volunteer: the account's sign-in phone, else the
    roster's."""
    out = []
    for v in volunteers:
        phone = (v.user.phone if v.user_id and v.user.phone else None) or v.phone
        out.append((phone, v.user if v.user_id else None, v.unit_id))
    return out


def _order_params(order, **extra):
    return {"number": order.pk, "item": order.service_item.name, "village": order.village.name,
            **extra}


def order_dispatched(order, team):
    volunteers = (Volunteer.objects.filter(memberships__team=team)
                  .select_related("user").distinct().order_by("pk"))
    return send_to_many(_volunteer_recipients(volunteers), template="order_dispatched",
                        params=_order_params(order, team=team.name))


def order_accepted(order):
    return send_to_many(household_recipients(order.household), template="order_accepted",
                        params=_order_params(order, volunteer=order.volunteer.name))


def order_completed(order):
    return send_to_many(household_recipients(order.household), template="order_completed",
                        params=_order_params(order))


def order_overdue(order, station, reason):
    """To the staff of the station (the unit that was handling the order) with a phone."""
    staff = User.objects.filter(unit=station, role__in=STAFF_ROLES, is_active=True).exclude(
        phone__isnull=True).order_by("pk")
    return send_to_many([(u.phone, u) for u in staff], template="order_overdue",
                        params=_order_params(order, reason=str(reason)))


def service_day_reminders(*, now=None, days_ahead: int = 1) -> int:
    """Remind each village's volunteers of its planned service day (志愿服务活动日) ``days_ahead``
    days from now; returns how many messages were written. Safe to run twice: a volunteer
    already reminded of an activity is not reminded again."""
    now = timezone.localtime(now or timezone.now())
    day = now.date() + timedelta(days=days_ahead)
    start = now.replace(year=day.year, month=day.month, day=day.day, hour=0, minute=0,
                        second=0, microsecond=0)
    activities = (Activity.objects.filter(category=ActivityCategory.SERVICE_DAY,
                                          status=ActivityStatus.PLANNED,
                                          starts_at__gte=start,
                                          starts_at__lt=start + timedelta(days=1))
                  .select_related("unit").order_by("starts_at", "pk"))
    written = 0
    for activity in activities:
        village = _village_of(activity.unit)
        if village is None:
            continue
        reminded = set(SmsMessage.objects.filter(
            template="service_day_reminder", params__activity=activity.pk)
            .values_list("phone", flat=True))
        volunteers = (Volunteer.objects.filter(
            Q(unit__path__startswith=village.path)
            | Q(memberships__team__in=activity.teams.all()))
            .select_related("user").distinct().order_by("pk"))
        recipients = [r for r in _volunteer_recipients(volunteers)
                      if r[0] and r[0] not in reminded]
        local = timezone.localtime(activity.starts_at)
        written += len(send_to_many(recipients, template="service_day_reminder", params={
            "activity": activity.pk, "village": village.name, "title": activity.title,
            "date": local.strftime("%m月%d日"), "time": local.strftime("%H:%M"),
            "place": activity.place or village.name,
        }))
    return written


def _village_of(unit):
    if unit.level == Level.VILLAGE:
        return unit
    codes = unit.path.strip("/").split("/")
    return Unit.objects.filter(code__in=codes, level=Level.VILLAGE).first()


