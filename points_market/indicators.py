"""Indicators of the points supermarket for the monthly reports.

Each is one aggregate query keyed by the household's village; the framework rolls the values up
to townships and the banner. Reversed deposits and redemptions count as never having happened.
"""

from django.utils.translation import gettext_lazy as _

from practice.indicators import DISTINCT, SUM, register

from . import selectors


@register("points.weight_jin", label=_("Recyclables collected"), unit=_("jin"), agg=SUM,
          order=40)
def weight_jin(period):
    return selectors.weight_by_village(period.start, period.end)


@register("points.issued", label=_("Points issued"), unit=_("points"), agg=SUM, order=41)
def issued(period):
    return selectors.points_issued_by_village(period.start, period.end)


@register("points.redeemed", label=_("Points redeemed"), unit=_("points"), agg=SUM, order=42)
def redeemed(period):
    return selectors.points_redeemed_by_village(period.start, period.end)


@register("points.goods_value_yuan", label=_("Goods redeemed"), unit=_("yuan"), agg=SUM,
          order=43)
def goods_value_yuan(period):
    return selectors.goods_value_by_village(period.start, period.end)


@register("points.active_households", label=_("Households trading at the supermarket"),
          unit=_("households"), agg=DISTINCT, order=44)
def active_households(period):
    return selectors.active_households_by_village(period.start, period.end)
