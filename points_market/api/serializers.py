from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from practice.models import Household

from ..models import Deposit, DepositLine, Entry, Product, Redemption, RedemptionLine


class PriceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_mn = serializers.CharField(label=_("Mongolian name"))
    price_per_jin = serializers.DecimalField(max_digits=6, decimal_places=2)


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "name_mn", "unit", "points", "stock", "active", "supermarket"]


class DepositLineInput(serializers.Serializer):
    category = serializers.IntegerField(label=_("category"))
    # Checked by the service (one decimal, 0 < weight ≤ 1000): a number or a string.
    weight_jin = serializers.CharField(label=_("weight (jin)"), max_length=20)


class DepositInput(serializers.Serializer):
    household = serializers.IntegerField(label=_("household"))
    lines = DepositLineInput(many=True, allow_empty=False, max_length=20)
    sms_receipt = serializers.BooleanField(
        label=_("receipt by text message"), required=False, default=False,
        help_text=_("Text the points and the new balance to the household's phones."),
    )
    # Checked by the service (not in the future, at most 7 days old, not before the queue).
    weighed_at = serializers.CharField(
        label=_("weighed at"), required=False, allow_blank=True, max_length=40,
        help_text=_("When the recyclables were weighed (the device's clock, ISO 8601), for a "
                    "weigh-in queued offline; now when left out."),
    )
    queue_started_at = serializers.CharField(
        label=_("queue started at"), required=False, allow_blank=True, max_length=40,
        help_text=_("The device's time of the first entry of its offline queue."),
    )


class RedemptionLineInput(serializers.Serializer):
    product = serializers.IntegerField(label=_("product"))
    quantity = serializers.IntegerField(label=_("quantity"), min_value=1, max_value=1000)


class RedemptionInput(serializers.Serializer):
    household = serializers.IntegerField(label=_("household"))
    lines = RedemptionLineInput(many=True, allow_empty=False, max_length=50)


class ReverseInput(serializers.Serializer):
    reason = serializers.CharField(label=_("reason"), max_length=200)


class DepositLineSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")

    class Meta:
        model = DepositLine
        fields = ["category", "weight_jin", "price_per_jin", "amount_yuan"]


# A deposit or redemption with the balance its ledger entry left. (A comment, not a docstring:
# drf-spectacular would print a docstring into both schemas' descriptions.)
class CounterRecordSerializer(serializers.ModelSerializer):
    balance = serializers.SerializerMethodField()

    def get_balance(self, obj) -> int:
        return obj.entry.balance_after


class DepositSerializer(CounterRecordSerializer):
    lines = DepositLineSerializer(many=True, read_only=True)

    class Meta:
        model = Deposit
        fields = ["id", "household", "points", "balance", "weight_jin", "amount_yuan",
                  "sms_receipt", "weighed_at", "received_at", "created_at", "lines"]


class RedemptionLineSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="product.name")

    class Meta:
        model = RedemptionLine
        fields = ["product", "name", "quantity", "points_each"]


class RedemptionSerializer(CounterRecordSerializer):
    lines = RedemptionLineSerializer(many=True, read_only=True)

    class Meta:
        model = Redemption
        fields = ["id", "household", "points", "balance", "value_yuan", "created_at", "lines"]


class EntrySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    reversed_by = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = ["id", "household", "kind", "kind_display", "points", "balance_after",
                  "deposit", "redemption", "reverses", "reversed_by", "reason", "created_at"]

    def get_reversed_by(self, obj) -> int | None:
        if "reversal_id" in obj.__dict__:  # read with the entry (Entry.objects.with_reversal_id)
            return obj.reversal_id
        reversal = getattr(obj, "reversed_by", None)
        return reversal.pk if reversal else None


class HouseholdBriefSerializer(serializers.ModelSerializer):
    village = UnitBriefSerializer(read_only=True)

    class Meta:
        model = Household
        fields = ["id", "number", "head_name", "village"]


class HouseholdBalanceSerializer(HouseholdBriefSerializer):
    balance = serializers.IntegerField(read_only=True)

    class Meta(HouseholdBriefSerializer.Meta):
        fields = [*HouseholdBriefSerializer.Meta.fields, "balance"]
