"""The shapes of the API's requests and answers."""


from django.utils.translation import gettext as _
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from reports import selectors
from reports.models import MonthlyReport, ReportRun, ReportValue


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
