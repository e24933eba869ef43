"""The institutions API: councils, their members and meetings, the compact's versions, the
villagers' council's proposals and decisions, the anti-drug council's awareness activities and
visits.

Scoped like the pages: staff see their area; villagers and volunteers read their own village's
councils, members, meetings, compacts, proposals and decisions. Writes go through the services
(staff of the village's area)."""

from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from practice.api.filters import IntegerFilter
from practice.api.parsers import BoundedFormParser, BoundedJSONParser
from practice.api.viewsets import ScopedMixin
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role

from .. import services
from ..models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilMeeting,
    CouncilMember,
    Decision,
    Proposal,
)
from . import serializers as s

READERS = SUBTREE_ROLES | {Role.VILLAGER, Role.VOLUNTEER}


class _Base(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            mixins.CreateModelMixin, viewsets.GenericViewSet):
    action_roles = {"list": READERS, "retrieve": READERS, "create": STAFF_ROLES}
    input_serializer = None

    def get_serializer_class(self):
        if self.action == "create" and self.input_serializer is not None:
            return self.input_serializer
        return self.serializer_class

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context={"request": self.request})
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _created(self, obj):
        obj = self.serializer_class.Meta.model.objects.get(pk=obj.pk)
        return Response(self.serializer_class(obj).data, status=status.HTTP_201_CREATED)


def _filter(model, village_lookup, with_council=True):
    """A FilterSet of ``?village=<id>`` (and ``?council=<id>``)."""
    attrs = {"village": IntegerFilter(field_name=village_lookup,
                                      label=gettext_lazy("village"))}
    fields = ["village"]
    if with_council:
        attrs["council"] = IntegerFilter(field_name="council_id", label=gettext_lazy("council"))
        fields.append("council")
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}InstitutionFilter", (filters.FilterSet,), attrs)


