"""Query-string filters of the honours API (``?year=&village=`` and a status or kind): a value
that is not a whole number or not one of the choices is a 400 naming the parameter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.filters import campaign_filter
from practice.api.filters import IntegerFilter

from .models import (
    EvaluationStatus,
    Honour,
    HonourKind,
    HonourStatus,
    SatisfactionEvaluation,
    StarEvaluation,
    StarEvaluationStatus,
)


class YearVillageFilter(django_filters.FilterSet):
    year = IntegerFilter(field_name="year", label=_("year"))
    village = IntegerFilter(field_name="village_id", label=_("village"))


class StarEvaluationFilter(YearVillageFilter):
    status = django_filters.ChoiceFilter(choices=StarEvaluationStatus.choices,
                                         label=_("status"))

    class Meta:
        model = StarEvaluation
        fields = ["year", "village", "status"]


class HonourFilter(YearVillageFilter):
    """``?kind=<code>`` of the kinds table, ``?campaign=<code>``, ``?status=``."""

    kind = django_filters.ModelChoiceFilter(
        field_name="kind", to_field_name="code", queryset=HonourKind.objects.all(),
        label=_("honour"))
    campaign = campaign_filter()
    status = django_filters.ChoiceFilter(choices=HonourStatus.choices, label=_("status"))

    class Meta:
        model = Honour
        fields = ["year", "village", "kind", "campaign", "status"]


class EvaluationFilter(YearVillageFilter):
    status = django_filters.ChoiceFilter(choices=EvaluationStatus.choices, label=_("status"))

    class Meta:
        model = SatisfactionEvaluation
        fields = ["year", "village", "status"]
