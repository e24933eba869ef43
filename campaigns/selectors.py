"""Reads of campaigns: a unit's yearly calendar, and activities counted per campaign."""

import datetime
from collections import defaultdict

from django.db.models import Count, Q

from practice.models import Level, Unit
from practice.roles import SUBTREE_ROLES, capacities

from .models import Campaign


def campaigns_of_unit(unit):
    """The campaigns on ``unit``'s calendar: the banner's and those of its township, and for the
    banner or a township also those of the townships below it."""
    return Campaign.objects.filter(Q(unit_id__in=unit.line_ids())
                                   | Q(unit__path__startswith=unit.path))


def in_year(queryset, year: int):
    """Campaigns running at some time in ``year``."""
    return queryset.filter(starts_on__lte=datetime.date(year, 12, 31),
                           ends_on__gte=datetime.date(year, 1, 1))


def calendar_unit(user, unit_id=None):
    """The unit whose calendar ``user`` reads: their own (a villager's household village), or
    for staff and leaders any unit of their area given by ``unit_id``. None: no such unit
    in their area (404)."""
    if unit_id is not None:
        if capacities(user).isdisjoint(SUBTREE_ROLES) and not user.is_superuser:
            return None
        return (Unit.objects.for_user(user).filter(pk=unit_id)
                .exclude(level=Level.DEPARTMENT).first())
    if user.household_id and user.unit_id is None:
        return user.household.village
    if user.unit_id is None:
        return (Unit.objects.filter(parent__isnull=True).first() if user.is_superuser
                else None)
    return user.unit


def calendar(unit, year: int):
    """``unit``'s calendar of ``year``: twelve months, each with the campaigns and festivals
    running in it; each campaign with its activities planned or held at or below ``unit``
    (counts, and for a village the activities themselves). Three queries."""
    from volunteers.models import Activity, ActivityStatus

    campaigns = list(in_year(campaigns_of_unit(unit), year).select_related("unit")
                     .order_by("starts_on", "code"))
    ids = [c.pk for c in campaigns]
    counts = defaultdict(lambda: {"planned": 0, "held": 0})
    listed = defaultdict(list)
    if ids:
        rows = (Activity.objects.filter(campaign_id__in=ids, unit__path__startswith=unit.path,
                                        status__in=[ActivityStatus.PLANNED, ActivityStatus.HELD])
                .values("campaign_id", "status").annotate(n=Count("pk")).order_by())
        for row in rows:
            counts[row["campaign_id"]][row["status"]] = row["n"]
        if unit.level in (Level.VILLAGE, Level.BASE):
            for a in (Activity.objects.filter(campaign_id__in=ids,
                                              unit__path__startswith=unit.path,
                                              status__in=[ActivityStatus.PLANNED,
                                                          ActivityStatus.HELD])
                      .order_by("starts_at", "pk")
                      .only("pk", "title", "starts_at", "status", "campaign_id")[:200]):
                listed[a.campaign_id].append(a)
    for c in campaigns:
        c.planned_count = counts[c.pk]["planned"]
        c.held_count = counts[c.pk]["held"]
        c.activities_here = listed[c.pk]
    months = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        last = (datetime.date(year + (month == 12), month % 12 + 1, 1)
                - datetime.timedelta(days=1))
        months.append({"month": month, "first": first, "campaigns": [
            c for c in campaigns if c.starts_on <= last and c.ends_on >= first]})
    return {"unit": unit, "year": year, "campaigns": campaigns, "months": months}


def activities_per_campaign(*, start, end, units):
    """Activities held in [start, end) per campaign and per unit: ``{campaign: {unit_id:
    count}}`` for each unit of ``units`` (its subtree counted), campaigns in start order.
    Two queries."""
    from volunteers.models import Activity, ActivityStatus

    units = list(units)
    rows = (Activity.objects.filter(status=ActivityStatus.HELD, campaign__isnull=False,
                                    starts_at__gte=start, starts_at__lt=end)
            .values("campaign_id", "unit__path").annotate(n=Count("pk")).order_by())
    per = defaultdict(lambda: defaultdict(int))
    for row in rows:
        for unit in units:
            if row["unit__path"].startswith(unit.path):
                per[row["campaign_id"]][unit.pk] += row["n"]
    campaigns = Campaign.objects.filter(pk__in=list(per)).order_by("starts_on", "code")
    return [(c, dict(per[c.pk])) for c in campaigns]
