"""API of the reports: monthly reports (build, list, workbook), runs, assessments, dashboard."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.api.filters import IntegerFilter
from practice.api.parsers import BoundedFormParser
from practice.api.permissions import ActionRolePermission
from practice.api.viewsets import ScopedReadOnlyViewSet
from practice.exceptions import InvalidInput, NotFound
from practice.models import Level, Unit
from practice.numbers import parse_int
from practice.roles import STAFF_ROLES
from reports import selectors, services, xlsx
from reports.models import AssessmentGroup, ManualItem, ManualScore, MonthlyReport, ReportRun
from reports.views import DASHBOARD_ROLES
from reports.views import REPORT_ROLES as REPORT_READERS

from .serializers import (
    BuildRequestSerializer,
    ManualScoreInputSerializer,
    ManualScoreSerializer,
    MonthlyReportSerializer,
    ReportRunSerializer,
)


class MonthlyReportFilter(filters.FilterSet):
    year = IntegerFilter()
    month = IntegerFilter()
    unit = filters.ModelChoiceFilter(queryset=Unit.objects.all())

    class Meta:
        model = MonthlyReport
        fields = ["year", "month", "unit"]


class MonthlyReportViewSet(ScopedReadOnlyViewSet):
    """Stored monthly dispatch reports; POST queues a build of a month."""

    queryset = MonthlyReport.objects.select_related("unit", "unit__head").order_by(
        "-year", "-month", "unit__path")
    serializer_class = MonthlyReportSerializer
    filterset_class = MonthlyReportFilter
    action_roles = {"*": REPORT_READERS, "create": STAFF_ROLES}

    def get_queryset(self):
        # Only the figures the caller may be shown (some are withheld from reviewers).
        return super().get_queryset().prefetch_related(
            Prefetch("values", queryset=selectors.values_shown(self.request.user)))

    @extend_schema(
        request=BuildRequestSerializer,
        responses={202: inline_serializer("BuildQueued", {"task_id": serializers.CharField(),
                                                           "run": ReportRunSerializer()})},
    )
    def create(self, request):
        data = BuildRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.report_run_start(actor=request.user, **data.validated_data)
        return Response({"task_id": run.task_id, "run": ReportRunSerializer(run).data},
                        status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, xlsx.CONTENT_TYPE): bytes})
    @action(detail=True, methods=["get"], url_path="xlsx")
    def xlsx(self, request, pk=None):
        report = self.get_object()
        family = selectors.report_family(report, request.user)
        content = xlsx.workbook_bytes(family, previous=selectors.previous_values(family))
        response = HttpResponse(content, content_type=xlsx.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(report)}"'
        return response


class ReportRunViewSet(ScopedReadOnlyViewSet):
    """Builds of the monthly reports: queued, running, done or failed."""

    queryset = ReportRun.objects.select_related("started_by").order_by("-created_at", "-id")
    serializer_class = ReportRunSerializer
    action_roles = {"*": REPORT_READERS}


def _year(request, default=None):
    raw = request.query_params.get("year")
    if raw in (None, ""):
        return default if default is not None else services.local_today().year
    year = parse_int(raw)
    if year is None:
        raise InvalidInput(_("Give the year as a number."), field="year")
    if not 2000 <= year <= services.local_today().year:
        raise InvalidInput(_("There are no figures for this year."), field="year")
    return year


def _group(request):
    raw = request.query_params.get("group")
    if raw in (None, ""):
        return AssessmentGroup.TOWNSHIPS
    if raw not in AssessmentGroup.values:
        raise InvalidInput(_("Choose the group: townships or departments."), field="group")
    return AssessmentGroup(raw)


class AssessmentView(APIView):
    """A group's annual assessment (``group=townships``, the default, or ``departments``):
    score, rank, head and the breakdown of every item; the rows are under the group's name."""

    permission_classes = [IsAuthenticated, ActionRolePermission]
    action_roles = {"get": REPORT_READERS}

    @extend_schema(parameters=[OpenApiParameter("year", int),
                               OpenApiParameter("group", str, enum=AssessmentGroup.values)],
                   responses={200: inline_serializer("AssessmentResults", {
                       "year": serializers.IntegerField(),
                       "group": serializers.CharField(),
                       "finalised": serializers.BooleanField(),
                       "townships": serializers.ListField(child=serializers.DictField(),
                                                          required=False),
                       "departments": serializers.ListField(child=serializers.DictField(),
                                                            required=False)})})
    def get(self, request):
        year = _year(request)
        assessment = selectors.assessment_for(year, _group(request))
        if assessment is None:
            raise NotFound(_("No assessment is configured for this year."))
        return Response(selectors.assessment_for_user(assessment, request.user))


