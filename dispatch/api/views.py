"""API of the dispatch mechanism: monthly submissions and dispatch meetings."""

from django.http import HttpResponse
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from practice.api.filters import IntegerFilter
from practice.api.viewsets import ScopedMixin, ScopedModelViewSet
from practice.exceptions import Forbidden
from practice.models import Unit
from practice.roles import READER_ROLES, STAFF_ROLES, Role, has_role

from .. import docx, selectors, services
from ..models import Meeting, Submission
from .serializers import (
    DecisionSerializer,
    MeetingSerializer,
    SubmissionDetailSerializer,
    SubmissionReturnSerializer,
    SubmissionSerializer,
    SubmissionTextSerializer,
)

READERS = READER_ROLES | STAFF_ROLES
# Heads are leaders or staff; the service decides whether this person heads this unit.
SIGNERS = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER, Role.BANNER_ADMIN})


class SubmissionFilter(filters.FilterSet):
    year = IntegerFilter()
    month = IntegerFilter()
    unit = filters.ModelChoiceFilter(queryset=Unit.objects.all())

    class Meta:
        model = Submission
        fields = ["year", "month", "unit"]


class SubmissionViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """Monthly submissions (月报) of the caller's area. Staff change a draft's text (PATCH) and
    submit it; the unit's head signs it off or returns it with a reason."""

    queryset = Submission.objects.select_related(
        "unit", "unit__head", "unit__parent", "submitted_by", "signed_off_by"
    ).order_by("-year", "-month", "unit__path")
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    action_roles = {"*": READERS, "partial_update": STAFF_ROLES, "submit": STAFF_ROLES,
                    "sign_off": SIGNERS, "return_": SIGNERS}

    def get_serializer_class(self):
        return SubmissionDetailSerializer if self.action != "list" else SubmissionSerializer

    def _answer(self, submission):
        submission.refresh_from_db()
        return Response(SubmissionDetailSerializer(
            submission, context=self.get_serializer_context()).data)

    @extend_schema(request=SubmissionTextSerializer, responses=SubmissionDetailSerializer)
    def partial_update(self, request, pk=None):
        submission = self.get_object()
        data = SubmissionTextSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_update(submission, actor=request.user, **data.validated_data)
        return self._answer(submission)

    @extend_schema(request=None, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        services.submission_submit(submission, actor=request.user)
        return self._answer(submission)

    @extend_schema(request=None, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off", url_name="sign-off")
    def sign_off(self, request, pk=None):
        submission = self.get_object()
        services.submission_sign_off(submission, actor=request.user)
        return self._answer(submission)

    @extend_schema(request=SubmissionReturnSerializer, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        submission = self.get_object()
        data = SubmissionReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_return(submission, actor=request.user,
                                   reason=data.validated_data["reason"])
        return self._answer(submission)


class MeetingFilter(filters.FilterSet):
    year = IntegerFilter()
    month = IntegerFilter()
    unit = filters.ModelChoiceFilter(queryset=Unit.objects.all())

    class Meta:
        model = Meeting
        fields = ["year", "month", "unit"]


class MeetingViewSet(ScopedModelViewSet):
    """Dispatch meetings (月调度会) of the banner and the townships: staff of the meeting's unit
    and above record them, leaders read them. ``decisions/`` lists and adds decisions,
    ``agenda/`` is the month's agenda, ``minutes.docx`` the minutes as a Word file."""

    queryset = Meeting.objects.select_related("unit", "chair").prefetch_related(
        "attendees", "decisions", "decisions__unit").order_by("-year", "-month", "unit__path")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    action_roles = {"*": READERS, "create": STAFF_ROLES, "update": STAFF_ROLES,
                    "partial_update": STAFF_ROLES, "destroy": STAFF_ROLES}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.check_unit_in_scope(data.get("unit"))
        serializer.instance = services.meeting_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        services.meeting_update(serializer.instance, actor=self.request.user,
                                **serializer.validated_data)

    def perform_destroy(self, instance):
        services.meeting_delete(instance, actor=self.request.user)

    @extend_schema(request=DecisionSerializer, responses=DecisionSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def decisions(self, request, pk=None):
        meeting = self.get_object()
        if request.method == "POST":
            if not (request.user.is_superuser or has_role(request.user, *STAFF_ROLES)):
                raise Forbidden()
            data = DecisionSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            decision = services.decision_add(meeting, actor=request.user,
                                             **data.validated_data)
            return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
        return Response(DecisionSerializer(
            meeting.decisions.select_related("unit").order_by("order", "pk"), many=True).data)

    @extend_schema(responses={(200, docx.CONTENT_TYPE): bytes})
    @action(detail=True, methods=["get"], url_path="minutes.docx", url_name="minutes-docx")
    def minutes_docx(self, request, pk=None):
        meeting = self.get_object()
        response = HttpResponse(docx.minutes_bytes(meeting, selectors.agenda(meeting)),
                                content_type=docx.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{docx.filename(meeting)}"'
        return response

