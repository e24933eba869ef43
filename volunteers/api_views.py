"""The order API at the paths other systems integrate with (thin: services do the work)."""

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from practice.api.pagination import NewestFirstCursorPagination
from practice.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from practice.roles import STAFF_ROLES, Role

from . import services
from .filters import OrderFilter, ServiceItemFilter, TeamFilter
from .models import Order, OrderEvent, ServiceItem, Team
from .serializers import (
    ClaimSerializer,
    CompleteSerializer,
    DispatchSerializer,
    NoteSerializer,
    OrderCreateSerializer,
    OrderDetailSerializer,
    OrderSerializer,
    ReasonSerializer,
    ReturnSerializer,
    ReviewSerializer,
    ScoreSerializer,
    ServiceItemSerializer,
    TeamSerializer,
)

HOUSEHOLD_ROLES = {Role.VILLAGER, Role.VOLUNTEER}


class TeamViewSet(ScopedReadOnlyViewSet):
    queryset = (Team.objects.select_related("unit")
                .annotate(member_count=Count("memberships")).order_by("unit__path", "name"))
    serializer_class = TeamSerializer
    filterset_class = TeamFilter


class ServiceItemViewSet(ScopedReadOnlyViewSet):
    queryset = ServiceItem.objects.select_related("unit").order_by("category", "name", "pk")
    serializer_class = ServiceItemSerializer
    filterset_class = ServiceItemFilter


class OrderPagination(NewestFirstCursorPagination):
    ordering = "-id"


class OrderViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Order.objects.select_related(
        "service_item", "village", "handler_unit", "team", "volunteer")
    serializer_class = OrderSerializer
    filterset_class = OrderFilter
    pagination_class = OrderPagination
    action_roles = {
        "list": set(Role.values),
        "retrieve": set(Role.values),
        "create": HOUSEHOLD_ROLES | STAFF_ROLES,
        "dispatch_order": STAFF_ROLES,
        "escalate": STAFF_ROLES,
        "return_": STAFF_ROLES | {Role.VOLUNTEER},
        "accept": {Role.VOLUNTEER},
        "claim": {Role.VOLUNTEER},
        "complete": {Role.VOLUNTEER},
        "rate": HOUSEHOLD_ROLES,
        "cancel": HOUSEHOLD_ROLES,
        "review": {Role.REVIEWER},
    }

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            events = OrderEvent.objects.select_related("actor").order_by("created_at", "pk")
            qs = qs.prefetch_related(Prefetch("events", queryset=events))
        return qs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OrderDetailSerializer
        return OrderSerializer

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=OrderCreateSerializer, responses={201: OrderSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(OrderCreateSerializer)
        order = services.order_place(actor=request.user, **data)
        order = Order.objects.select_related(
            "service_item", "village", "handler_unit", "team", "volunteer").get(pk=order.pk)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)

    def _act(self, func, serializer_class=None, **extra):
        order = self.get_object()
        data = self._input(serializer_class) if serializer_class else {}
        func(order, actor=self.request.user, **data, **extra)
        order = Order.objects.select_related(
            "service_item", "village", "handler_unit", "team", "volunteer").get(pk=order.pk)
        return Response(OrderSerializer(order).data)

    @extend_schema(request=DispatchSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"], url_path="dispatch", url_name="dispatch")
    def dispatch_order(self, request, pk=None):
        return self._act(services.order_dispatch, DispatchSerializer)

    @extend_schema(request=None, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(services.order_accept)

    @extend_schema(request=CompleteSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(services.order_complete, CompleteSerializer)

    @extend_schema(request=ScoreSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        return self._act(services.order_rate, ScoreSerializer)

    @extend_schema(request=ReasonSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(services.order_cancel, ReasonSerializer)

    @extend_schema(request=ReturnSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._act(services.order_return, ReturnSerializer)

    @extend_schema(request=NoteSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._act(services.order_escalate, NoteSerializer)

    @extend_schema(request=ClaimSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        return self._act(services.order_claim, ClaimSerializer)

    @extend_schema(request=ScoreSerializer, responses={201: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        order = self.get_object()
        data = self._input(ScoreSerializer)
        review = services.order_review(order, actor=request.user, **data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)
