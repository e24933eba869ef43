"""The points supermarket's API: thin views over ``services`` and ``selectors``."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.api.filters import IntegerFilter
from practice.api.pagination import NewestFirstCursorPagination
from practice.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from practice.exceptions import NotFound
from practice.models import Household, Level, Unit
from practice.numbers import parse_id
from practice.roles import STAFF_ROLES, Role

from .. import selectors, services
from ..models import Deposit, Entry, Product, Redemption
from .serializers import (
    DepositInput,
    DepositSerializer,
    EntrySerializer,
    HouseholdBalanceSerializer,
    PriceSerializer,
    ProductSerializer,
    RedemptionInput,
    RedemptionSerializer,
    ReverseInput,
)

EVERYONE = frozenset(Role.values)
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER,
    description=(
        "A retry with the same key (per user, kept for good) and the same body returns the "
        "first result with `Idempotent-Replayed: true` and changes nothing; the same key with "
        "another body answers 422 `idempotency_key_reused`."
    ),
)


def household_in_scope(user, household_id) -> Household:
    household = Household.objects.for_user(user).select_related("village").filter(
        pk=household_id
    ).first()
    if household is None:
        raise NotFound(_("No such household in your area."), field="household")
    return household


class PriceList(APIView):
    """Recyclable categories with the price per jin in force (at ``?village=`` or the caller's
    village; banner-wide defaults otherwise)."""

    @extend_schema(
        parameters=[OpenApiParameter("village", int)], responses={200: PriceSerializer(many=True)}
    )
    def get(self, request):
        village = selectors.village_for_prices(request.user)
        if request.query_params.get("village"):
            village_id = parse_id(request.query_params["village"])
            if village_id is None:
                return Response({"village": [_("Enter a village id.")]}, status=400)
            village = get_object_or_404(
                Unit.objects.for_user(request.user).filter(level=Level.VILLAGE), pk=village_id
            )
        rows = selectors.categories_with_prices(services.prices_in_force(village))
        return Response(PriceSerializer(rows, many=True).data)


class ProductFilter(django_filters.FilterSet):
    village = IntegerFilter(field_name="supermarket__village_id", label=gettext_lazy("village"))

    class Meta:
        model = Product
        fields = ["supermarket", "active", "village"]


class ProductViewSet(ScopedReadOnlyViewSet):
    """Goods on the shelves the caller may see, with their stock; ``?supermarket=`` or
    ``?village=`` narrows to one shelf."""

    queryset = Product.objects.order_by("supermarket_id", "sort_order", "name")
    serializer_class = ProductSerializer
    filterset_class = ProductFilter


class CounterRecordViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet):
    """Deposits or redemptions: list, read, and ``POST`` one through ``service``."""

    action_roles = {"create": STAFF_ROLES, "*": EVERYONE}
    input_class = None
    output_class = None
    service = None
    extra_inputs: tuple = ()  # further fields of the input passed on to the service
    pagination_class = NewestFirstCursorPagination
    filterset_fields = ["household", "supermarket"]

    def get_serializer_class(self):
        return self.output_class

    def create(self, request):
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        household = household_in_scope(request.user, data.validated_data["household"])
        extra = {k: data.validated_data[k] for k in self.extra_inputs
                 if k in data.validated_data}
        result = type(self).service(
            household,
            actor=request.user,
            lines=data.validated_data["lines"],
            idempotency_key=request.headers.get("Idempotency-Key"),
            **extra,
        )
        record = self.get_queryset().get(pk=result.record.pk)
        response = Response(self.output_class(record).data, status=status.HTTP_201_CREATED)
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class DepositViewSet(CounterRecordViewSet):
    """Recyclables handed in. ``POST`` → 201 ``{id, points, balance, …}``."""

    queryset = Deposit.objects.select_related("entry").prefetch_related("lines__category")
    input_class = DepositInput
    output_class = DepositSerializer
    service = staticmethod(services.deposit_record)
    extra_inputs = ("sms_receipt", "weighed_at", "queue_started_at")

    @extend_schema(request=DepositInput, responses={201: DepositSerializer},
                   parameters=[IDEMPOTENCY])
    def create(self, request):
        return super().create(request)


class RedemptionViewSet(CounterRecordViewSet):
    """Goods taken for points. ``POST`` → 201 ``{id, points, balance, …}``; not enough points
    or stock → 409 with ``code`` ``insufficient_points`` or ``insufficient_stock``."""

    queryset = Redemption.objects.select_related("entry").prefetch_related("lines__product")
    input_class = RedemptionInput
    output_class = RedemptionSerializer
    service = staticmethod(services.redemption_record)

    @extend_schema(request=RedemptionInput, responses={201: RedemptionSerializer},
                   parameters=[IDEMPOTENCY])
    def create(self, request):
        return super().create(request)


class EntryViewSet(ScopedReadOnlyViewSet):
    """The ledger (read-only); ``POST …/reverse/`` writes the opposite entry."""

    queryset = Entry.objects.with_reversal_id()
    serializer_class = EntrySerializer
    pagination_class = NewestFirstCursorPagination
    filterset_fields = ["household", "kind"]
    action_roles = {"reverse": STAFF_ROLES, "*": EVERYONE}

    @extend_schema(request=ReverseInput, responses={201: EntrySerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        entry = self.get_object()
        data = ReverseInput(data=request.data)
        data.is_valid(raise_exception=True)
        reversal = services.entry_reverse(
            entry, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(EntrySerializer(reversal).data, status=status.HTTP_201_CREATED)


class HouseholdViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Households with their points balance; ``?search=`` finds one by number, name or phone.
    The detail adds the latest entries."""

    serializer_class = HouseholdBalanceSerializer
    recent_entries = 20

    def get_queryset(self):
        user = self.request.user
        search = self.request.query_params.get("search")
        if self.action == "list" and search:
            return selectors.household_search(user, search, limit=50)
        return selectors.households_with_balance(user)

    def paginate_queryset(self, queryset):
        if self.request.query_params.get("search"):
            return None  # a search answers at most 50 rows, unpaginated
        return super().paginate_queryset(queryset)

    @extend_schema(responses={200: inline_serializer("HouseholdPoints", {
        "household": HouseholdBalanceSerializer(),
        "balance": serializers.IntegerField(),
        "entries": EntrySerializer(many=True),
    })})
    def retrieve(self, request, pk=None):
        household = self.get_object()
        entries = selectors.entries_of(household)[: self.recent_entries]
        return Response(
            {
                "household": HouseholdBalanceSerializer(household).data,
                "balance": household.balance,
                "entries": EntrySerializer(entries, many=True).data,
            }
        )
