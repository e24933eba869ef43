from datetime import datetime, time, timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.filters import campaign_filter
from campaigns.models import ActivityCategory
from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.models import Unit
from practice.numbers import day_validators
from practice.text_input import SEARCH_MAX_LENGTH

from . import selectors
from .models import (
    Activity,
    ActivityStatus,
    ApplicationStatus,
    Order,
    OrderStatus,
    ServiceCategory,
    ServiceItem,
    Team,
    TeamKind,
    VolunteerApplication,
)


def filtered(filterset_class, data, queryset, request=None):
    """``queryset`` narrowed by ``filterset_class`` (the API's filters) with ``data``, for the
    pages; unchanged when ``data`` does not validate (the page shows its form's errors)."""
    filterset = filterset_class(data=data, queryset=queryset, request=request)
    return filterset.qs if filterset.is_valid() else queryset


class UnitSubtreeFilter(IntegerFilter):
    """``?unit=<id>``: rows whose unit lies at or below that unit."""

    def __init__(self, *args, path_field, **kwargs):
        self.path_field = path_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        path = Unit.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return qs.none()
        return qs.filter(**{f"{self.path_field}__startswith": path})


class OrderFilter(django_filters.FilterSet):
    status = ChoicesFilter(choices=OrderStatus.choices, label=_("status"))
    unit = UnitSubtreeFilter(path_field="village__path", label=_("unit"))
    village = IntegerFilter(field_name="village_id", label=_("village"))
    team = IntegerFilter(field_name="team_id", label=_("team"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("overdue"))
    search = django_filters.CharFilter(
        method="filter_search", label=_("search"), max_length=SEARCH_MAX_LENGTH,
        help_text=_("Order number, household number, the head's name, a household phone, "
                    "the volunteer's name or phone, or the team's name."))

    class Meta:
        model = Order
        fields = ["status", "unit", "village", "team", "overdue", "search"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(value)

    def filter_search(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return selectors.orders_matching(queryset, value, user=user)


class TeamFilter(django_filters.FilterSet):
    kind = ChoicesFilter(choices=TeamKind.choices, label=_("kind"))
    unit = UnitSubtreeFilter(path_field="unit__path", label=_("unit"))
    search = django_filters.CharFilter(field_name="name", lookup_expr="contains",
                                       label=_("search"), max_length=SEARCH_MAX_LENGTH)

    class Meta:
        model = Team
        fields = ["kind", "unit", "active"]


class ServiceItemFilter(django_filters.FilterSet):
    category = ChoicesFilter(choices=ServiceCategory.choices, label=_("category"))
    unit = IntegerFilter(field_name="unit_id", label=_("unit"))
    campaign = campaign_filter()

    class Meta:
        model = ServiceItem
        fields = ["category", "unit", "active", "campaign"]


def _local_day_start(day):
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class ActivityFilter(django_filters.FilterSet):
    unit = UnitSubtreeFilter(path_field="unit__path", label=_("unit"))
    # ?category=a&category=b by code; the column holds the code, so no join and no DISTINCT.
    category = django_filters.ModelMultipleChoiceFilter(
        queryset=ActivityCategory.objects.all(), to_field_name="code", distinct=False,
        label=_("category"), help_text=_("The category's code, e.g. service_day."))
    campaign = campaign_filter()
    status = ChoicesFilter(choices=ActivityStatus.choices, label=_("status"))
    team = django_filters.NumberFilter(field_name="teams", label=_("team"))
    # ?from=YYYY-MM-DD&to=YYYY-MM-DD: activities starting on those local days (both included).
    locals()["from"] = django_filters.DateFilter(method="filter_from", label=_("from"),
                                                 validators=day_validators())
    locals()["to"] = django_filters.DateFilter(method="filter_to", label=_("to"),
                                               validators=day_validators())

    class Meta:
        model = Activity
        fields = ["unit", "category", "campaign", "status", "team"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_local_day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_local_day_start(value + timedelta(days=1)))


class ApplicationFilter(django_filters.FilterSet):
    status = ChoicesFilter(choices=ApplicationStatus.choices, label=_("status"))
    unit = UnitSubtreeFilter(path_field="village__path", label=_("unit"))
    village = IntegerFilter(field_name="village_id", label=_("village"))

    class Meta:
        model = VolunteerApplication
        fields = ["status", "unit", "village"]
