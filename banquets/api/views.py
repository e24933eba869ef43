"""The banquets API endpoints: canteens, the rules in force, the live check, bookings and
violations. Thin: reads through scoped querysets and selectors, writes through the services."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from practice.exceptions import Forbidden, InvalidInput, NotFound
from practice.models import Level, Unit
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role

from .. import selectors, services
from ..models import Booking, Canteen, Status, ViolationRecord
from .serializers import (
    BookingInputSerializer,
    BookingReasonSerializer,
    BookingSerializer,
    CanteenSerializer,
    HeldSerializer,
    ViolationInputSerializer,
    ViolationSerializer,
    ruleset_data,
)

READERS = SUBTREE_ROLES | {Role.VILLAGER}
BOOKERS = STAFF_ROLES | {Role.VILLAGER}
# Staff, and villagers who sit on a red-and-white council (services.may_decide_somewhere).
DECIDERS = STAFF_ROLES | {Role.VILLAGER}


# --- canteens --------------------------------------------------------------------------------
class CanteenFilter(filters.FilterSet):
    village = IntegerFilter(field_name="village_id", label=gettext_lazy("village"))
    township = IntegerFilter(field_name="village__township_id",
                                    label=gettext_lazy("township"))

    class Meta:
        model = Canteen
        fields = ["village", "township", "is_active"]


class CanteenViewSet(ScopedReadOnlyViewSet):
    queryset = Canteen.objects.select_related("village").order_by("village__path", "name")
    serializer_class = CanteenSerializer
    filterset_class = CanteenFilter


# --- rules -----------------------------------------------------------------------------------
def visible_village(user, village_id):
    """The village ``village_id`` if the user may see it, else 404/400."""
    if village_id in (None, ""):
        if user.unit_id and user.unit.level == Level.VILLAGE:
            return user.unit
        raise InvalidInput(_("Choose a village."), field="village")
    try:
        village_id = int(village_id)
    except (TypeError, ValueError):
        raise InvalidInput(_("Choose a village."), field="village") from None
    village = Unit.objects.for_user(user).filter(pk=village_id, level=Level.VILLAGE).first()
    if village is None:
        raise NotFound()
    return village


class RulesView(APIView):
    """The rule set in force in a village (``?village=<id>``, optional ``&date=YYYY-MM-DD``)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("village", int, description="village id"),
                    OpenApiParameter("date", OpenApiTypes.DATE, description="event date")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        village = visible_village(request.user, request.query_params.get("village"))
        on = None
        if request.query_params.get("date"):
            on = serializers.DateField().run_validation(request.query_params["date"])
        return Response(ruleset_data(selectors.ruleset_in_force(village, on), village))


# --- booking input and the check -----------------------------------------------------------
def _flatten(errors) -> list[dict]:
    out = []
    for field, messages in errors.items():
        for m in messages if isinstance(messages, list) else [messages]:
            out.append({"field": "non_field_errors" if field == "non_field_errors" else field,
                        "message": str(m)})
    return out


