from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from practice.models import Household, Unit

from .. import selectors
from ..models import (
    Activity,
    ActivityPhoto,
    Attendance,
    CheckMethod,
    Order,
    OrderEvent,
    ServiceItem,
    Team,
    Volunteer,
    VolunteerApplication,
)


class TeamSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    member_count = serializers.IntegerField(read_only=True, label=_("members"))

    class Meta:
        model = Team
        fields = ["id", "name", "name_mn", "kind", "unit", "leader", "member_count", "active"]


class ServiceItemSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    campaign = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                            label=_("campaign"))

    class Meta:
        model = ServiceItem
        fields = ["id", "name", "name_mn", "category", "description", "unit", "campaign",
                  "active"]


class ItemBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceItem
        fields = ["id", "name", "name_mn", "category"]


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OrderEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    # The event's ``at``, under the key API clients have always read.
    created_at = serializers.DateTimeField(source="at", read_only=True)

    class Meta:
        model = OrderEvent
        fields = ["id", "kind", "from_status", "to_status", "actor", "note", "created_at"]

    def get_actor(self, obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None


class OrderSerializer(serializers.ModelSerializer):
    service_item = ItemBriefSerializer(read_only=True)
    village = UnitBriefSerializer(read_only=True)
    handler_unit = UnitBriefSerializer(read_only=True)
    team = NamedSerializer(read_only=True, allow_null=True)
    volunteer = NamedSerializer(read_only=True, allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    # "" when the household gave no number: the model's mobile-number pattern would deny it.
    contact_phone = serializers.CharField(read_only=True)

    class Meta:
        model = Order
        fields = [
            "id", "status", "service_item", "description", "village", "household",
            "handler_unit", "preferred_time", "contact_phone", "use_banked_hours", "assisted",
            "team", "volunteer", "hours", "banked_hours_used", "rating", "rating_comment",
            "overdue", "created_at", "dispatched_at", "accepted_at", "completed_at", "rated_at",
            "cancelled_at",
        ]


class OrderVisitSerializer(serializers.Serializer):
    head_name = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()


class OrderDetailSerializer(OrderSerializer):
    # As selectors.with_events loads them.
    events = OrderEventSerializer(many=True, read_only=True, source="events_loaded")
    visit = serializers.SerializerMethodField(
        help_text=_("The head of household and the address: for the household, staff of its "
                    "area, and the volunteer who holds the order while they hold it."))

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "events", "visit"]

    @extend_schema_field(OrderVisitSerializer(allow_null=True))
    def get_visit(self, order) -> dict | None:
        request = self.context.get("request")
        return selectors.order_visit(order, request.user if request else None)


class OrderCreateSerializer(serializers.Serializer):
    service_item = serializers.PrimaryKeyRelatedField(
        queryset=ServiceItem.objects.all(), label=_("service item"))
    description = serializers.CharField(max_length=1000, label=_("description"))
    preferred_time = serializers.DateTimeField(required=False, allow_null=True,
                                               label=_("preferred time"))
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=11,
                                          label=_("contact phone"))
    use_banked_hours = serializers.BooleanField(required=False, default=False,
                                                label=_("use banked hours"))
    household = serializers.PrimaryKeyRelatedField(
        queryset=Household.objects.select_related("village"), required=False, allow_null=True,
        label=_("household"), help_text=_("Staff ordering on a household's behalf."))


class DispatchSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.select_related("unit"),
                                              label=_("team"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ClaimSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False,
                                              allow_null=True, label=_("team"))


class CompleteSerializer(serializers.Serializer):
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, label=_("hours"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ScoreSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5, label=_("score"))
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                    label=_("comment"))


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500,
                                   label=_("reason"))


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, label=_("reason"))
    escalate = serializers.BooleanField(required=False, default=False,
                                        label=_("pass up a level"))


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField(source="order_id")
    score = serializers.IntegerField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


# --- practice activities ---------------------------------------------------------------------
# Inline enums: this choice set appears in two fields (check-in and check-out method). Wrapped
# in ``allOf`` it stays inline in the schema instead of becoming enum components with colliding
# names.
@extend_schema_field({"allOf": [{"type": "string", "enum": [*CheckMethod.values, ""]}]})
class CheckMethodField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=CheckMethod.choices, allow_blank=True, **kwargs)


class ActivityPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPhoto
        fields = ["id", "url", "caption", "uploaded_at"]

    def get_url(self, obj) -> str:
        return obj.image.url


class ActivitySerializer(serializers.ModelSerializer):
    """An activity as the API's queryset loads it (``api.views._activity_queryset``: its teams
    and photos as lists)."""

    unit = UnitBriefSerializer(read_only=True)
    teams = NamedSerializer(many=True, read_only=True, source="teams_loaded")
    photos = ActivityPhotoSerializer(many=True, read_only=True, source="photos_loaded")
    length_hours = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True,
                                            label=_("length (hours)"))
    # The codes, as the column holds them (no join): ``service_day``, ``xueleifeng-2027``.
    category = serializers.CharField(source="category_id", read_only=True, label=_("category"))
    campaign = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                            label=_("campaign"))

    class Meta:
        model = Activity
        fields = ["id", "unit", "teams", "category", "campaign", "title", "starts_at", "ends_at",
                  "length_hours", "place", "description", "status", "participants", "photos",
                  "created_at", "held_at", "cancelled_at"]


class ActivityInputSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), label=_("unit"))
    teams = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.select_related("unit"), many=True, required=False,
        label=_("organising teams"))
    category = serializers.CharField(max_length=40, label=_("category"),
                                     help_text=_("The category's code, e.g. service_day."))
    campaign = serializers.CharField(max_length=40, required=False, allow_blank=True,
                                     allow_null=True, label=_("campaign"),
                                     help_text=_("The campaign's code; empty: none."))
    title = serializers.CharField(max_length=120, label=_("title"))
    starts_at = serializers.DateTimeField(label=_("starts at"))
    ends_at = serializers.DateTimeField(label=_("ends at"))
    place = serializers.CharField(max_length=120, required=False, allow_blank=True,
                                  label=_("place"))
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True,
                                        label=_("description"))


class ActivityHeldSerializer(serializers.Serializer):
    participants = serializers.IntegerField(min_value=0, max_value=100_000, required=False,
                                            allow_null=True, label=_("participants"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class CheckSerializer(serializers.Serializer):
    token = serializers.CharField(required=False, allow_blank=True, max_length=500,
                                  label=_("QR code"),
                                  help_text=_("The token of the QR link (volunteers)."))
    volunteer = serializers.PrimaryKeyRelatedField(
        queryset=Volunteer.objects.all(), required=False, allow_null=True,
        label=_("volunteer"), help_text=_("The volunteer checked in or out by staff."))
    at = serializers.DateTimeField(
        required=False, allow_null=True, label=_("checked in at (offline)"),
        help_text=_("A check-in queued on the phone while offline: the phone's time of it. "
                    "Accepted when the QR code was valid then, within 7 days; the attendance "
                    "is marked offline."))


class ConfirmOfflineSerializer(serializers.Serializer):
    volunteer = serializers.PrimaryKeyRelatedField(queryset=Volunteer.objects.all(),
                                                   label=_("volunteer"))


class AddHoursSerializer(serializers.Serializer):
    volunteer = serializers.PrimaryKeyRelatedField(queryset=Volunteer.objects.all(),
                                                   label=_("volunteer"))
    hours = serializers.DecimalField(max_digits=5, decimal_places=2, label=_("hours"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class PhotoUploadSerializer(serializers.Serializer):
    image = serializers.FileField(label=_("photo"))
    caption = serializers.CharField(required=False, allow_blank=True, max_length=120)


class AttendanceSerializer(serializers.ModelSerializer):
    volunteer = NamedSerializer(read_only=True)
    check_in_method = CheckMethodField(read_only=True)
    check_out_method = CheckMethodField(read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "activity", "volunteer", "checked_in_at", "check_in_method",
                  "checked_out_at", "check_out_method", "hours", "hours_source", "note",
                  "offline", "offline_confirmed_at"]


class QrLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()
    png = serializers.URLField()


class ServiceDayRowSerializer(serializers.Serializer):
    village = UnitBriefSerializer()
    held = serializers.ListField(child=serializers.DateTimeField())
    planned = serializers.ListField(child=serializers.DateTimeField())


class ServiceDayGapsSerializer(serializers.Serializer):
    month = serializers.CharField()
    villages_total = serializers.IntegerField()
    held_count = serializers.IntegerField()
    missing = ServiceDayRowSerializer(many=True)


# --- volunteer applications ------------------------------------------------------------------
class ApplicationSerializer(serializers.ModelSerializer):
    village = UnitBriefSerializer(read_only=True)
    teams = NamedSerializer(many=True, read_only=True)
    service_categories = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = VolunteerApplication
        fields = ["id", "status", "name", "phone", "village", "teams", "service_categories",
                  "skills", "free_time", "employer", "political_status", "reason", "volunteer",
                  "created_at", "decided_at"]


class ApplicationCreatedSerializer(ApplicationSerializer):
    status_url = serializers.CharField(
        read_only=True, help_text=_("The applicant's page that shows the decision."))

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "status_url"]


class ApplicationInputSerializer(serializers.Serializer):
    """Everything is checked by the service, with one message for the API and the page."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 label=_("name"))
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40,
                                  label=_("mobile phone"))
    village = serializers.IntegerField(required=False, allow_null=True, label=_("village"))
    teams = serializers.ListField(child=serializers.IntegerField(), required=False,
                                  max_length=50, label=_("teams to join"))
    service_categories = serializers.ListField(child=serializers.CharField(max_length=32),
                                               required=False, max_length=20,
                                               label=_("kinds of service"))
    skills = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                   label=_("skills"))
    free_time = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                      label=_("free time"))
    employer = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                     label=_("employer"))
    political_status = serializers.CharField(required=False, allow_blank=True, max_length=32,
                                             label=_("political status"))


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                   label=_("reason"))
