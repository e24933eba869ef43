"""What the banquets API reads and answers: input serializers and the shapes of its answers."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from practice.exceptions import Forbidden
from practice.models import Household, Level
from practice.roles import STAFF_ROLES, Role, has_role

from .. import selectors, services
from ..models import Booking, Canteen, Kind, Occasion, Rule, ViolationRecord
from ..rules import BookingRequest, allowed_kinds, describe


# --- canteens and rules ----------------------------------------------------------------------
class CanteenSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = Canteen
        fields = ["id", "name", "village", "village_name", "capacity", "address", "phone",
                  "is_active"]


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


# --- bookings --------------------------------------------------------------------------------
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
        named = data.get("household")
        if has_role(user, Role.VILLAGER) and (
            named is None or named.pk == user.household_id or not has_role(user, *STAFF_ROLES)
        ):
            if not user.household_id:
                raise Forbidden(_("Your account is not linked to a household."))
            return user.household
        return data.get("household")

    def booking_request(self) -> BookingRequest:
        d = self.validated_data
        return BookingRequest(occasion=d["occasion"], kind=d["kind"], date=d["date"],
                              tables=d["tables"], dishes_per_table=d["dishes_per_table"],
                              gift_limit=d["gift_limit"], formal_meals=d["formal_meals"])


class BookingSerializer(serializers.ModelSerializer):
    household_name = serializers.CharField(source="household.head_name", read_only=True)
    household_number = serializers.CharField(source="household.number", read_only=True)
    canteen_name = serializers.CharField(source="canteen.name", read_only=True)
    village = serializers.IntegerField(source="canteen.village_id", read_only=True)
    occasion_display = serializers.CharField(source="get_occasion_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    support_withheld = serializers.SerializerMethodField()
    decided_by_name = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = ["id", "status", "status_display", "fee", "household", "household_name",
                  "household_number", "support_withheld", "canteen", "canteen_name", "village",
                  "occasion", "occasion_display", "kind", "kind_display", "date", "tables",
                  "dishes_per_table", "gift_limit", "formal_meals", "guests", "reason",
                  "tables_used", "cost_without_rules", "cost_with_rules", "savings",
                  "ruleset", "decided_by_name", "by_council", "actions", "created_at"]
        read_only_fields = fields

    def get_actions(self, obj) -> list[str]:
        """The moves the caller may make on it now (services.booking_actions): ``approve``,
        ``reject``, ``hold``, ``cancel``."""
        request = self.context.get("request")
        if request is None:
            return []
        return services.booking_actions(obj, request.user, standing=self.context.get("standing"))

    def get_decided_by_name(self, obj) -> str:
        """Who approved or rejected it ("" while nobody has): a council member's name where
        ``by_council``, else the staff member's who acted for the council."""
        return str(obj.decided_by) if obj.decided_by_id else ""

    def get_support_withheld(self, obj) -> bool:
        withheld = self.context.get("withheld")
        if withheld is None:
            return selectors.support_withheld(obj.household_id)
        return obj.household_id in withheld


class BookingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                   label=gettext_lazy("reason"))


class HeldSerializer(serializers.Serializer):
    tables = serializers.IntegerField(min_value=1, max_value=999,
                                      label=gettext_lazy("tables actually used"))


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