class CheckView(APIView):
    """Check a request against the rules in force without booking: all problems and the fee."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BookingInputSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        if not (request.user.is_superuser or has_role(request.user, *BOOKERS)):
            raise Forbidden()
        data = BookingInputSerializer(data=request.data, context={"request": request})
        if not data.is_valid():
            return Response({"ok": False, "violations": _flatten(data.errors), "fee": None,
                             "tables_left": None})
        household = data.household_for(request.user, data.validated_data)
        result = services.booking_check(household=household,
                                        canteen=data.validated_data["canteen"],
                                        request=data.booking_request())
        return Response({
            "ok": result.ok,
            "violations": [v.as_dict() for v in result.violations],
            "fee": str(result.fee),
            "tables_left": result.tables_left,
        })


# --- bookings --------------------------------------------------------------------------------
class BookingFilter(filters.FilterSet):
    status = ChoicesFilter(choices=Status.choices, label=gettext_lazy("status"))
    canteen = IntegerFilter(field_name="canteen_id", label=gettext_lazy("contract canteen"))
    household = IntegerFilter(field_name="household_id", label=gettext_lazy("household"))
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte",
                                   label=gettext_lazy("from"))
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte", label=gettext_lazy("to"))

    class Meta:
        model = Booking
        fields = ["status", "canteen", "household", "kind", "occasion"]


class BookingViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Booking.objects.select_related(
        "household", "canteen__village", "decided_by").order_by("-date", "-id")
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    action_roles = {
        "list": READERS, "retrieve": READERS, "create": BOOKERS, "cancel": BOOKERS,
        "approve": DECIDERS, "reject": DECIDERS, "held": STAFF_ROLES,
    }

    def _decision_target(self):
        """The booking to approve or reject. A villager who sits on no red-and-white council
        is refused (403) before any booking is looked up, as before councils decided; a
        member finds the bookings of their village's canteens (404 for any other)."""
        if not services.may_decide_somewhere(self.request.user):
            raise Forbidden()
        return self.get_object()

    def get_serializer_class(self):
        if self.action == "create":
            return BookingInputSerializer
        return BookingSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context()
        context["withheld"] = selectors.withheld_household_ids({b.household_id for b in page})
        context["standing"] = selectors.council_standing(
            request.user, {b.canteen.village_id for b in page})
        return self.get_paginated_response(BookingSerializer(page, many=True,
                                                             context=context).data)

    @extend_schema(request=BookingInputSerializer, responses={201: BookingSerializer})
    def create(self, request, *args, **kwargs):
        data = BookingInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        household = data.household_for(request.user, data.validated_data)
        if household is None:
            raise InvalidInput(_("Choose the household."), field="household")
        booking = services.booking_create(
            household=household, canteen=data.validated_data["canteen"],
            request=data.booking_request(), actor=request.user,
            guests=data.validated_data.get("guests"),
        )
        return Response(self._out(booking), status=status.HTTP_201_CREATED)

    def _out(self, booking):
        return BookingSerializer(booking, context=self.get_serializer_context()).data

    @extend_schema(request=None, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return Response(self._out(services.booking_approve(self._decision_target(),
                                                           actor=request.user)))

    @extend_schema(request=BookingReasonSerializer, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        booking = self._decision_target()
        data = BookingReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(self._out(services.booking_reject(
            booking, actor=request.user, reason=data.validated_data.get("reason", ""))))

    @extend_schema(request=HeldSerializer, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        booking = self.get_object()
        data = HeldSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(self._out(services.booking_held(
            booking, actor=request.user, tables_used=data.validated_data["tables"])))

    @extend_schema(request=BookingReasonSerializer, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        data = BookingReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(self._out(services.booking_cancel(
            booking, actor=request.user, reason=data.validated_data.get("reason", ""))))


# --- violations ------------------------------------------------------------------------------
class ViolationFilter(filters.FilterSet):
    household = IntegerFilter(field_name="household_id", label=gettext_lazy("household"))
    village = IntegerFilter(field_name="household__village_id",
                                   label=gettext_lazy("village"))

    class Meta:
        model = ViolationRecord
        fields = ["household", "village", "rule"]


class ViolationViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    queryset = ViolationRecord.objects.select_related("household", "household__village")
    serializer_class = ViolationSerializer
    filterset_class = ViolationFilter
    action_roles = {"list": READERS, "retrieve": READERS, "create": STAFF_ROLES}

    def get_serializer_class(self):
        return ViolationInputSerializer if self.action == "create" else ViolationSerializer

    @extend_schema(request=ViolationInputSerializer, responses={201: ViolationSerializer})
    def create(self, request, *args, **kwargs):
        data = ViolationInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        record = services.violation_record(actor=request.user, **data.validated_data)
        return Response(ViolationSerializer(record).data, status=status.HTTP_201_CREATED)