def dashboard_unit(request, raw=None):
    """The unit a dashboard shows: the one asked for when in scope (else 404), or the user's."""
    user = request.user
    if raw in (None, ""):
        unit = user.unit
        if unit is None:
            unit = Unit.objects.filter(level=Level.BANNER).first()
    else:
        try:
            unit = Unit.objects.for_user(user).select_related("head").get(pk=int(raw))
        except (ValueError, Unit.DoesNotExist):
            raise NotFound() from None
    if unit is None or unit.level == Level.BASE or not Unit.objects.for_user(user).filter(
        pk=unit.pk
    ).exists():
        raise NotFound()
    return unit


class DashboardSummaryView(APIView):
    """The leaders' dashboard: year totals against last year, monthly trend, the units below
    ranked (drill down with ``unit=<township>`` to its villages)."""

    permission_classes = [IsAuthenticated, ActionRolePermission]
    action_roles = {"get": DASHBOARD_ROLES}

    @extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("unit", int)],
                   responses={200: inline_serializer("DashboardSummary", {
                       "year": serializers.IntegerField(),
                       "totals": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        year = _year(request)
        unit = dashboard_unit(request, request.query_params.get("unit"))
        return Response(selectors.dashboard_summary(unit, year=year, user=request.user))


class ManualScoreFilter(filters.FilterSet):
    assessment = IntegerFilter(field_name="item__assessment")
    unit = IntegerFilter(field_name="unit")

    class Meta:
        model = ManualScore
        fields = ["assessment", "unit"]


class ManualScoreViewSet(ScopedReadOnlyViewSet):
    """Manual scores of the assessments (scoped by the scored unit); POST scores a unit on a
    manual item: a note is required, evidence files (``evidence``, multipart) are optional,
    who scored and when are kept."""

    queryset = ManualScore.objects.select_related("item", "unit", "scored_by").prefetch_related(
        "evidence__uploaded_by").order_by("item__assessment__year", "item__order", "unit__path")
    serializer_class = ManualScoreSerializer
    filterset_class = ManualScoreFilter
    parser_classes = [JSONParser, MultiPartParser, BoundedFormParser]
    action_roles = {"*": REPORT_READERS, "create": STAFF_ROLES}

    @extend_schema(request={"multipart/form-data": ManualScoreInputSerializer,
                            "application/json": ManualScoreInputSerializer},
                   responses={201: ManualScoreSerializer})
    def create(self, request):
        data = ManualScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # An item is the banner's configuration, not a unit's data: the service decides who
        # may score (403) and which units (400).
        item = ManualItem.objects.select_related("assessment").filter(pk=values["item"]).first()
        if item is None:
            raise InvalidInput(_("There is no such item."), field="item")
        unit = Unit.objects.filter(pk=values["unit"]).first()
        if unit is None:
            raise InvalidInput(_("There is no such unit."), field="unit")
        score = services.manual_score_set(
            item, unit, score=values["score"], note=values.get("note", ""),
            evidence=values.get("evidence") or (), actor=request.user)
        score = self.get_queryset().get(pk=score.pk)
        return Response(ManualScoreSerializer(score).data, status=status.HTTP_201_CREATED)


class HeadRecordView(APIView):
    """The per-head record (一把手 考评档案) of a township or banner department: every year's
    head, score, rank within the group, tasks closed on time and overdue, submissions on time.
    The banner's administrators and leaders see every record, a head their own."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: inline_serializer("HeadRecord", {
        "unit": serializers.DictField(),
        "group": serializers.CharField(),
        "years": serializers.ListField(child=serializers.DictField())})})
    def get(self, request, unit_id):
        return Response(selectors.head_record_for(request.user, unit_id))
