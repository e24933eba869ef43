"""The practice network's own indicators (the apps declare theirs in ``<app>/indicators.py``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.indicators import SUM, register
from practice.models import Household, User


@register(
    "practice.households_new",
    label=_("Households registered"),
    unit=pgettext_lazy("unit of measure", "households"),
    agg=SUM,
    order=900,
)
def households_new(period):
    """Households created in the period, counted at their village."""
    return dict(
        Household.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
        .values("village_id")
        .annotate(n=Count("id"))
        .values_list("village_id", "n")
        .order_by()
    )


@register(
    "practice.accounts_new",
    label=_("Accounts opened"),
    unit=pgettext_lazy("unit of measure", "accounts"),
    agg=SUM,
    order=910,
)
def accounts_new(period):
    """User accounts opened in the period, counted at the person's unit."""
    return dict(
        User.objects.filter(
            date_joined__gte=period.start, date_joined__lt=period.end, unit__isnull=False
        )
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
        .order_by()
    )
