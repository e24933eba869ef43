"""The shapes of the dispatch API's requests and answers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from practice.models import Unit, User

from .. import selectors, services
from ..models import Decision, Meeting, Submission


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    measure = serializers.CharField(allow_blank=True)
    value = serializers.FloatField(allow_null=True)


class SubmissionSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    figures = serializers.SerializerMethodField()
    standing = serializers.SerializerMethodField()
    submitted_by = serializers.StringRelatedField()
    signed_off_by = serializers.StringRelatedField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["id", "unit", "year", "month", "status", "standing", "deadline", "figures",
                  "work_done", "problems", "help_requested", "next_plan", "submitted_at",
                  "submitted_by", "signed_off_at", "signed_off_by", "on_time", "return_reason",
                  "actions"]
        read_only_fields = fields

    def get_standing(self, obj) -> str:
        return selectors.standing(obj)

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, obj):
        """Only the figures the caller may be shown (some are withheld from reviewers)."""
        request = self.context.get("request")
        shown = selectors.figures_shown(obj, request.user if request else None)
        return FigureSerializer(shown, many=True).data

    def get_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return services.submission_actions(request.user, obj) if request else []


class SubmissionDetailSerializer(SubmissionSerializer):
    villages = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "villages"]
        read_only_fields = fields

    def get_villages(self, obj) -> list[dict]:
        return [{"id": s.pk, "unit": s.unit.name, "status": s.status,
                 "standing": selectors.standing(s)}
                for s in selectors.village_submissions(obj)]


class SubmissionTextSerializer(serializers.Serializer):
    work_done = serializers.CharField(label=_("work done"), required=False, allow_blank=True,
                                      max_length=services.TEXT_MAX)
    problems = serializers.CharField(label=_("problems met"), required=False, allow_blank=True,
                                     max_length=services.TEXT_MAX)
    help_requested = serializers.CharField(label=_("help asked of the banner"), required=False,
                                           allow_blank=True, max_length=services.TEXT_MAX)
    next_plan = serializers.CharField(label=_("next month's plan"), required=False,
                                      allow_blank=True, max_length=services.TEXT_MAX)

    def validate(self, attrs):
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name: [_("This field cannot be changed.")] for name in sorted(unknown)})
        return attrs


class SubmissionReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("reason for return"), max_length=services.REASON_MAX)


class DecisionSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False,
                                              allow_null=True, label=_("unit concerned"))
    unit_name = serializers.SerializerMethodField()
    order = serializers.IntegerField(required=False, min_value=1, max_value=1000)

    class Meta:
        model = Decision
        fields = ["id", "text", "unit", "unit_name", "order"]

    def get_unit_name(self, obj) -> str | None:
        return obj.unit.name if obj.unit_id else None


class MeetingSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), label=_("unit"))
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("year"))
    month = serializers.IntegerField(min_value=1, max_value=12, label=_("month"))
    chair = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True),
                                               required=False, allow_null=True,
                                               label=_("chair"))
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False,
        label=_("attendees"))
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "unit", "unit_name", "year", "month", "date", "chair", "attendees",
                  "other_attendees", "notes", "decisions"]
        validators = []  # the service says, in Chinese, that the month already has a meeting
