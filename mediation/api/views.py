"""The mediation API (``/api/mediation/…``): cases (their viewers only: the model's scope),
mediators, and the counts leaders and the banner's administrators read instead of cases."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.api.permissions import ActionRolePermission
from practice.api.viewsets import ScopedMixin
from practice.exceptions import InvalidInput
from practice.models import Level, Unit, User
from practice.numbers import parse_int
from practice.roles import Role

from .. import selectors, services
from ..models import CaseSession, CaseStatus, DisputeKind, MediationCase, Mediator
from .serializers import (
    MediationCaseDetailSerializer,
    MediationCaseInputSerializer,
    MediationCaseSerializer,
    MediationCloseInputSerializer,
    MediationCountsSerializer,
    MediationEndInputSerializer,
    MediationHandOverInputSerializer,
    MediationMediatorInputSerializer,
    MediationMediatorSerializer,
    MediationSessionInputSerializer,
    MediationSessionSerializer,
)

CASE_STAFF = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF})
# A mediator is usually a villager (or a volunteer): they read and work on their own cases.
CASE_READERS = CASE_STAFF | {Role.VILLAGER, Role.VOLUNTEER}
MEDIATOR_STAFF = CASE_STAFF | {Role.BANNER_ADMIN}
MEDIATOR_READERS = MEDIATOR_STAFF | {Role.LEADER, Role.VILLAGER, Role.VOLUNTEER}


def _input(serializer_class, request):
    data = serializer_class(data=request.data, context={"request": request})
    data.is_valid(raise_exception=True)
    return data.validated_data


class MediationCaseFilter(filters.FilterSet):
    status = ChoicesFilter(choices=CaseStatus.choices, label=gettext_lazy("status"))
    kind = ChoicesFilter(choices=DisputeKind.choices, label=gettext_lazy("kind of dispute"))
    village = IntegerFilter(field_name="village_id", label=gettext_lazy("village"))

    class Meta:
        model = MediationCase
        fields = ["status", "kind", "village"]


class MediationCaseViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = MediationCase.objects.select_related("village", "mediator__user").order_by(
        "-opened_on", "-pk")
    serializer_class = MediationCaseSerializer
    filterset_class = MediationCaseFilter
    action_roles = {"list": CASE_READERS, "retrieve": CASE_READERS, "create": CASE_STAFF,
                    "sessions": CASE_READERS, "close": CASE_READERS,
                    "hand_over": CASE_STAFF}

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("sessions", queryset=CaseSession.objects.order_by("date", "pk")),
                "events")
        return qs

    def get_serializer_class(self):
        if self.action == "create":
            return MediationCaseInputSerializer
        if self.action == "retrieve":
            return MediationCaseDetailSerializer
        return MediationCaseSerializer

    def _out(self, case, code=status.HTTP_200_OK):
        case = MediationCase.objects.select_related("village", "mediator__user").get(pk=case.pk)
        return Response(MediationCaseSerializer(case).data, status=code)

    @extend_schema(request=MediationCaseInputSerializer, responses={201: MediationCaseSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(MediationCaseInputSerializer, request)
        mediator = (Mediator.objects.filter(pk=data["mediator"])
                    .select_related("village", "user").first())
        if mediator is None or not services.may_open_cases(request.user, mediator.village):
            raise InvalidInput(_("Choose one of the village's active mediators."),
                               field="mediator")
        case = services.case_open(
            actor=request.user, village=mediator.village, kind=data["kind"],
            parties=data["parties"], summary=data["summary"], mediator=mediator,
            opened_on=data.get("opened_on"))
        return self._out(case, status.HTTP_201_CREATED)

    @extend_schema(request=MediationSessionInputSerializer,
                   responses={201: MediationSessionSerializer})
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        case = self.get_object()
        data = _input(MediationSessionInputSerializer, request)
        session = services.case_add_session(case, actor=request.user, date=data.get("date"),
                                            note=data["note"])
        return Response(MediationSessionSerializer(session).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=MediationCloseInputSerializer,
                   responses={200: MediationCaseSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        data = _input(MediationCloseInputSerializer, request)
        services.case_close(case, actor=request.user, outcome=data["outcome"],
                            referred_to=data.get("referred_to", ""),
                            closed_on=data.get("closed_on"), note=data.get("note", ""))
        return self._out(case)

    @extend_schema(request=MediationHandOverInputSerializer,
                   responses={200: MediationCaseSerializer})
    @action(detail=True, methods=["post"], url_path="hand-over")
    def hand_over(self, request, pk=None):
        """Hand the open case to another of its village's serving mediators (its station and
        township staff)."""
        case = self.get_object()
        data = _input(MediationHandOverInputSerializer, request)
        mediator = Mediator.objects.filter(pk=data["mediator"]).first()
        services.case_hand_over(case, actor=request.user, mediator=mediator,
                                note=data.get("note", ""))
        return self._out(case)


class MediationMediatorFilter(filters.FilterSet):
    village = IntegerFilter(field_name="village_id", label=gettext_lazy("village"))
    active = filters.BooleanFilter(method="filter_active", label=gettext_lazy("active"))

    class Meta:
        model = Mediator
        fields = ["village", "active"]

    def filter_active(self, queryset, name, value):
        q = selectors.active_q()
        return queryset.filter(q) if value else queryset.exclude(q)


class MediationMediatorViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                               mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Mediator.objects.select_related("village", "user").order_by(
        "village__path", "-active_from", "pk")
    serializer_class = MediationMediatorSerializer
    filterset_class = MediationMediatorFilter
    action_roles = {"list": MEDIATOR_READERS, "retrieve": MEDIATOR_READERS,
                    "create": MEDIATOR_STAFF, "end": MEDIATOR_STAFF}

    def get_serializer_class(self):
        if self.action == "create":
            return MediationMediatorInputSerializer
        return MediationMediatorSerializer

    @extend_schema(request=MediationMediatorInputSerializer,
                   responses={201: MediationMediatorSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(MediationMediatorInputSerializer, request)
        village = (Unit.objects.for_user(request.user).filter(pk=data["village"],
                                                              level=Level.VILLAGE).first())
        if village is None:
            raise InvalidInput(_("Choose a village of your area."), field="village")
        person = User.objects.filter(pk=data["user"]).select_related("household").first()
        if person is None or not services.belongs_to_village(person, village):
            raise InvalidInput(_("A mediator is a villager or the station staff of the "
                                 "village."), field="user")
        mediator = services.mediator_appoint(
            actor=request.user, village=village, user=person, background=data["background"],
            active_from=data.get("active_from"), note=data.get("note", ""))
        mediator = self.get_queryset().model.objects.select_related("village", "user").get(
            pk=mediator.pk)
        return Response(MediationMediatorSerializer(mediator).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=MediationEndInputSerializer,
                   responses={200: MediationMediatorSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        mediator = self.get_object()
        data = _input(MediationEndInputSerializer, request)
        mediator = services.mediator_end(mediator, actor=request.user,
                                         on=data.get("active_to"))
        return Response(MediationMediatorSerializer(mediator).data)


class MediationCountsView(APIView):
    """Counts of cases per village, kind of dispute and month opened (with how many are open,
    settled, referred, dropped) in the caller's area: numbers, never a name. For the staff who
    handle cases, leaders and the banner's administrators; not for reviewers."""

    permission_classes = [IsAuthenticated, ActionRolePermission]
    action_roles = {"get": selectors.COUNT_ROLES}

    @extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("month", int),
                               OpenApiParameter("village", int),
                               OpenApiParameter("kind", str, enum=DisputeKind.values)],
                   responses={200: MediationCountsSerializer})
    def get(self, request):
        params = request.query_params
        today = timezone.localdate()
        year = parse_int(params.get("year"), default=None, minimum=2000,
                         maximum=today.year + 1)
        if params.get("year") not in (None, "") and year is None:
            raise InvalidInput(_("Give a year from 2000 to next year."), field="year")
        month = parse_int(params.get("month"), default=None, minimum=1, maximum=12)
        if params.get("month") not in (None, "") and month is None:
            raise InvalidInput(_("Give a month from 1 to 12."), field="month")
        kind = params.get("kind") or None
        if kind is not None and kind not in DisputeKind.values:
            raise InvalidInput(_("Choose the kind of dispute."), field="kind")
        village = None
        if params.get("village") not in (None, ""):
            pk = parse_int(params.get("village"), default=0, minimum=1)
            village = selectors.count_villages(request.user).filter(pk=pk).first()
            if village is None:
                raise InvalidInput(_("Choose a village of your area."), field="village")
        year = year or today.year
        rows = selectors.case_counts(request.user, year=year, month=month, village=village,
                                     kind=kind)
        return Response({"year": year, "month": month, "rows": rows,
                         "totals": selectors.count_totals(rows)})
