"""Query-string filters of the honours API (``?year=&village=`` and a status or kind): a value
that is not a whole number or not one of the choices is a 400 naming the parameter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from practice.api.filters import IntegerFilter

from .models import (
    EvaluationStatus,
    Honour,
    HonourKind,
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
    kind = django_filters.ChoiceFilter(choices=HonourKind.choices, label=_("honour"))

    class Meta:
        model = Honour
        fields = ["year", "village", "kind"]


class EvaluationFilter(YearVillageFilter):
    status = django_filters.ChoiceFilter(choices=EvaluationStatus.choices, label=_("status"))

    class Meta:
        model = SatisfactionEvaluation
        fields = ["year", "village", "status"]
