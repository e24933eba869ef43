"""``/api/campaigns/`` (scoped: the campaigns of the caller's line; ``?year=``) and
``/api/activity-categories/``; writes through the services."""

import datetime

from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.api.viewsets import ScopedMixin
from practice.roles import Role

from .. import services
from ..models import ActivityCategory, Campaign, CampaignKind
from .serializers import (
    ActivityCategoryInputSerializer,
    ActivityCategorySerializer,
    CampaignInputSerializer,
    CampaignSerializer,
)

ALL_ROLES = set(Role.values)
EDITORS = {Role.BANNER_ADMIN, Role.TOWNSHIP_STAFF}


class CampaignFilter(filters.FilterSet):
    year = IntegerFilter(method="filter_year", min_value=2000, max_value=2100,
                         label=gettext_lazy("year"),
                         help_text=gettext_lazy("Campaigns running at some time in that year."))
    kind = ChoicesFilter(choices=CampaignKind.choices, label=gettext_lazy("kind"))
    unit = IntegerFilter(field_name="unit_id", label=gettext_lazy("unit"))

    class Meta:
        model = Campaign
        fields = ["year", "kind", "unit"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(starts_on__lte=datetime.date(value, 12, 31),
                               ends_on__gte=datetime.date(value, 1, 1))


def _input(request, serializer_class, partial=False):
    data = serializer_class(data=request.data, partial=partial)
    data.is_valid(raise_exception=True)
    return data.validated_data


class CampaignViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    queryset = Campaign.objects.select_related("unit").order_by("starts_on", "code")
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
    action_roles = {"list": ALL_ROLES, "retrieve": ALL_ROLES, "create": EDITORS,
                    "partial_update": EDITORS, "destroy": EDITORS}

    @extend_schema(request=CampaignInputSerializer, responses={201: CampaignSerializer})
    def create(self, request, *args, **kwargs):
        campaign = services.campaign_create(actor=request.user,
                                            **_input(request, CampaignInputSerializer))
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CampaignInputSerializer, responses={200: CampaignSerializer})
    def partial_update(self, request, *args, **kwargs):
        campaign = services.campaign_update(
            self.get_object(), actor=request.user,
            **_input(request, CampaignInputSerializer, partial=True))
        return Response(CampaignSerializer(campaign).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        services.campaign_delete(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityCategoryViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              viewsets.GenericViewSet):
    """The activity categories in their order. The banner's administrators add them and delete
    those nothing uses; the fixed ones (``is_fixed``) are never deleted (409)."""

    queryset = ActivityCategory.objects.order_by("order", "code")
    serializer_class = ActivityCategorySerializer
    pagination_class = None
    action_roles = {"list": ALL_ROLES, "retrieve": ALL_ROLES,
                    "create": {Role.BANNER_ADMIN}, "destroy": {Role.BANNER_ADMIN}}

    @extend_schema(request=ActivityCategoryInputSerializer,
                   responses={201: ActivityCategorySerializer})
    def create(self, request, *args, **kwargs):
        category = services.category_create(actor=request.user,
                                            **_input(request, ActivityCategoryInputSerializer))
        return Response(ActivityCategorySerializer(category).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        services.category_delete(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
