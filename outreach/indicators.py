"""Outreach's indicators for the monthly report: the stops the mobile posts made and the people
they served, each counted at its post and rolled up the tree (township, banner)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.indicators import SUM, register

from .models import Stop, StopStatus


def _done(period):
    return Stop.objects.filter(status=StopStatus.DONE, date__gte=period.first_day,
                               date__lt=period.last_day_exclusive)


@register("outreach.stops_made", label=_("Mobile post stops made"),
          unit=pgettext_lazy("unit of measure", "stops"), agg=SUM, order=480)
def stops_made(period):
    return dict(_done(period).values("post_id").annotate(n=Count("id"))
                .values_list("post_id", "n").order_by())


@register("outreach.people_served", label=_("People served by mobile posts"),
          unit=pgettext_lazy("unit of measure", "people"), agg=SUM, order=481)
def people_served(period):
    return {post: n or 0 for post, n in _done(period).values("post_id")
            .annotate(n=Sum("people_served")).values_list("post_id", "n").order_by()}
