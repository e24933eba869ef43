"""What the mediation API reads and answers. Parties and summary appear only in a case's
answers, which only the case's viewers get (the model's scope); the counts carry numbers."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from ..models import (
    Background,
    CaseEvent,
    CaseSession,
    DisputeKind,
    MediationCase,
    Mediator,
    Outcome,
)

ID_MAX = 2**31 - 1


class MediationMediatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = Mediator
        fields = ["id", "village", "village_name", "user", "name", "background", "note",
                  "active_from", "active_to"]


class MediationSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseSession
        fields = ["id", "date", "note", "recorded_by", "at"]


class MediationCaseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "from_status", "to_status", "actor", "note", "at"]


class MediationCaseSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    mediator_name = serializers.CharField(source="mediator.name", read_only=True)

    class Meta:
        model = MediationCase
        fields = ["id", "village", "village_name", "kind", "parties", "summary", "mediator",
                  "mediator_name", "opened_on", "status", "outcome", "referred_to",
                  "closed_on"]


class MediationCaseDetailSerializer(MediationCaseSerializer):
    sessions = MediationSessionSerializer(many=True, read_only=True)
    events = MediationCaseEventSerializer(many=True, read_only=True)

    class Meta(MediationCaseSerializer.Meta):
        fields = [*MediationCaseSerializer.Meta.fields, "sessions", "events"]


def _date_field(label, **kw):
    return serializers.DateField(label=label, **kw)


class MediationCaseInputSerializer(serializers.Serializer):
    mediator = serializers.IntegerField(min_value=1, max_value=ID_MAX,
                                        label=gettext_lazy("mediator"))
    kind = serializers.ChoiceField(choices=DisputeKind.choices,
                                   label=gettext_lazy("kind of dispute"))
    parties = serializers.CharField(max_length=4000, label=gettext_lazy("parties"))
    summary = serializers.CharField(max_length=4000, label=gettext_lazy("what it is about"))
    opened_on = _date_field(gettext_lazy("opened on"), required=False)


class MediationSessionInputSerializer(serializers.Serializer):
    date = _date_field(gettext_lazy("date"), required=False)
    note = serializers.CharField(max_length=4000, label=gettext_lazy("what was done"))


class MediationCloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices, label=gettext_lazy("outcome"))
    referred_to = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                        label=gettext_lazy("referred to"))
    closed_on = _date_field(gettext_lazy("closed on"), required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                 label=gettext_lazy("note"))


class MediationHandOverInputSerializer(serializers.Serializer):
    mediator = serializers.IntegerField(min_value=1, max_value=ID_MAX,
                                        label=gettext_lazy("mediator"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 label=gettext_lazy("reason"))


class MediationMediatorInputSerializer(serializers.Serializer):
    village = serializers.IntegerField(min_value=1, max_value=ID_MAX,
                                       label=gettext_lazy("village"))
    user = serializers.IntegerField(min_value=1, max_value=ID_MAX, label=gettext_lazy("person"))
    background = serializers.ChoiceField(choices=Background.choices, default=Background.OTHER,
                                         label=gettext_lazy("background"))
    active_from = _date_field(gettext_lazy("active from"), required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 label=gettext_lazy("note"))


class MediationEndInputSerializer(serializers.Serializer):
    active_to = _date_field(gettext_lazy("active to"), required=False)


class MediationCountRowSerializer(serializers.Serializer):
    village = serializers.IntegerField()
    village_name = serializers.CharField()
    township_name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    month = serializers.CharField()
    opened = serializers.IntegerField()
    open = serializers.IntegerField()
    settled = serializers.IntegerField()
    referred = serializers.IntegerField()
    dropped = serializers.IntegerField()


class MediationCountsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField(allow_null=True)
    rows = MediationCountRowSerializer(many=True)
    totals = serializers.DictField(child=serializers.IntegerField())


