"""The banquets API: canteens, the rules in force, the live check, bookings and violations."""

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
from practice.models import Household, Level, Unit
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role

from . import selectors, services
from .models import Booking, Canteen, Kind, Occasion, Rule, Status, ViolationRecord
from .rules import BookingRequest, allowed_kinds, describe

READERS = SUBTREE_ROLES | {Role.VILLAGER}
BOOKERS = STAFF_ROLES | {Role.VILLAGER}


# --- canteens --------------------------------------------------------------------------------
class CanteenSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = Canteen
        fields = ["id", "name", "village", "village_name", "capacity", "address", "phone",
                  "is_active"]


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
def ruleset_data(ruleset, village) -> dict:
    source = "default"
    if ruleset.pk:
        source = "village" if ruleset.unit.level == Level.VILLAGE else "banner"
    return {
        "id": ruleset.pk,
        "source": source,
        "unit": ruleset.unit_id,
        "unit_name": ruleset.unit.name if ruleset.unit_id else None,
        "village": village.pk,
        "village_name": village.name,
        "title": ruleset.title,
        "effective_from": ruleset.effective_from,
        "banquet_occasions": list(ruleset.banquet_occasions),
        "tea_party_occasions": list(ruleset.tea_party_occasions),
        "forbidden_occasions": ruleset.forbidden_occasions,
        "occasions": [
            {"code": code, "label": str(label), "kinds": [str(k) for k in
                                                         allowed_kinds(code, ruleset)]}
            for code, label in Occasion.choices
        ],
        "max_tables": ruleset.max_tables,
        "max_dishes_per_table": ruleset.max_dishes_per_table,
        "max_gift": ruleset.max_gift,
        "fee_per_table": str(ruleset.fee_per_table),
        "one_formal_meal": ruleset.one_formal_meal,
        "notes": ruleset.notes,
        "notice": describe(ruleset),
    }


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
class BookingInputSerializer(serializers.Serializer):
    canteen = serializers.PrimaryKeyRelatedField(queryset=Canteen.objects.none(),
                                                 label=gettext_lazy("contract canteen"))
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.none(),
                                                   required=False, allow_null=True,
                                                   label=gettext_lazy("household"))
    occasion = serializers.ChoiceField(choices=Occasion.choices, label=gettext_lazy("occasion"))
    kind = serializers.ChoiceField(choices=Kind.choices, label=gettext_lazy("kind"))
    date = serializers.DateField(label=gettext_lazy("date"))
    tables = serializers.IntegerField(min_value=1, max_value=999, label=gettext_lazy("tables"))
    dishes_per_table = serializers.IntegerField(min_value=1, max_value=99,
                                                label=gettext_lazy("dishes per table"))
    gift_limit = serializers.IntegerField(min_value=0, max_value=1_000_000,
                                          label=gettext_lazy("gift money limit (yuan)"))
    formal_meals = serializers.IntegerField(min_value=1, max_value=9, default=1,
                                            label=gettext_lazy("formal meals"))
    guests = serializers.IntegerField(min_value=1, max_value=100_000, required=False,
                                      allow_null=True, label=gettext_lazy("estimated guests"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if user is None:  # the schema generator builds serializers without a request
            return
        self.fields["canteen"].queryset = Canteen.objects.for_user(user).select_related(
            "village")
        self.fields["household"].queryset = Household.objects.for_user(user).select_related(
            "village")

    def household_for(self, user, data):
        """Villagers book for their own household; staff name the household."""
        if has_role(user, Role.VILLAGER):
            if not user.household_id:
                raise Forbidden(_("Your account is not linked to a household."))
            return user.household
        return data.get("household")

    def booking_request(self) -> BookingRequest:
        d = self.validated_data
        return BookingRequest(occasion=d["occasion"], kind=d["kind"], date=d["date"],
                              tables=d["tables"], dishes_per_table=d["dishes_per_table"],
                              gift_limit=d["gift_limit"], formal_meals=d["formal_meals"])


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
class BookingSerializer(serializers.ModelSerializer):
    household_name = serializers.CharField(source="household.head_name", read_only=True)
    household_number = serializers.CharField(source="household.number", read_only=True)
    canteen_name = serializers.CharField(source="canteen.name", read_only=True)
    village = serializers.IntegerField(source="canteen.village_id", read_only=True)
    occasion_display = serializers.CharField(source="get_occasion_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    support_withheld = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = ["id", "status", "status_display", "fee", "household", "household_name",
                  "household_number", "support_withheld", "canteen", "canteen_name", "village",
                  "occasion", "occasion_display", "kind", "kind_display", "date", "tables",
                  "dishes_per_table", "gift_limit", "formal_meals", "guests", "reason",
                  "tables_used", "cost_without_rules", "cost_with_rules", "savings",
                  "ruleset", "created_at"]
        read_only_fields = fields

    def get_support_withheld(self, obj) -> bool:
        withheld = self.context.get("withheld")
        if withheld is None:
            return selectors.support_withheld(obj.household_id)
        return obj.household_id in withheld


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


class BookingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                   label=gettext_lazy("reason"))


class HeldSerializer(serializers.Serializer):
    tables = serializers.IntegerField(min_value=1, max_value=999,
                                      label=gettext_lazy("tables actually used"))


class BookingViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Booking.objects.select_related("household", "canteen").order_by("-date", "-id")
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    action_roles = {
        "list": READERS, "retrieve": READERS, "create": BOOKERS, "cancel": BOOKERS,
        "approve": STAFF_ROLES, "reject": STAFF_ROLES, "held": STAFF_ROLES,
    }

    def get_serializer_class(self):
        if self.action == "create":
            return BookingInputSerializer
        return BookingSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context()
        context["withheld"] = selectors.withheld_household_ids({b.household_id for b in page})
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
        return Response(self._out(services.booking_approve(self.get_object(),
                                                           actor=request.user)))

    @extend_schema(request=BookingReasonSerializer, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        booking = self.get_object()
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
class ViolationSerializer(serializers.ModelSerializer):
    household_name = serializers.CharField(source="household.head_name", read_only=True)
    village_name = serializers.CharField(source="household.village.name", read_only=True)
    rule_display = serializers.CharField(source="get_rule_display", read_only=True)
    support_withheld = serializers.SerializerMethodField()

    class Meta:
        model = ViolationRecord
        fields = ["id", "household", "household_name", "village_name", "booking",
                  "event_date", "rule", "rule_display", "description",
                  "support_withheld_until", "support_withheld", "created_at"]
        read_only_fields = fields

    def get_support_withheld(self, obj) -> bool:
        return obj.support_withheld_until >= selectors.today() >= obj.event_date


class ViolationInputSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.none(),
                                                   label=gettext_lazy("household"))
    booking = serializers.PrimaryKeyRelatedField(queryset=Booking.objects.none(),
                                                 required=False, allow_null=True,
                                                 label=gettext_lazy("booking"))
    event_date = serializers.DateField(label=gettext_lazy("event date"))
    rule = serializers.ChoiceField(choices=Rule.choices, label=gettext_lazy("rule broken"))
    description = serializers.CharField(max_length=2000, label=gettext_lazy("description"))
    support_withheld_until = serializers.DateField(
        label=gettext_lazy("committee support withheld until"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if user is None:
            return
        self.fields["household"].queryset = Household.objects.for_user(user).select_related(
            "village")
        self.fields["booking"].queryset = Booking.objects.for_user(user)


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

