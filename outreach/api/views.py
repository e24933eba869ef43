"""The outreach API (``/api/outreach/…``): mobile posts and their profile, rounds (plan a
month, add stops, copy last month's), stops (record, cancel, photos) and the villager's next
visits. Scoped reads; writes through the services."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.api.parsers import BoundedFormParser
from practice.api.viewsets import ScopedMixin
from practice.exceptions import InvalidInput
from practice.numbers import day_validators
from practice.roles import STAFF_ROLES, SUBTREE_ROLES

from .. import selectors, services
from ..models import Round, Stop, StopStatus
from .serializers import (
    OutreachCancelInputSerializer,
    OutreachCopiedSerializer,
    OutreachPhotoInputSerializer,
    OutreachPhotoSerializer,
    OutreachPostDetailSerializer,
    OutreachPostSerializer,
    OutreachProfileInputSerializer,
    OutreachRecordInputSerializer,
    OutreachRoundDetailSerializer,
    OutreachRoundInputSerializer,
    OutreachRoundSerializer,
    OutreachStopDetailSerializer,
    OutreachStopInputSerializer,
    OutreachStopSerializer,
    OutreachVisitSerializer,
)


def _input(request, serializer_class):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


class OutreachPostViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OutreachPostSerializer
    action_roles = {"list": SUBTREE_ROLES, "retrieve": SUBTREE_ROLES, "profile": STAFF_ROLES}

    def get_queryset(self):
        return selectors.posts_for(self.request.user)

    def get_serializer_class(self):
        return OutreachPostDetailSerializer if self.action != "list" else OutreachPostSerializer

    @extend_schema(request=OutreachProfileInputSerializer,
                   responses={200: OutreachPostDetailSerializer})
    @action(detail=True, methods=["post"])
    def profile(self, request, pk=None):
        post = self.get_object()
        data = _input(request, OutreachProfileInputSerializer)
        current = services.profile_of(post)
        services.profile_update(
            post, actor=request.user,
            team=data.get("team", current.team if current else None),
            vehicle=data.get("vehicle", current.vehicle if current else ""),
            phone=data.get("phone", current.phone if current else ""))
        post = selectors.posts_for(request.user).get(pk=post.pk)
        return Response(OutreachPostDetailSerializer(post).data)


class RoundFilter(django_filters.FilterSet):
    post = IntegerFilter(field_name="post_id", label=_("mobile post"))
    year = IntegerFilter(field_name="month__year", label=_("year"), min_value=2000,
                         max_value=9999)

    class Meta:
        model = Round
        fields = ["post", "year"]


class OutreachRoundViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           mixins.CreateModelMixin, viewsets.GenericViewSet):
    filterset_class = RoundFilter
    action_roles = {"list": SUBTREE_ROLES, "retrieve": SUBTREE_ROLES, "create": STAFF_ROLES,
                    "stops": STAFF_ROLES, "copy_previous": STAFF_ROLES}

    def get_queryset(self):
        return selectors.rounds_for(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return OutreachRoundInputSerializer
        if self.action == "retrieve":
            return OutreachRoundDetailSerializer
        return OutreachRoundSerializer

    def _out(self, round_, code=status.HTTP_200_OK):
        round_ = selectors.rounds_for(self.request.user).get(pk=round_.pk)
        return Response(OutreachRoundDetailSerializer(round_).data, status=code)

    @extend_schema(request=OutreachRoundInputSerializer,
                   responses={201: OutreachRoundDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(request, OutreachRoundInputSerializer)
        post = selectors.post_for(request.user, data["post"])
        if post is None:
            raise InvalidInput(_("Choose a mobile post of your area."), field="post")
        round_ = services.round_plan(actor=request.user, post=post, year=data["year"],
                                     month=data["month"], note=data.get("note", ""),
                                     stops=data.get("stops", []))
        return self._out(round_, status.HTTP_201_CREATED)

    @extend_schema(request=OutreachStopInputSerializer,
                   responses={201: OutreachStopSerializer})
    @action(detail=True, methods=["post"])
    def stops(self, request, pk=None):
        round_ = self.get_object()
        data = _input(request, OutreachStopInputSerializer)
        stop = services.stop_add(round_, actor=request.user, **data)
        return Response(OutreachStopSerializer(selectors.stop_related(
            Stop.objects.filter(pk=stop.pk)).get()).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: OutreachCopiedSerializer})
    @action(detail=True, methods=["post"], url_path="copy-previous", url_name="copy-previous")
    def copy_previous(self, request, pk=None):
        round_ = self.get_object()
        return Response({"copied": services.round_copy_previous(round_, actor=request.user)})


class StopFilter(django_filters.FilterSet):
    post = IntegerFilter(field_name="post_id", label=_("mobile post"))
    village = IntegerFilter(field_name="village_id", label=_("village"))
    round = IntegerFilter(field_name="round_id", label=_("round"))
    status = ChoicesFilter(choices=StopStatus.choices, label=_("status"))
    locals()["from"] = django_filters.DateFilter(field_name="date", lookup_expr="gte",
                                                 label=_("from"), validators=day_validators())
    locals()["to"] = django_filters.DateFilter(field_name="date", lookup_expr="lte",
                                               label=_("to"), validators=day_validators())

    class Meta:
        model = Stop
        fields = ["post", "village", "round", "status"]


class OutreachStopViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = StopFilter
    action_roles = {"list": SUBTREE_ROLES, "retrieve": SUBTREE_ROLES, "record": STAFF_ROLES,
                    "cancel": STAFF_ROLES, "photos": STAFF_ROLES}

    def get_queryset(self):
        qs = Stop.objects.for_user(self.request.user)
        if self.action == "list":
            return qs.select_related("village", "post").prefetch_related("services").order_by(
                "-date", "-starts_at", "-pk")
        return selectors.stop_related(qs)

    def get_serializer_class(self):
        return OutreachStopSerializer if self.action == "list" else OutreachStopDetailSerializer

    def _out(self, stop):
        stop = selectors.stop_related(Stop.objects.filter(pk=stop.pk)).get()
        return Response(OutreachStopDetailSerializer(stop).data)

    @extend_schema(request=OutreachRecordInputSerializer,
                   responses={200: OutreachStopDetailSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        stop = self.get_object()
        data = _input(request, OutreachRecordInputSerializer)
        given = {g["service_item"]: g["count"] for g in data.get("given", [])}
        services.stop_record(
            stop, actor=request.user, people_served=data["people_served"], given=given,
            activities=data.get("activities", []),
            activity_title=data.get("activity_title", ""),
            activity_unit=data.get("activity_unit", "post"), note=data.get("note", ""))
        return self._out(stop)

    @extend_schema(request=OutreachCancelInputSerializer,
                   responses={200: OutreachStopDetailSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        stop = self.get_object()
        data = _input(request, OutreachCancelInputSerializer)
        services.stop_cancel(stop, actor=request.user, reason=data["reason"])
        return self._out(stop)

    @extend_schema(request={"multipart/form-data": OutreachPhotoInputSerializer},
                   responses={201: OutreachPhotoSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, BoundedFormParser])
    def photos(self, request, pk=None):
        stop = self.get_object()
        data = _input(request, OutreachPhotoInputSerializer)
        photo = services.stop_add_photo(stop, actor=request.user, image=data["image"])
        return Response(OutreachPhotoSerializer(photo, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class NextVisitView(APIView):
    """The next stops of the mobile post in the caller's village (and group), soonest first."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OutreachVisitSerializer(many=True)})
    def get(self, request):
        visits = selectors.next_visits(request.user)
        return Response(OutreachVisitSerializer(visits, many=True).data)
