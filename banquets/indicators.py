"""The banquets figures of the monthly reports: one aggregate query each, leaf = a village.

Events count in the month they took place (the booking's date), at the canteen's village;
violations at the household's village.
"""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from practice.indicators import SUM, register

from .models import GUESTS_PER_TABLE, Booking, Kind, SavingsAssumption, Status, ViolationRecord


def _held(period, kind):
    return dict(
        Booking.objects.filter(status=Status.HELD, kind=kind, date__gte=period.first_day,
                               date__lt=period.last_day_exclusive)
        .values("canteen__village_id").annotate(n=Count("id"))
        .values_list("canteen__village_id", "n").order_by()
    )


@register("banquets.banquets_held", label=_("Banquets held"), unit=_("banquets"), agg=SUM,
          order=500)
def banquets_held(period):
    return _held(period, Kind.BANQUET)


@register("banquets.tea_parties_held", label=_("Tea parties held"), unit=_("tea parties"),
          agg=SUM, order=501)
def tea_parties_held(period):
    return _held(period, Kind.TEA_PARTY)


@register("banquets.violations", label=_("Banquet rule violations"), unit=_("violations"),
          agg=SUM, order=502, higher_is_better=False)
def violations(period):
    return dict(
        ViolationRecord.objects.filter(event_date__gte=period.first_day,
                                       event_date__lt=period.last_day_exclusive)
        .values("household__village_id").annotate(n=Count("id"))
        .values_list("household__village_id", "n").order_by()
    )


@register("banquets.savings_yuan", label=_("Savings from simpler weddings and funerals"),
          unit=_("yuan"), agg=SUM, order=503,
          description=_("Estimated cost of each held event without the rules (by its occasion), "
                        "less its cost under them."),
          details_url="banquets:savings")
def savings_yuan(period):
    """Read with the occasions' assumptions as they are now: a corrected assumption corrects
    every year's figure (events of an occasion without one keep the savings stored when held)."""
    money = DecimalField(max_digits=12, decimal_places=2)
    per_event = (SavingsAssumption.objects.filter(occasion=OuterRef("occasion"))
                 .annotate(cost=ExpressionWrapper(
                     F("usual_tables") * (F("usual_cost_per_table")
                                          + GUESTS_PER_TABLE * F("usual_gift_per_guest")),
                     output_field=money))
                 .values("cost")[:1])
    without = Coalesce(Subquery(per_event, output_field=money), F("cost_without_rules"),
                       output_field=money)
    saved = Case(When(cost_with_rules__isnull=True, then=F("savings")),
                 default=Greatest(without - F("cost_with_rules"), Value(Decimal(0)),
                                  output_field=money), output_field=money)
    return dict(
        Booking.objects.filter(status=Status.HELD, date__gte=period.first_day,
                               date__lt=period.last_day_exclusive)
        .values("canteen__village_id").annotate(total=Sum(saved))
        .values_list("canteen__village_id", "total").order_by()
    )