class CouncilViewSet(_Base):
    queryset = Council.objects.select_related("village").order_by("village__path", "kind")
    serializer_class = s.InstitutionCouncilSerializer
    input_serializer = s.InstitutionCouncilInputSerializer
    filterset_class = _filter(Council, "village_id", with_council=False)

    @extend_schema(request=s.InstitutionCouncilInputSerializer,
                   responses={201: s.InstitutionCouncilSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionCouncilInputSerializer)
        council = services.council_set_up(actor=request.user, **data)
        return self._created(council)


class CouncilMemberViewSet(_Base):
    queryset = CouncilMember.objects.select_related("user").order_by("council", "seat", "pk")
    serializer_class = s.InstitutionMemberSerializer
    input_serializer = s.InstitutionMemberInputSerializer
    filterset_class = _filter(CouncilMember, "council__village_id")
    action_roles = {**_Base.action_roles, "end_term": STAFF_ROLES}

    @extend_schema(request=s.InstitutionMemberInputSerializer,
                   responses={201: s.InstitutionMemberSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionMemberInputSerializer)
        person = services.seat_candidates(data["council"]).filter(pk=data["user"]).first()
        member = services.member_seat(data["council"], actor=request.user, user=person,
                                      seat=data["seat"], term_starts=data["term_starts"],
                                      term_ends=data.get("term_ends"))
        return self._created(member)

    @extend_schema(request=s.InstitutionTermEndSerializer,
                   responses={200: s.InstitutionMemberSerializer})
    @action(detail=True, methods=["post"], url_path="end-term", url_name="end-term")
    def end_term(self, request, pk=None):
        member = self.get_object()
        data = self._input(s.InstitutionTermEndSerializer)
        member = services.member_end_term(member, actor=request.user,
                                          term_ends=data["term_ends"])
        return Response(s.InstitutionMemberSerializer(
            CouncilMember.objects.select_related("user").get(pk=member.pk)).data)


class CouncilMeetingViewSet(_Base):
    queryset = CouncilMeeting.objects.order_by("-held_on", "-pk")
    serializer_class = s.InstitutionMeetingSerializer
    input_serializer = s.InstitutionMeetingInputSerializer
    filterset_class = _filter(CouncilMeeting, "council__village_id")

    @extend_schema(request=s.InstitutionMeetingInputSerializer,
                   responses={201: s.InstitutionMeetingSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionMeetingInputSerializer)
        council = data.pop("council")
        return self._created(services.meeting_record(council, actor=request.user, **data))


class CompactVersionViewSet(_Base):
    queryset = CompactVersion.objects.select_related("village").order_by(
        "village__path", "-adopted_on", "-number")
    serializer_class = s.InstitutionCompactSerializer
    input_serializer = s.InstitutionCompactInputSerializer
    filterset_class = _filter(CompactVersion, "village_id", with_council=False)
    parser_classes = [BoundedJSONParser, MultiPartParser, BoundedFormParser]

    @extend_schema(request={"multipart/form-data": s.InstitutionCompactInputSerializer},
                   responses={201: s.InstitutionCompactSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionCompactInputSerializer)
        version = services.compact_adopt(actor=request.user, village=data["village"],
                                         text=data["text"], adopted_on=data["adopted_on"],
                                         minutes=data["minutes"],
                                         minutes_file=data.get("minutes_file"))
        return self._created(version)


class ProposalViewSet(_Base):
    queryset = Proposal.objects.select_related("decision").order_by("-raised_on", "-pk")
    serializer_class = s.InstitutionProposalSerializer
    input_serializer = s.InstitutionProposalInputSerializer
    filterset_class = _filter(Proposal, "council__village_id")
    action_roles = {**_Base.action_roles, "decide": STAFF_ROLES}

    @extend_schema(request=s.InstitutionProposalInputSerializer,
                   responses={201: s.InstitutionProposalSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionProposalInputSerializer)
        council = data.pop("council")
        return self._created(services.proposal_raise(council, actor=request.user, **data))

    @extend_schema(request=s.InstitutionDecideSerializer,
                   responses={201: s.InstitutionDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        proposal = self.get_object()
        data = self._input(s.InstitutionDecideSerializer)
        decision = services.decision_record(proposal, actor=request.user, **data)
        decision = Decision.objects.select_related("proposal__council").get(pk=decision.pk)
        return Response(s.InstitutionDecisionSerializer(decision).data,
                        status=status.HTTP_201_CREATED)


class DecisionViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Decision.objects.select_related("proposal__council").order_by(
        "-decided_on", "-pk")
    serializer_class = s.InstitutionDecisionSerializer
    filterset_class = _filter(Decision, "proposal__council__village_id", with_council=False)
    action_roles = {"list": READERS, "retrieve": READERS}


class AntiDrugActivityViewSet(_Base):
    """Awareness activities of the anti-drug council: practice activities of the village (the
    activities' own rules: planned, then held with attendance, in /api/activities/)."""

    queryset = AntiDrugActivity.objects.select_related("activity").order_by("-pk")
    serializer_class = s.InstitutionAwarenessSerializer
    input_serializer = s.InstitutionAwarenessInputSerializer
    filterset_class = _filter(AntiDrugActivity, "council__village_id")

    @extend_schema(request=s.InstitutionAwarenessInputSerializer,
                   responses={201: s.InstitutionAwarenessSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionAwarenessInputSerializer)
        council = data.pop("council")
        return self._created(services.antidrug_activity_record(council, actor=request.user,
                                                                **data))


class AntiDrugVisitViewSet(_Base):
    """Home visits: counts and topics, for the staff of the area (no villager reads them)."""

    queryset = AntiDrugVisit.objects.order_by("-visited_on", "-pk")
    serializer_class = s.InstitutionVisitSerializer
    input_serializer = s.InstitutionVisitInputSerializer
    filterset_class = _filter(AntiDrugVisit, "council__village_id")
    action_roles = {"list": SUBTREE_ROLES, "retrieve": SUBTREE_ROLES, "create": STAFF_ROLES}

    @extend_schema(request=s.InstitutionVisitInputSerializer,
                   responses={201: s.InstitutionVisitSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(s.InstitutionVisitInputSerializer)
        council = data.pop("council")
        return self._created(services.antidrug_visit_record(council, actor=request.user,
                                                             **data))


