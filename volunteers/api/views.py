"""The order API at the paths other systems integrate with (thin: services do the work)."""

from datetime import timedelta

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from practice.api.pagination import NewestFirstCursorPagination
from practice.api.parsers import BoundedFormParser
from practice.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from practice.clients import client_address
from practice.exceptions import InvalidInput
from practice.expressions import related_count
from practice.roles import STAFF_ROLES, Role, has_role
from practice.throttling import PublicRateThrottle

from .. import activity_services, selectors, services
from ..filters import (
    ActivityFilter,
    ApplicationFilter,
    OrderFilter,
    ServiceItemFilter,
    TeamFilter,
)
from ..models import (
    Activity,
    ActivityPhoto,
    Attendance,
    Membership,
    Order,
    ServiceItem,
    Team,
    VolunteerApplication,
)
from .serializers import (
    ActivityHeldSerializer,
    ActivityInputSerializer,
    ActivityPhotoSerializer,
    ActivitySerializer,
    AddHoursSerializer,
    ApplicationCreatedSerializer,
    ApplicationInputSerializer,
    ApplicationSerializer,
    AttendanceSerializer,
    CheckSerializer,
    ClaimSerializer,
    CompleteSerializer,
    ConfirmOfflineSerializer,
    DeclineSerializer,
    DispatchSerializer,
    NoteSerializer,
    OrderCreateSerializer,
    OrderDetailSerializer,
    OrderSerializer,
    PhotoUploadSerializer,
    QrLinkSerializer,
    ReasonSerializer,
    ReturnSerializer,
    ReviewSerializer,
    ScoreSerializer,
    ServiceDayGapsSerializer,
    ServiceItemSerializer,
    TeamSerializer,
)

HOUSEHOLD_ROLES = {Role.VILLAGER, Role.VOLUNTEER}


class TeamViewSet(ScopedReadOnlyViewSet):
    queryset = (Team.objects.select_related("unit")
                .annotate(member_count=related_count(Membership, "team"))
                .order_by("unit__path", "name"))
    serializer_class = TeamSerializer
    filterset_class = TeamFilter


class ServiceItemViewSet(ScopedReadOnlyViewSet):
    queryset = ServiceItem.objects.select_related("unit", "campaign").order_by("category", "name",
                                                                                 "pk")
    serializer_class = ServiceItemSerializer
    filterset_class = ServiceItemFilter


class OrderPagination(NewestFirstCursorPagination):
    ordering = "-id"


class OrderViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer
    filterset_class = OrderFilter
    pagination_class = OrderPagination
    action_roles = {
        "list": set(Role.values),
        "retrieve": set(Role.values),
        "create": HOUSEHOLD_ROLES | STAFF_ROLES,
        "dispatch_order": STAFF_ROLES,
        "escalate": STAFF_ROLES,
        "return_": STAFF_ROLES | {Role.VOLUNTEER},
        "accept": {Role.VOLUNTEER},
        "claim": {Role.VOLUNTEER},
        "complete": {Role.VOLUNTEER},
        "rate": HOUSEHOLD_ROLES,
        "cancel": HOUSEHOLD_ROLES,
        "review": {Role.REVIEWER},
    }

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            return qs.prefetch_related(*selectors.ORDER_RELATED)
        if self.action == "retrieve":
            return selectors.with_events(qs).select_related("household")
        # An action loads the order alone: the service locks and changes it, and the answer
        # reads it again with its relations.
        return qs

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            # After the filters: a person's few orders of the status asked for, by their keys.
            queryset = selectors.orders_listed(queryset, self.request.user)
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OrderDetailSerializer
        return OrderSerializer

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=OrderCreateSerializer, responses={201: OrderSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(OrderCreateSerializer)
        order = services.order_place(actor=request.user, **data)
        order = selectors.order_for_answer(order.pk)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)

    def _act(self, func, serializer_class=None, **extra):
        order = self.get_object()
        data = self._input(serializer_class) if serializer_class else {}
        func(order, actor=self.request.user, **data, **extra)
        order = selectors.order_for_answer(order.pk)
        return Response(OrderSerializer(order).data)

    @extend_schema(request=DispatchSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"], url_path="dispatch", url_name="dispatch")
    def dispatch_order(self, request, pk=None):
        return self._act(services.order_dispatch, DispatchSerializer)

    @extend_schema(request=None, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(services.order_accept)

    @extend_schema(request=CompleteSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(services.order_complete, CompleteSerializer)

    @extend_schema(request=ScoreSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        return self._act(services.order_rate, ScoreSerializer)

    @extend_schema(request=ReasonSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._act(services.order_cancel, ReasonSerializer)

    @extend_schema(request=ReturnSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._act(services.order_return, ReturnSerializer)

    @extend_schema(request=NoteSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._act(services.order_escalate, NoteSerializer)

    @extend_schema(request=ClaimSerializer, responses={200: OrderSerializer})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        return self._act(services.order_claim, ClaimSerializer)

    @extend_schema(request=ScoreSerializer, responses={201: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        order = self.get_object()
        data = self._input(ScoreSerializer)
        review = services.order_review(order, actor=request.user, **data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


# --- practice activities ---------------------------------------------------------------------
ALL_ROLES = set(Role.values)
ACTIVITY_STAFF = set(STAFF_ROLES)


def _activity_queryset():
    """Activities with their units, and their teams (by their unit's path, then name) and
    photos (oldest first) as the lists ``teams_loaded`` and ``photos_loaded``."""
    teams = Team.objects.order_by("unit__path", "name")
    photos = ActivityPhoto.objects.order_by("uploaded_at", "pk")
    return (Activity.objects.select_related("unit", "campaign")
            .prefetch_related(Prefetch("teams", queryset=teams, to_attr="teams_loaded"),
                              Prefetch("photos", queryset=photos, to_attr="photos_loaded"))
            .order_by("-starts_at", "-pk"))


class ActivityViewSet(ScopedMixin, viewsets.ModelViewSet):
    """Practice activities: CRUD for staff within their area, reading for everyone in scope.

    Check-in and check-out: a volunteer sends the ``token`` of the activity's QR link (the
    signed token stands for being there, so it works for volunteers from anywhere); staff send
    the ``volunteer`` id and act only on activities of their area (404 outside it).
    """

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    action_roles = {
        "list": ALL_ROLES, "retrieve": ALL_ROLES,
        "create": ACTIVITY_STAFF, "update": ACTIVITY_STAFF, "partial_update": ACTIVITY_STAFF,
        "destroy": ACTIVITY_STAFF, "held": ACTIVITY_STAFF, "cancel": ACTIVITY_STAFF,
        "qr": ACTIVITY_STAFF, "add_hours": ACTIVITY_STAFF, "photos": ACTIVITY_STAFF,
        "attendance": ACTIVITY_STAFF | {Role.LEADER, Role.REVIEWER},
        "check_in": ACTIVITY_STAFF | {Role.VOLUNTEER},
        "check_out": ACTIVITY_STAFF | {Role.VOLUNTEER},
        "confirm_offline": ACTIVITY_STAFF,
        "service_day_gaps": ACTIVITY_STAFF | {Role.LEADER},
    }

    def get_queryset(self):
        return _activity_queryset().for_user(self.request.user)

    def _input(self, serializer_class, partial=False):
        data = serializer_class(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _out(self, activity, code=status.HTTP_200_OK):
        activity = _activity_queryset().get(pk=activity.pk)
        return Response(ActivitySerializer(activity, context={"request": self.request}).data,
                        status=code)

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivitySerializer})
    def create(self, request, *args, **kwargs):
        activity = activity_services.activity_create(actor=request.user,
                                                     **self._input(ActivityInputSerializer))
        return self._out(activity, status.HTTP_201_CREATED)

    @extend_schema(request=ActivityInputSerializer, responses={200: ActivitySerializer})
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        activity = self.get_object()
        data = self._input(ActivityInputSerializer, partial=partial)
        return self._out(activity_services.activity_update(activity, actor=request.user, **data))

    @extend_schema(responses={204: None, 200: ActivitySerializer},
                   description="Deletes a planned activity without any history (204). One with "
                   "a history (every activity planned here has one) is cancelled instead and "
                   "answered 200 with its new status; a held one answers 409.")
    def destroy(self, request, *args, **kwargs):
        cancelled = activity_services.activity_delete(self.get_object(), actor=request.user)
        if cancelled is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._out(cancelled)

    @extend_schema(request=ActivityHeldSerializer, responses={200: ActivitySerializer})
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        activity = self.get_object()
        activity_services.activity_mark_held(activity, actor=request.user,
                                             **self._input(ActivityHeldSerializer))
        return self._out(activity)

    @extend_schema(request=ReasonSerializer, responses={200: ActivitySerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        activity = self.get_object()
        activity_services.activity_cancel(activity, actor=request.user,
                                          **self._input(ReasonSerializer))
        return self._out(activity)

    @extend_schema(responses={200: QrLinkSerializer})
    @action(detail=True, methods=["get"])
    def qr(self, request, pk=None):
        activity = self.get_object()
        token = activity_services.checkin_token(activity)
        return Response({
            "url": request.build_absolute_uri(reverse("volunteers:checkin", args=[token])),
            "token": token,
            "expires_at": timezone.now() + timedelta(seconds=activity_services.link_max_age()),
            "png": request.build_absolute_uri(reverse("volunteers:activity-qr",
                                                      args=[activity.pk])),
        })

    def _check(self, func, pk, offline=False):
        data = self._input(CheckSerializer)
        user = self.request.user
        token = data.get("token") or None
        extra = {}
        if data.get("at") is not None:
            if not offline:
                raise InvalidInput(_("Only a check-in is sent from an offline queue."),
                                   field="at")
            if token is None:
                raise InvalidInput(_("Only a check-in with the QR code is sent from an "
                                     "offline queue."), field="at")
            extra["offline_at"] = data["at"]
        if token is None and (user.is_superuser or has_role(user, *STAFF_ROLES)):
            activity = self.get_object()  # staff: 404 outside their area
            attendance = func(activity, actor=user, volunteer=data.get("volunteer"))
        else:  # a volunteer: the signed token, not the scope, says they are there
            activity = activity_services.activity_from_token(token, expected_pk=pk, **extra)
            attendance = func(activity, actor=user, token=token, **extra)
        attendance = Attendance.objects.select_related("volunteer").get(pk=attendance.pk)
        return Response(AttendanceSerializer(attendance).data)

    @extend_schema(request=CheckSerializer, responses={200: AttendanceSerializer})
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in")
    def check_in(self, request, pk=None):
        return self._check(activity_services.attendance_check_in, pk, offline=True)

    @extend_schema(request=CheckSerializer, responses={200: AttendanceSerializer})
    @action(detail=True, methods=["post"], url_path="check-out", url_name="check-out")
    def check_out(self, request, pk=None):
        return self._check(activity_services.attendance_check_out, pk)

    @extend_schema(request=ConfirmOfflineSerializer, responses={200: AttendanceSerializer})
    @action(detail=True, methods=["post"], url_path="confirm-offline", url_name="confirm-offline")
    def confirm_offline(self, request, pk=None):
        """Confirm a volunteer's check-in sent from an offline queue (staff of the unit)."""
        activity = self.get_object()
        data = self._input(ConfirmOfflineSerializer)
        attendance = activity_services.attendance_confirm_offline(
            activity, actor=request.user, volunteer=data["volunteer"])
        attendance = Attendance.objects.select_related("volunteer").get(pk=attendance.pk)
        return Response(AttendanceSerializer(attendance).data)

    @extend_schema(request=AddHoursSerializer, responses={200: AttendanceSerializer})
    @action(detail=True, methods=["post"], url_path="add-hours", url_name="add-hours")
    def add_hours(self, request, pk=None):
        activity = self.get_object()
        attendance = activity_services.attendance_add_hours(activity, actor=request.user,
                                                            **self._input(AddHoursSerializer))
        attendance = Attendance.objects.select_related("volunteer").get(pk=attendance.pk)
        return Response(AttendanceSerializer(attendance).data)

    @extend_schema(responses={200: AttendanceSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def attendance(self, request, pk=None):
        activity = self.get_object()
        rows = selectors.attendances_of(activity)
        return Response(AttendanceSerializer(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": PhotoUploadSerializer},
                   responses={201: ActivityPhotoSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, BoundedFormParser])
    def photos(self, request, pk=None):
        activity = self.get_object()
        data = self._input(PhotoUploadSerializer)
        photo = activity_services.activity_add_photo(
            activity, actor=request.user, image=data["image"], caption=data.get("caption", ""))
        return Response(ActivityPhotoSerializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("month", str, description="YYYY-MM")],
                   responses={200: ServiceDayGapsSerializer})
    @action(detail=False, methods=["get"], url_path="service-day-gaps",
            url_name="service-day-gaps", filterset_class=None, pagination_class=None)
    def service_day_gaps(self, request):
        month = selectors.parse_month(request.query_params.get("month"))
        rows = selectors.service_day_calendar(request.user, month)
        missing = [r for r in rows if not r["held"]]
        return Response(ServiceDayGapsSerializer({
            "month": month.strftime("%Y-%m"), "villages_total": len(rows),
            "held_count": len(rows) - len(missing), "missing": missing,
        }).data)


# --- volunteer applications (群众报名) --------------------------------------------------------
class VolunteerApplicationViewSet(ScopedMixin, mixins.ListModelMixin,
                                  mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Anyone applies to volunteer (``POST``, no account needed: counted per address); staff
    list the applications of their area, a team leader those naming their teams, a signed-in
    applicant their own; the village's station or the team leader approves or declines."""

    queryset = VolunteerApplication.objects.all()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    action_roles = {
        "list": ALL_ROLES, "retrieve": ALL_ROLES, "create": ALL_ROLES,
        "approve": STAFF_ROLES | {Role.VOLUNTEER}, "decline": STAFF_ROLES | {Role.VOLUNTEER},
    }

    def get_permissions(self):
        if self.action == "create":
            return [AllowAny()]  # any phone owner applies, with an account or without
        return super().get_permissions()

    def get_throttles(self):
        if self.action == "create":
            # A flood guard per address in the cache; the limit that holds is the service's,
            # counted in the database.
            return [PublicRateThrottle()]
        return super().get_throttles()

    def get_queryset(self):
        return selectors.applications_for(self.request.user).order_by("-created_at", "-pk")

    def _out(self, application, code=status.HTTP_200_OK):
        application = selectors.applications_for_status().get(pk=application.pk)
        return Response(ApplicationSerializer(application).data, status=code)

    @extend_schema(request=ApplicationInputSerializer,
                   responses={201: ApplicationCreatedSerializer})
    def create(self, request, *args, **kwargs):
        data = ApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_submit(
            actor=request.user, client=client_address(request), **data.validated_data)
        application = selectors.applications_for_status().get(pk=application.pk)
        out = ApplicationSerializer(application).data
        out["status_url"] = request.build_absolute_uri(reverse(
            "volunteers:application-status",
            args=[selectors.application_status_token(application)]))
        return Response(out, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._out(services.application_approve(self.get_object(), actor=request.user))

    @extend_schema(request=DeclineSerializer, responses={200: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._out(services.application_decline(
            self.get_object(), actor=request.user, reason=data.validated_data.get("reason", "")))
