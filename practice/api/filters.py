import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from practice.models import Household, Level, Unit
from practice.numbers import INT_MAX
from practice.selectors import households_matching
from practice.text_input import SEARCH_MAX_LENGTH


class IntegerFilter(django_filters.NumberFilter):
    """``?field=<whole number>`` for ids, years and months: a number a database column can hold.

    django-filter's ``NumberFilter`` takes any decimal, and a huge one (``1e300``) overflows the
    database driver into a 500; here it is a 400 naming the parameter, like any bad input.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -INT_MAX)
        kwargs.setdefault("max_value", INT_MAX)
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """``?status=a&status=b``: rows whose column holds one of the given choices.

    django-filter's ``MultipleChoiceFilter`` adds ``DISTINCT`` by default, for lookups through
    multi-valued relations. On a column of the row itself no row can appear twice, and DISTINCT
    over every column made PostgreSQL compare whole rows.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class UnitFilter(django_filters.FilterSet):
    level = ChoicesFilter(choices=Level.choices, label=_("level"))
    parent = IntegerFilter(field_name="parent_id", label=_("parent unit"))
    township = IntegerFilter(field_name="township_id", label=_("township"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"),
                                       max_length=SEARCH_MAX_LENGTH)

    class Meta:
        model = Unit
        fields = ["level", "parent", "township", "site_kind"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__contains=value) | Q(code__icontains=value))


SPECIAL_CHOICES = [("low_income", _("minimum living allowance (低保)")),
                   ("five_guarantees", _("five guarantees (五保)")),
                   ("elderly_alone", _("elderly living alone (独居老人)")),
                   ("disability", _("disability (残疾)"))]


@extend_schema_field({"type": "array", "items": {
    "type": "string", "enum": ["low_income", "five_guarantees", "elderly_alone", "disability"]}})
class FlagsFilter(django_filters.Filter):
    """``?special=a&special=b``: several choices, each naming a boolean column."""

    field_class = forms.MultipleChoiceField


class HouseholdFilter(django_filters.FilterSet):
    village = IntegerFilter(field_name="village_id", label=_("village"))
    # Any of several boolean columns: a multiple choice that names columns, not the values of
    # one column (so not a ``MultipleChoiceFilter``, which filters one column).
    special = FlagsFilter(choices=SPECIAL_CHOICES, method="filter_special",
                          label=_("special family"))
    township = IntegerFilter(field_name="village__township_id", label=_("township"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"),
                                       max_length=SEARCH_MAX_LENGTH)

    class Meta:
        model = Household
        fields = ["village", "township"]

    def filter_special(self, queryset, name, value):
        """``?special=low_income&special=disability``: households with any of the flags."""
        q = Q()
        for flag in value:
            q |= Q(**{flag: True})
        return queryset.filter(q) if value else queryset

    def filter_search(self, queryset, name, value):
        return households_matching(queryset, value)
