import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation

from practice.models import Household, Level, Unit

BIGGEST_KEY = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """``?field=<whole number>`` for ids, years and months: a number a database column can hold.

    django-filter's ``NumberFilter`` takes any decimal, and a huge one (``1e300``) overflows the
    database driver into a 500; here it is a 400 naming the parameter, like any bad input.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -BIGGEST_KEY)
        kwargs.setdefault("max_value", BIGGEST_KEY)
        super().__init__(*args, **kwargs)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """``?status=a&status=b``: rows whose column holds one of the given choices.

    django-filter's ``MultipleChoiceFilter`` adds ``DISTINCT`` by default, for lookups through
    multi-valued relations. On a column of the row itself no row can appear twice, and DISTINCT
    over every column made PostgreSQL compare whole rows: a page of orders filtered by status
    took 15 ms at scale 10 instead of 4.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class UnitFilter(django_filters.FilterSet):
    level = ChoicesFilter(choices=Level.choices, label=_("level"))
    parent = IntegerFilter(field_name="parent_id", label=_("parent unit"))
    township = IntegerFilter(field_name="township_id", label=_("township"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"))

    class Meta:
        model = Unit
        fields = ["level", "parent", "township", "site_kind"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__contains=value) | Q(code__icontains=value))


class HouseholdFilter(django_filters.FilterSet):
    village = IntegerFilter(field_name="village_id", label=_("village"))
    township = IntegerFilter(field_name="village__township_id", label=_("township"))
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


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, building only the filters the request names.

    django-filter builds every filter of the set for every request — a deep copy of each
    filter and a new form class with a field per filter, validated — though a filter given no
    value filters nothing (every filter here leaves the queryset as it is for an empty value;
    none is required). So a request whose query string names no filter (no query string, or
    only ``cursor``, ``page`` or ``page_size``) skips the filter set, and one that names some
    gets a filter set of those alone: the same rows and the same errors for the values given.
    A page of finished orders (``?status=completed&status=rated``) built five filters for one.
    The browsable API's filter form (``to_html``) still shows them all.
    """

    def filter_queryset(self, request, queryset, view):
        params = request.query_params
        if not params:
            return queryset
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        narrowed = _narrowed(filterset_class, frozenset(params))
        if narrowed is None:
            return queryset
        filterset = narrowed(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs


_narrowed_classes: dict = {}


def _narrowed(filterset_class, params: frozenset):
    """``filterset_class`` with only the filters some of ``params`` name (a filter's own name,
    or its name and a suffix as range widgets send: ``date_after``), None when none is named.
    Made once per class and set of names."""
    names = frozenset(
        name for name in filterset_class.base_filters
        if any(param == name or param.startswith(name + "_") for param in params))
    if not names:
        return None
    if names == frozenset(filterset_class.base_filters):
        return filterset_class
    key = (filterset_class, names)
    narrowed = _narrowed_classes.get(key)
    if narrowed is None:
        narrowed = type(filterset_class.__name__, (filterset_class,), {
            "__module__": filterset_class.__module__,
            "__doc__": filterset_class.__doc__,
        })
        narrowed.base_filters = {name: f for name, f in filterset_class.base_filters.items()
                                 if name in names}
        _narrowed_classes[key] = narrowed
    return narrowed
