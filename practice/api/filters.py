import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from practice.models import Household, Level, Unit


class UnitFilter(django_filters.FilterSet):
    level = django_filters.MultipleChoiceFilter(choices=Level.choices, label=_("level"))
    parent = django_filters.NumberFilter(field_name="parent_id", label=_("parent unit"))
    township = django_filters.NumberFilter(field_name="township_id", label=_("township"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"))

    class Meta:
        model = Unit
        fields = ["level", "parent", "township", "site_kind"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__contains=value) | Q(code__icontains=value))


class HouseholdFilter(django_filters.FilterSet):
    village = django_filters.NumberFilter(field_name="village_id", label=_("village"))
    township = django_filters.NumberFilter(field_name="village__township_id", label=_("township"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"))

    class Meta:
        model = Household
        fields = ["village", "township"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value)
            | Q(head_name__contains=value)
            | Q(phone=value)
            | Q(members__phone=value)
        ).distinct()
