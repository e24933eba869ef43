"""API of the ten-star rating, the honours, the satisfaction evaluations and the public board.

Scope first (objects outside the caller's subtree are absent: 404), then role (403), then the
service, which checks both again. Views only translate HTTP to service calls.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from honours import selectors, services
from honours.filters import EvaluationFilter, HonourFilter, StarEvaluationFilter
from honours.models import (
    Honour,
    HonourKind,
    Representative,
    SatisfactionEvaluation,
    StarEvaluation,
    StarObjection,
)
from practice.api.viewsets import ScopedMixin
from practice.clients import client_address
from practice.exceptions import Forbidden, InvalidInput, NotFound
from practice.models import Household, Level, Unit
from practice.numbers import parse_year
from practice.roles import READER_ROLES, STAFF_ROLES, SUBTREE_ROLES, Role, has_role
from practice.throttling import PublicRateThrottle

from .serializers import (
    AnswerInput,
    DeclineInput,
    EvaluationOpenInput,
    EvaluationSerializer,
    HonourDetailSerializer,
    HonourKindChangeInput,
    HonourKindSerializer,
    HonourSerializer,
    MoralReviewInput,
    MoralReviewSerializer,
    ObjectionInput,
    ObjectionSerializer,
    ProposeInput,
    ReasonInput,
    RepresentativeCodeSerializer,
    RepresentativeInput,
    RepresentativeSerializer,
    StarEvaluationDetailSerializer,
    StarEvaluationSerializer,
    StarSerializer,
    VoteInput,
)

SEE_ROLES = SUBTREE_ROLES | {Role.VILLAGER}


# --- serializers --------------------------------------------------------------------------

def _valid(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


class HouseholdStarsView(APIView):
    """``GET``: a household's stars for ``?year=``; ``POST``: station staff propose them."""

    def _household(self, request, pk):
        household = (
            Household.objects.for_user(request.user).select_related("village").filter(pk=pk).first()
        )
        if household is None:
            raise NotFound()
        return household

    def _year(self, request, household):
        raw = request.query_params.get("year")
        if raw in (None, ""):
            latest = (
                StarEvaluation.objects.filter(household=household).order_by("-year").first()
            )
            return latest.year if latest else timezone.localdate().year
        year = parse_year(raw)
        if year is None:
            raise InvalidInput(_("Enter a valid year."), field="year")
        return year

    def _payload(self, request, household, year):
        data = selectors.household_stars(household, year)
        evaluation = data["evaluation"]
        detail = None
        if evaluation is not None:
            evaluation.household = household
            detail = StarEvaluationSerializer(evaluation).data
        return {
            "household": {"id": household.pk, "number": household.number,
                          "head_name": household.head_name},
            "year": year,
            "stars": StarSerializer(data["stars"], many=True).data,
            "evaluation": detail,
        }

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="rating year")],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, pk):
        if not has_role(request.user, *SEE_ROLES) and not request.user.is_superuser:
            raise Forbidden()
        household = self._household(request, pk)
        return Response(self._payload(request, household, self._year(request, household)))

    @extend_schema(request=ProposeInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        if not has_role(request.user, *services.PROPOSE_ROLES) and not request.user.is_superuser:
            raise Forbidden()
        household = self._household(request, pk)
        data = _valid(ProposeInput, request)
        evaluation = services.star_evaluation_propose(
            household, actor=request.user, year=data["year"], star_codes=data["stars"],
            note=data.get("note", ""),
        )
        return Response(self._payload(request, household, evaluation.year),
                        status=status.HTTP_200_OK)


class StarEvaluationViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    queryset = StarEvaluation.objects.select_related("household", "village").prefetch_related(
        "stars"
    )
    serializer_class = StarEvaluationSerializer
    filterset_class = StarEvaluationFilter
    action_roles = {
        "list": SEE_ROLES,
        "retrieve": SEE_ROLES,
        "approve": services.APPROVE_ROLES,
        "send_back": services.APPROVE_ROLES,
        "finalize": services.APPROVE_ROLES,
        "object": STAFF_ROLES | {Role.VILLAGER},
        "answer": services.ANSWER_ROLES,
        # Membership of the village's moral review council is the right, whatever the role.
        "review": set(Role),
    }

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("objections", "events__actor")
        return qs.order_by("-year", "household__number")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return StarEvaluationDetailSerializer
        return StarEvaluationSerializer

    def _detail(self, evaluation):
        evaluation = self.get_queryset().model.objects.prefetch_related(
            "stars", "objections", "events__actor"
        ).select_related("household", "village").get(pk=evaluation.pk)
        return Response(StarEvaluationDetailSerializer(evaluation).data)

    @extend_schema(request=None)
    def approve(self, request, pk=None):
        evaluation = services.star_evaluation_approve(self.get_object(), actor=request.user)
        return self._detail(evaluation)

    @extend_schema(request=ReasonInput)
    def send_back(self, request, pk=None):
        data = _valid(ReasonInput, request)
        evaluation = services.star_evaluation_return(
            self.get_object(), actor=request.user, reason=data["reason"]
        )
        return self._detail(evaluation)

    @extend_schema(request=MoralReviewInput, responses={201: MoralReviewSerializer})
    def review(self, request, pk=None):
        """A member of the village's moral review council records its opinion on the current
        proposal (members who are villagers reach proposals through their seat)."""
        evaluation = selectors.reviewable_evaluation(request.user, pk)
        if evaluation is None:
            raise NotFound()
        data = _valid(MoralReviewInput, request)
        review = services.star_evaluation_review(
            evaluation, actor=request.user, opinion=data["opinion"], text=data.get("text", ""))
        return Response(MoralReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    def finalize(self, request, pk=None):
        evaluation = services.star_evaluation_finalize(self.get_object(), actor=request.user)
        return self._detail(evaluation)

    @extend_schema(request=ObjectionInput, responses={201: ObjectionSerializer})
    def object(self, request, pk=None):
        data = _valid(ObjectionInput, request)
        objection = services.star_objection_file(
            self.get_object(), actor=request.user, text=data["text"]
        )
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AnswerInput, responses={200: ObjectionSerializer})
    def answer(self, request, pk=None, objection_pk=None):
        evaluation = self.get_object()
        objection = get_object_or_404(StarObjection, pk=objection_pk, evaluation=evaluation)
        data = _valid(AnswerInput, request)
        objection = services.star_objection_answer(
            objection, actor=request.user, answer=data["answer"], upheld=data["upheld"]
        )
        return Response(ObjectionSerializer(objection).data)


# --- honours ------------------------------------------------------------------------------
class HonourViewSet(ScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Honour.objects.select_related("village", "kind", "campaign")
    serializer_class = HonourSerializer
    filterset_class = HonourFilter
    action_roles = {"list": SEE_ROLES, "retrieve": SEE_ROLES, "create": services.HONOUR_ROLES,
                    "award": services.APPROVE_ROLES, "decline": services.APPROVE_ROLES,
                    "review": set(Role)}

    def get_serializer_class(self):
        if self.action == "retrieve":
            return HonourDetailSerializer
        return HonourSerializer

    @extend_schema(request=None, responses={200: HonourDetailSerializer})
    def award(self, request, pk=None):
        """The township awards a proposed honour (after the moral review council's opinion,
        where the village has one)."""
        honour = services.honour_confirm(self.get_object(), actor=request.user)
        return Response(HonourDetailSerializer(self.get_queryset().get(pk=honour.pk)).data)

    @extend_schema(request=DeclineInput, responses={200: HonourDetailSerializer})
    def decline(self, request, pk=None):
        data = _valid(DeclineInput, request)
        honour = services.honour_decline(self.get_object(), actor=request.user,
                                         reason=data["reason"])
        return Response(HonourDetailSerializer(self.get_queryset().get(pk=honour.pk)).data)

    @extend_schema(request=MoralReviewInput, responses={201: MoralReviewSerializer})
    def review(self, request, pk=None):
        honour = selectors.reviewable_honour(request.user, pk)
        if honour is None:
            raise NotFound()
        data = _valid(MoralReviewInput, request)
        review = services.honour_review(honour, actor=request.user, opinion=data["opinion"],
                                        text=data.get("text", ""))
        return Response(MoralReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        village = data["village"]
        if not Unit.objects.for_user(request.user).filter(pk=village.pk).exists():
            raise NotFound()
        honour = services.honour_award(
            actor=request.user, village=village, year=data["year"], kind=data["kind"],
            household=data.get("household"), person_name=data.get("person_name", ""),
            citation=data.get("citation", ""), campaign=data.get("campaign"),
        )
        return Response(self.get_serializer(honour).data, status=status.HTTP_201_CREATED)


class HonourKindViewSet(ScopedMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """The kinds of honour: everyone signed in reads them; the banner adds, renames and
    deletes them (never the fixed ones, nor one that has been awarded)."""

    queryset = HonourKind.objects.all()
    serializer_class = HonourKindSerializer
    pagination_class = None
    action_roles = {"list": set(Role), "retrieve": set(Role), "create": services.KIND_ROLES,
                    "update": services.KIND_ROLES, "partial_update": services.KIND_ROLES,
                    "destroy": services.KIND_ROLES}

    def create(self, request, *args, **kwargs):
        data = _valid(HonourKindSerializer, request)
        kind = services.honour_kind_create(
            actor=request.user, code=data["code"], name=data["name"],
            name_mn=data.get("name_mn", ""), order=data.get("order", 0))
        return Response(HonourKindSerializer(kind).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HonourKindChangeInput)
    def update(self, request, *args, **kwargs):
        kind = self.get_object()
        if "code" in request.data and request.data["code"] != kind.code:
            raise InvalidInput(_("The code of a kind of honour cannot change."), field="code")
        data = _valid(HonourKindChangeInput, request)
        kind = services.honour_kind_update(
            kind, actor=request.user, name=data.get("name", kind.name),
            name_mn=data.get("name_mn", kind.name_mn), order=data.get("order", kind.order))
        return Response(HonourKindSerializer(kind).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.honour_kind_delete(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MoralReviewQueueView(APIView):
    """``GET``: the proposals (star ratings and honours) waiting in the villages whose moral
    review council the caller sits on; ``reviewed`` says whether its opinion is recorded."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        evaluations = list(selectors.evaluations_for_review(request.user)[:500])
        honours = list(selectors.honours_for_review(request.user)[:500])
        stars = StarEvaluationSerializer(evaluations, many=True).data
        for row, e in zip(stars, evaluations, strict=True):
            row["reviewed"] = e.reviewed
        out_honours = HonourSerializer(honours, many=True).data
        for row, h in zip(out_honours, honours, strict=True):
            row["reviewed"] = h.reviewed
        return Response({"villages": selectors.moral_review_villages(request.user),
                         "star_evaluations": stars, "honours": out_honours})


# --- satisfaction evaluations -------------------------------------------------------------
class EvaluationViewSet(ScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = SatisfactionEvaluation.objects.select_related("village")
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    action_roles = {
        "list": SEE_ROLES,
        "retrieve": SEE_ROLES,
        "create": services.EVALUATION_ROLES,
        "close": services.EVALUATION_ROLES,
        "representatives": services.EVALUATION_ROLES | READER_ROLES,
        "add_representative": services.EVALUATION_ROLES,
        "new_code": services.EVALUATION_ROLES,
    }

    def get_permissions(self):
        if self.action == "vote":
            return [AllowAny()]  # a representative votes with a code, without an account
        return super().get_permissions()

    def get_throttles(self):
        if self.action == "vote":
            # A flood guard per address; the guard of the codes themselves is the service's
            # count of wrong codes, kept in the database.
            return [PublicRateThrottle()]
        return super().get_throttles()

    @extend_schema(request=EvaluationOpenInput)
    def create(self, request, *args, **kwargs):
        data = _valid(EvaluationOpenInput, request)
        village = Unit.objects.for_user(request.user).filter(
            pk=data["village"], level=Level.VILLAGE
        ).first()
        if village is None:
            raise InvalidInput(_("Choose a village in your area."), field="village")
        evaluation, codes = services.evaluation_open(
            actor=request.user, village=village, year=data["year"],
            representatives=data["representatives"], title=data.get("title", ""),
        )
        out = EvaluationSerializer(evaluation).data
        # The one-time codes, shown this once: only their hashes are kept.
        out["codes"] = [{"representative": r.pk, "name": r.name, "code": c} for r, c in codes]
        return Response(out, status=status.HTTP_201_CREATED)

    @extend_schema(request=VoteInput, responses={201: None})
    def vote(self, request, pk=None):
        """A representative's vote: with their one-time ``code`` (no login), or a paper ballot
        entered by staff with ``representative``."""
        data = _valid(VoteInput, request)
        if data.get("code"):
            evaluation = get_object_or_404(SatisfactionEvaluation, pk=pk)
            services.vote_cast_with_code(evaluation, code=data["code"], choice=data["choice"],
                                         client=client_address(request))
        else:
            user = request.user
            if not (user and user.is_authenticated):
                raise InvalidInput(_("Enter your voting code."), field="code")
            if not (user.is_superuser or has_role(user, *services.EVALUATION_ROLES)):
                raise Forbidden()
            evaluation = self.get_object()
            if not data.get("representative"):
                raise InvalidInput(_("Choose a representative of this evaluation."),
                                   field="representative")
            representative = Representative.objects.filter(
                pk=data["representative"], evaluation=evaluation
            ).first()
            services.vote_cast_on_paper(
                evaluation, actor=user, representative=representative, choice=data["choice"]
            )
        return Response({"detail": str(_("Your vote has been recorded."))},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    def close(self, request, pk=None):
        """Close the evaluation. Below the quorum it closes without a result: ``result`` then
        says ``quorum_met: false`` and ``detail`` tells how many voted and how many were needed."""
        evaluation = services.evaluation_close(self.get_object(), actor=request.user)
        out = EvaluationSerializer(evaluation).data
        out["detail"] = services.evaluation_close_message(evaluation)
        return Response(out)

    @extend_schema(responses={200: RepresentativeSerializer(many=True)})
    def representatives(self, request, pk=None):
        reps = selectors.representatives_with_ballots(self.get_object())
        return Response(RepresentativeSerializer(reps, many=True).data)

    @extend_schema(request=RepresentativeInput, responses={201: RepresentativeCodeSerializer})
    def add_representative(self, request, pk=None):
        data = _valid(RepresentativeInput, request)
        rep, code = services.representative_add(
            self.get_object(), actor=request.user, name=data["name"],
            phone=data.get("phone", ""),
        )
        return Response({"representative": rep.pk, "name": rep.name, "code": code},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: RepresentativeCodeSerializer})
    def new_code(self, request, pk=None, rep_pk=None):
        evaluation = self.get_object()
        rep = get_object_or_404(Representative, pk=rep_pk, evaluation=evaluation)
        code = services.representative_new_code(rep, actor=request.user)
        return Response({"representative": rep.pk, "name": rep.name, "code": code})


# --- the public board ---------------------------------------------------------------------
class PublicBoardView(APIView):
    """A village's or township's notice board: names and results only. No login."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="year of the results")],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, pk):
        unit = selectors.board_unit(pk)
        if unit is None:
            raise NotFound()
        year = parse_year(request.query_params.get("year"))  # else the board's own year
        return Response(selectors.board_for(unit, year=year))
