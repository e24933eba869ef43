"""The shapes of the API's requests and answers."""


from django.utils.translation import gettext as _
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from reports import selectors
from reports.models import (
    ManualScore,
    ManualScoreEvidence,
    MonthlyReport,
    ReportRun,
    ReportValue,
)


class ReportValueSerializer(serializers.ModelSerializer):
    value = serializers.SerializerMethodField()

    class Meta:
        model = ReportValue
        fields = ["code", "label", "measure", "value"]

    def get_value(self, obj) -> float | None:
        return selectors._num(obj.value)


class MonthlyReportSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    values = ReportValueSerializer(many=True, read_only=True)

    class Meta:
        model = MonthlyReport
        fields = ["id", "unit", "year", "month", "generated_at", "values"]


class BuildRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    month = serializers.IntegerField(label=_("month"), min_value=1, max_value=12)


class ReportRunSerializer(serializers.ModelSerializer):
    started_by = serializers.StringRelatedField()

    class Meta:
        model = ReportRun
        fields = ["id", "year", "month", "state", "progress", "error", "task_id", "started_by",
                  "created_at", "started_at", "finished_at"]


class ManualScoreEvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    uploaded_by = serializers.StringRelatedField()

    class Meta:
        model = ManualScoreEvidence
        fields = ["id", "name", "url", "uploaded_by", "uploaded_at"]

    def get_url(self, obj) -> str:
        return obj.file.url if obj.file else ""


class ManualScoreSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    assessment = serializers.IntegerField(source="item.assessment_id", read_only=True)
    scored_by = serializers.StringRelatedField()
    score = serializers.SerializerMethodField()
    evidence = ManualScoreEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ManualScore
        fields = ["id", "assessment", "item", "item_name", "unit", "score", "note", "scored_by",
                  "scored_at", "evidence"]

    def get_score(self, obj) -> float:
        return float(obj.score)


class ManualScoreInputSerializer(serializers.Serializer):
    item = serializers.IntegerField(label=_("item"))
    unit = serializers.IntegerField(label=_("assessed unit"))
    score = serializers.DecimalField(label=_("score"), max_digits=6, decimal_places=2)
    note = serializers.CharField(label=_("note"), required=False, allow_blank=True,
                                 max_length=300)
    evidence = serializers.ListField(label=_("evidence"), child=serializers.FileField(),
                                     required=False, max_length=10)
