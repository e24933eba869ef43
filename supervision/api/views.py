"""The supervised-tasks API (``/api/supervised-tasks/``): scoped reads, writes through the
services."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from practice.api.filters import ChoicesFilter, IntegerFilter
from practice.api.parsers import BoundedFormParser, BoundedJSONParser
from practice.api.viewsets import ScopedMixin
from practice.exceptions import InvalidInput
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role

from .. import selectors, services
from ..models import ProgressReport, SupervisedTask, TaskState
from .serializers import (
    ProgressInputSerializer,
    ProgressSerializer,
    TaskDetailSerializer,
    TaskInputSerializer,
    TaskNoteSerializer,
    TaskReasonSerializer,
    TaskSerializer,
)

ACTORS = STAFF_ROLES | {Role.LEADER}


class TaskFilter(filters.FilterSet):
    state = ChoicesFilter(choices=TaskState.choices, label=gettext_lazy("state"))
    unit = IntegerFilter(method="filter_unit", label=gettext_lazy("unit"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=gettext_lazy("overdue"))

    class Meta:
        model = SupervisedTask
        fields = ["state", "unit", "overdue"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit_id=value)

    def filter_overdue(self, queryset, name, value):
        q = selectors.overdue_q()
        return queryset.filter(q) if value else queryset.exclude(q)


class SupervisedTaskViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = SupervisedTask.objects.select_related("unit", "head", "origin_type").order_by(
        "deadline", "pk")
    serializer_class = TaskSerializer
    filterset_class = TaskFilter
    action_roles = {
        "list": SUBTREE_ROLES, "retrieve": SUBTREE_ROLES, "create": ACTORS,
        "progress": ACTORS, "request_close": ACTORS, "accept": STAFF_ROLES,
        "return_": STAFF_ROLES,
    }

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("progress_reports", queryset=ProgressReport.objects.select_related(
                    "author").prefetch_related("photos")), "events")
        return qs

    def get_serializer_class(self):
        if self.action == "create":
            return TaskInputSerializer
        if self.action == "retrieve":
            return TaskDetailSerializer
        return TaskSerializer

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _out(self, task, code=status.HTTP_200_OK):
        task = self.get_queryset().model.objects.select_related("unit", "head").get(pk=task.pk)
        return Response(TaskSerializer(task).data, status=code)

    @extend_schema(request=TaskInputSerializer, responses={201: TaskSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(TaskInputSerializer)
        activity = None
        if data.get("activity"):
            activity = services.activity_for(request.user, data["activity"])
            if activity is None:
                raise InvalidInput(_("Choose an activity of your area."), field="activity")
        task = services.task_create(
            actor=request.user, title=data["title"], unit=data["unit"],
            deadline=data["deadline"], head=data.get("head"),
            description=data.get("description", ""),
            evidence_kind=data["evidence_kind"], evidence_text=data.get("evidence_text", ""),
            activity=activity, indicator_code=data.get("indicator_code", ""))
        return self._out(task, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": ProgressInputSerializer},
                   responses={201: ProgressSerializer})
    @action(detail=True, methods=["post"],
            parser_classes=[BoundedJSONParser, MultiPartParser, BoundedFormParser])
    def progress(self, request, pk=None):
        task = self.get_object()
        note = request.data.get("note")
        photos = request.FILES.getlist("photos") if hasattr(request, "FILES") else []
        data = ProgressInputSerializer(data={"note": note or ""})
        data.is_valid(raise_exception=True)
        report = services.task_progress(task, actor=request.user,
                                        note=data.validated_data["note"], photos=photos)
        return Response(ProgressSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TaskNoteSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"], url_path="request-close", url_name="request-close")
    def request_close(self, request, pk=None):
        task = self.get_object()
        data = self._input(TaskNoteSerializer)
        return self._out(services.task_request_close(task, actor=request.user,
                                                     note=data.get("note", "")))

    @extend_schema(request=TaskNoteSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        task = self.get_object()
        data = self._input(TaskNoteSerializer)
        return self._out(services.task_accept(task, actor=request.user,
                                              note=data.get("note", "")))

    @extend_schema(request=TaskReasonSerializer, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        task = self.get_object()
        data = self._input(TaskReasonSerializer)
        return self._out(services.task_return(task, actor=request.user,
                                              reason=data["reason"]))
