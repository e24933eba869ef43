"""The shapes of the API's requests and answers."""


from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from honours import selectors
from honours.models import (
    Honour,
    Representative,
    SatisfactionEvaluation,
    StarEvaluation,
    StarObjection,
    VoteChoice,
)
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


class StarEvaluationDetailSerializer(StarEvaluationSerializer):
    objections = ObjectionSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)

    class Meta(StarEvaluationSerializer.Meta):
        fields = [*StarEvaluationSerializer.Meta.fields, "objections", "events"]


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
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Honour
        fields = ["id", "village", "village_name", "year", "kind", "kind_display", "household",
                  "person_name", "citation", "certificate_no", "awarded_at"]
        read_only_fields = ["certificate_no", "awarded_at"]
        extra_kwargs = {"person_name": {"required": False, "allow_blank": True}}


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
