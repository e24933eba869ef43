"""The shapes of the API's requests and answers."""


from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from campaigns.models import Campaign
from honours import selectors
from honours.models import (
    Honour,
    HonourKind,
    MoralReview,
    Representative,
    ReviewOpinion,
    SatisfactionEvaluation,
    StarEvaluation,
    StarObjection,
    VoteChoice,
)
from practice.language import local_name
from practice.roles import SUBTREE_ROLES, Role

SEE_ROLES = SUBTREE_ROLES | {Role.VILLAGER}


# --- serializers --------------------------------------------------------------------------
class StarSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    earned = serializers.BooleanField()


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StarObjection
        fields = ["id", "text", "filed_at", "answer", "upheld", "answered_at"]


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(source="actor.__str__", default=None)
    note = serializers.CharField()
    at = serializers.DateTimeField()


class StarEvaluationSerializer(serializers.ModelSerializer):
    household = serializers.SerializerMethodField()
    village = serializers.SerializerMethodField()
    stars = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = StarEvaluation
        fields = [
            "id", "household", "village", "year", "stars", "star_count", "is_ten_star",
            "status", "status_display", "note", "proposed_at", "approved_at",
            "notice_ends_at", "finalized_at",
        ]

    def get_household(self, obj) -> dict:
        return {"id": obj.household_id, "number": obj.household.number,
                "head_name": obj.household.head_name}

    def get_village(self, obj) -> dict:
        return {"id": obj.village_id, "name": obj.village.name}


class MoralReviewSerializer(serializers.ModelSerializer):
    """The moral review council's opinion on a proposal, and who recorded it when."""

    opinion_display = serializers.CharField(source="get_opinion_display", read_only=True)
    member = serializers.CharField(source="member.__str__", read_only=True)

    class Meta:
        model = MoralReview
        fields = ["id", "evaluation", "proposal_round", "honour", "opinion", "opinion_display",
                  "text", "member", "at"]


class MoralReviewInput(serializers.Serializer):
    opinion = serializers.ChoiceField(choices=ReviewOpinion.choices, label=_("opinion"))
    text = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                 label=_("remarks"))


class StarEvaluationDetailSerializer(StarEvaluationSerializer):
    objections = ObjectionSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    moral_review = serializers.SerializerMethodField()

    class Meta(StarEvaluationSerializer.Meta):
        fields = [*StarEvaluationSerializer.Meta.fields, "proposal_round", "objections",
                  "events", "moral_review"]

    def get_moral_review(self, obj) -> dict:
        """``required``: the village has a moral review council; ``current``: its opinion on
        this proposal round (null: none yet); ``opinions``: every round's."""
        from honours import selectors, services

        reviews = selectors.reviews_of(obj)
        current = next((r for r in reviews if r.proposal_round == obj.proposal_round), None)
        return {
            "required": services.moral_review_required(obj.village_id),
            "current": MoralReviewSerializer(current).data if current else None,
            "opinions": MoralReviewSerializer(reviews, many=True).data,
        }


class ProposeInput(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"))
    stars = serializers.ListField(child=serializers.CharField(), label=_("stars"),
                                  allow_empty=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(label=_("reason"), max_length=300)


class ObjectionInput(serializers.Serializer):
    text = serializers.CharField(label=_("objection"), max_length=1000)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(label=_("answer"), max_length=1000)
    upheld = serializers.BooleanField(label=_("upheld"))


class HonourSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    # Kinds and campaigns are named by their codes, in and out.
    kind = serializers.SlugRelatedField(slug_field="code", queryset=HonourKind.objects.all(),
                                        label=_("honour"))
    kind_display = serializers.SerializerMethodField()
    campaign = serializers.SlugRelatedField(slug_field="code", queryset=Campaign.objects.all(),
                                            required=False, allow_null=True,
                                            label=_("campaign"))
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Honour
        fields = ["id", "village", "village_name", "year", "kind", "kind_display", "campaign",
                  "status", "status_display", "household", "person_name", "citation",
                  "certificate_no", "proposed_at", "awarded_at", "decline_reason"]
        read_only_fields = ["certificate_no", "status", "proposed_at", "awarded_at",
                            "decline_reason"]
        extra_kwargs = {"person_name": {"required": False, "allow_blank": True}}
        # Uniqueness is the service's to check (409 with the name), not the serializer's.
        validators: list = []

    def get_kind_display(self, obj) -> str:
        return local_name(obj.kind)


class HonourDetailSerializer(HonourSerializer):
    moral_review = serializers.SerializerMethodField()

    class Meta(HonourSerializer.Meta):
        fields = [*HonourSerializer.Meta.fields, "moral_review"]

    def get_moral_review(self, obj) -> dict:
        from honours import selectors, services

        reviews = selectors.reviews_of(obj)
        return {
            "required": obj.status == "proposed"
            and services.moral_review_required(obj.village_id),
            "current": MoralReviewSerializer(reviews[-1]).data if reviews else None,
        }


class HonourKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = HonourKind
        fields = ["id", "code", "name", "name_mn", "order", "is_fixed"]
        read_only_fields = ["is_fixed"]
        extra_kwargs = {"code": {"validators": []}, "name_mn": {"validators": []}}


class HonourKindChangeInput(serializers.Serializer):
    name = serializers.CharField(max_length=30, required=False, label=_("name"))
    name_mn = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                    label=_("Mongolian name"))
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767,
                                     label=_("order"))


class DeclineInput(serializers.Serializer):
    reason = serializers.CharField(label=_("reason"), max_length=300)


class ReviewQueueSerializer(serializers.Serializer):
    """What a member of a moral review council has to review."""

    star_evaluations = StarEvaluationSerializer(many=True)
    honours = HonourSerializer(many=True)


class RepresentativeInput(serializers.Serializer):
    name = serializers.CharField(max_length=50, label=_("name"))
    phone = serializers.CharField(max_length=11, required=False, allow_blank=True,
                                  label=_("mobile phone"))


class EvaluationOpenInput(serializers.Serializer):
    village = serializers.IntegerField(label=_("village"))
    year = serializers.IntegerField(label=_("year"))
    title = serializers.CharField(required=False, allow_blank=True, max_length=100)
    representatives = RepresentativeInput(many=True, label=_("representatives"))


class EvaluationSerializer(serializers.ModelSerializer):
    village = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta:
        model = SatisfactionEvaluation
        fields = ["id", "village", "year", "title", "status", "opened_at", "closed_at", "result"]

    def get_village(self, obj) -> dict:
        return {"id": obj.village_id, "name": obj.village.name}

    def get_result(self, obj) -> dict | None:
        return selectors.evaluation_result(obj)


class RepresentativeSerializer(serializers.ModelSerializer):
    has_voted = serializers.BooleanField(read_only=True)

    class Meta:
        model = Representative
        fields = ["id", "name", "phone", "has_voted"]


class RepresentativeCodeSerializer(serializers.Serializer):
    """A representative's new one-time voting code, shown this once."""

    representative = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()


class VoteInput(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices, label=_("choice"))
    code = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                 label=_("voting code"))
    representative = serializers.IntegerField(required=False, label=_("representative"))
