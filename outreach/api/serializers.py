from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from practice.models import Unit
from volunteers.models import ServiceItem

from ..models import PlaceKind, Round, Stop, StopPhoto, StopService


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class IdListField(serializers.JSONField):
    """A list of ids, checked by the service (each one named in its message): a bad element
    answers 400 on the field, never an error keyed by position."""

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if not isinstance(data, list) or len(data) > 100:
            raise serializers.ValidationError(_("Give a list of at most 100 ids."))
        return data


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "09:00"})
class HourMinuteField(serializers.TimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-05"})
class MonthField(serializers.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m")
        super().__init__(**kwargs)


class OutreachItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceItem
        fields = ["id", "name", "name_mn", "category"]


class OutreachPostSerializer(serializers.ModelSerializer):
    township = UnitBriefSerializer(source="parent", read_only=True)
    team = serializers.SerializerMethodField(label=_("team"))
    vehicle = serializers.SerializerMethodField(label=_("vehicle or kit"))
    phone = serializers.SerializerMethodField(label=_("contact phone"))

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "name_mn", "township", "team", "vehicle", "phone"]

    def _profile(self, obj):
        return getattr(obj, "mobile_post", None)  # None: the post has no profile yet

    def get_team(self, obj) -> dict | None:
        profile = self._profile(obj)
        if profile is None or profile.team is None:
            return None
        return {"id": profile.team.pk, "name": profile.team.name}

    def get_vehicle(self, obj) -> str:
        profile = self._profile(obj)
        return profile.vehicle if profile else ""

    def get_phone(self, obj) -> str:
        profile = self._profile(obj)
        return profile.phone if profile else ""


class OutreachPostDetailSerializer(OutreachPostSerializer):
    menu = serializers.SerializerMethodField(label=_("menu"))

    class Meta(OutreachPostSerializer.Meta):
        fields = [*OutreachPostSerializer.Meta.fields, "menu"]

    def get_menu(self, obj) -> list[dict]:
        from ..selectors import menu_of

        return OutreachItemSerializer(menu_of(obj), many=True).data


class OutreachProfileInputSerializer(serializers.Serializer):
    team = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                    max_value=2**63 - 1, label=_("team"))
    vehicle = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                    label=_("vehicle or kit"))
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                  label=_("contact phone"))


class OutreachGivenSerializer(serializers.ModelSerializer):
    service_item = OutreachItemSerializer(read_only=True)

    class Meta:
        model = StopService
        fields = ["service_item", "count"]


class OutreachPhotoSerializer(serializers.ModelSerializer):
    class Meta:
        model = StopPhoto
        fields = ["id", "image", "uploaded_at"]


class OutreachStopSerializer(serializers.ModelSerializer):
    village = UnitBriefSerializer(read_only=True)
    post = UnitBriefSerializer(read_only=True)
    services = OutreachItemSerializer(many=True, read_only=True)
    starts_at = HourMinuteField(read_only=True)
    ends_at = HourMinuteField(read_only=True)

    class Meta:
        model = Stop
        fields = ["id", "round", "post", "date", "starts_at", "ends_at", "place_kind", "village",
                  "group", "place", "services", "status", "cancel_reason", "people_served",
                  "recorded_at"]


class OutreachStopDetailSerializer(OutreachStopSerializer):
    given = OutreachGivenSerializer(many=True, read_only=True)
    photos = OutreachPhotoSerializer(many=True, read_only=True)
    activities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(OutreachStopSerializer.Meta):
        fields = [*OutreachStopSerializer.Meta.fields, "given", "photos", "activities"]


class OutreachRoundSerializer(serializers.ModelSerializer):
    post = UnitBriefSerializer(read_only=True)
    month = MonthField(read_only=True)
    stop_count = serializers.IntegerField(read_only=True, label=_("stops"))
    done_count = serializers.IntegerField(read_only=True, label=_("stops done"))

    class Meta:
        model = Round
        fields = ["id", "post", "month", "note", "stop_count", "done_count", "created_at"]


class OutreachRoundDetailSerializer(OutreachRoundSerializer):
    stops = serializers.SerializerMethodField(label=_("stops"))

    class Meta(OutreachRoundSerializer.Meta):
        fields = [*OutreachRoundSerializer.Meta.fields, "stops"]

    def get_stops(self, obj) -> list[dict]:
        from ..selectors import stops_of

        return OutreachStopSerializer(stops_of(obj), many=True).data


class OutreachStopInputSerializer(serializers.Serializer):
    date = serializers.DateField(label=_("date"))
    starts_at = serializers.TimeField(label=_("starts at"))
    ends_at = serializers.TimeField(label=_("ends at"))
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices, required=False,
                                         label=_("kind of place"))
    village = serializers.IntegerField(min_value=1, max_value=2**63 - 1, label=_("village"))
    group = serializers.CharField(required=False, allow_blank=True, max_length=50,
                                  label=_("group"))
    place = serializers.CharField(max_length=120, label=_("place"))
    services = IdListField(required=False, label=_("services"))


class OutreachRoundInputSerializer(serializers.Serializer):
    post = serializers.IntegerField(min_value=1, max_value=2**63 - 1, label=_("mobile post"))
    year = serializers.IntegerField(min_value=2000, max_value=9999, label=_("year"))
    month = serializers.IntegerField(min_value=1, max_value=12, label=_("month"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                 label=_("note"))
    stops = OutreachStopInputSerializer(many=True, required=False, label=_("stops"))


class OutreachGivenInputSerializer(serializers.Serializer):
    service_item = serializers.IntegerField(min_value=1, max_value=2**63 - 1,
                                            label=_("service item"))
    count = serializers.IntegerField(min_value=0, max_value=100_000, label=_("count"))


class OutreachRecordInputSerializer(serializers.Serializer):
    people_served = serializers.IntegerField(min_value=0, max_value=100_000,
                                             label=_("people served"))
    given = OutreachGivenInputSerializer(many=True, required=False, label=_("services given"))
    activities = IdListField(required=False, label=_("activities"))
    activity_title = serializers.CharField(required=False, allow_blank=True, max_length=120,
                                           label=_("activity held"))
    activity_unit = serializers.ChoiceField(
        choices=[("post", _("The mobile post")), ("village", _("The village"))],
        required=False, label=_("activity held by"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000,
                                 label=_("note"))


class OutreachCancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, label=_("reason"))


class OutreachPhotoInputSerializer(serializers.Serializer):
    image = serializers.FileField(label=_("photo"))


class OutreachCopiedSerializer(serializers.Serializer):
    copied = serializers.IntegerField()


class OutreachVisitSerializer(serializers.ModelSerializer):
    """A stop as the villager's next visit shows it."""

    post = serializers.CharField(source="post.name", read_only=True)
    village = serializers.CharField(source="village.name", read_only=True)
    place_kind_label = serializers.CharField(source="get_place_kind_display", read_only=True)
    phone = serializers.SerializerMethodField()
    services = OutreachItemSerializer(many=True, read_only=True)
    starts_at = HourMinuteField(read_only=True)
    ends_at = HourMinuteField(read_only=True)

    class Meta:
        model = Stop
        fields = ["id", "post", "date", "starts_at", "ends_at", "place_kind",
                  "place_kind_label", "village", "group", "place", "services", "phone"]

    def get_phone(self, obj) -> str:
        profile = getattr(obj.post, "mobile_post", None)
        return profile.phone if profile else ""
