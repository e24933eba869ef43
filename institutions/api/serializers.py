"""What the institutions API reads and answers (class names prefixed: unique project-wide)."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from practice.models import Level, Unit

from ..models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilKind,
    CouncilMeeting,
    CouncilMember,
    Decider,
    Decision,
    Outcome,
    Proposal,
    Seat,
)


class InstitutionCouncilSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = Council
        fields = ["id", "village", "village_name", "kind", "decider", "founded_on", "note"]


class InstitutionCouncilInputSerializer(serializers.Serializer):
    village = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(),
                                                 label=gettext_lazy("village"))
    kind = serializers.ChoiceField(choices=CouncilKind.choices, label=gettext_lazy("council"))
    decider = serializers.ChoiceField(choices=Decider.choices, default=Decider.ANY_MEMBER,
                                      label=gettext_lazy("who decides"))
    founded_on = serializers.DateField(required=False, allow_null=True,
                                       label=gettext_lazy("set up on"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 label=gettext_lazy("note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if user is not None:
            self.fields["village"].queryset = Unit.objects.for_user(user).filter(
                level=Level.VILLAGE)


def _scoped_councils(serializer, field="council"):
    user = getattr(serializer.context.get("request"), "user", None)
    if user is not None:
        serializer.fields[field].queryset = Council.objects.for_user(user)


class InstitutionMemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = CouncilMember
        fields = ["id", "council", "user", "name", "seat", "term_starts", "term_ends"]

    def get_name(self, obj) -> str:
        return obj.user.real_name or obj.user.username


class InstitutionMemberInputSerializer(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.none(),
                                                 label=gettext_lazy("council"))
    user = serializers.IntegerField(min_value=1, max_value=2**31 - 1,
                                    label=gettext_lazy("person"))
    seat = serializers.ChoiceField(choices=Seat.choices, default=Seat.MEMBER,
                                   label=gettext_lazy("seat"))
    term_starts = serializers.DateField(label=gettext_lazy("term starts"))
    term_ends = serializers.DateField(required=False, allow_null=True,
                                      label=gettext_lazy("term ends"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_councils(self)


class InstitutionTermEndSerializer(serializers.Serializer):
    term_ends = serializers.DateField(label=gettext_lazy("term ends"))


class InstitutionMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = CouncilMeeting
        fields = ["id", "council", "held_on", "place", "attendees", "topics", "minutes"]


class InstitutionMeetingInputSerializer(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.none(),
                                                 label=gettext_lazy("council"))
    held_on = serializers.DateField(label=gettext_lazy("held on"))
    place = serializers.CharField(required=False, allow_blank=True, max_length=120,
                                  label=gettext_lazy("place"))
    attendees = serializers.IntegerField(min_value=1, max_value=100000,
                                         label=gettext_lazy("attendees"))
    topics = serializers.CharField(max_length=4000, label=gettext_lazy("topics"))
    minutes = serializers.CharField(required=False, allow_blank=True, max_length=20000,
                                    label=gettext_lazy("minutes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_councils(self)


class InstitutionCompactSerializer(serializers.ModelSerializer):
    village_name = serializers.CharField(source="village.name", read_only=True)
    minutes_file = serializers.SerializerMethodField()

    class Meta:
        model = CompactVersion
        fields = ["id", "village", "village_name", "number", "text", "adopted_on", "minutes",
                  "minutes_file", "created_at"]

    def get_minutes_file(self, obj) -> str | None:
        return obj.minutes_file.url if obj.minutes_file else None


class InstitutionCompactInputSerializer(serializers.Serializer):
    village = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(),
                                                 label=gettext_lazy("village"))
    text = serializers.CharField(max_length=20000, label=gettext_lazy("text of the compact"))
    adopted_on = serializers.DateField(label=gettext_lazy("adopted on"))
    minutes = serializers.CharField(max_length=20000,
                                    label=gettext_lazy("minutes of the villagers' assembly"))
    minutes_file = serializers.FileField(required=False, allow_null=True,
                                         label=gettext_lazy("minutes (scan or photo)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if user is not None:
            self.fields["village"].queryset = Unit.objects.for_user(user).filter(
                level=Level.VILLAGE)


class InstitutionDecisionSerializer(serializers.ModelSerializer):
    village = serializers.IntegerField(source="proposal.council.village_id", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "proposal", "village", "decided_on", "text", "outcome", "present",
                  "votes_for", "votes_against", "votes_abstain"]


class InstitutionProposalSerializer(serializers.ModelSerializer):
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = ["id", "council", "text", "raised_by", "raised_on", "decision"]

    def get_decision(self, obj) -> int | None:
        try:
            return obj.decision.pk
        except Decision.DoesNotExist:
            return None


class InstitutionProposalInputSerializer(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.none(),
                                                 label=gettext_lazy("council"))
    text = serializers.CharField(max_length=4000, label=gettext_lazy("proposal"))
    raised_by = serializers.CharField(max_length=60, label=gettext_lazy("raised by"))
    raised_on = serializers.DateField(label=gettext_lazy("raised on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_councils(self)


class InstitutionDecideSerializer(serializers.Serializer):
    decided_on = serializers.DateField(label=gettext_lazy("decided on"))
    text = serializers.CharField(max_length=4000, label=gettext_lazy("decision"))
    outcome = serializers.ChoiceField(choices=Outcome.choices, label=gettext_lazy("outcome"))
    present = serializers.IntegerField(min_value=1, max_value=100000,
                                       label=gettext_lazy("members present"))
    votes_for = serializers.IntegerField(min_value=0, max_value=100000, default=0,
                                         label=gettext_lazy("votes for"))
    votes_against = serializers.IntegerField(min_value=0, max_value=100000, default=0,
                                             label=gettext_lazy("votes against"))
    votes_abstain = serializers.IntegerField(min_value=0, max_value=100000, default=0,
                                             label=gettext_lazy("abstentions"))


class InstitutionAwarenessSerializer(serializers.ModelSerializer):
    """An awareness activity of the anti-drug council: the village's practice activity."""

    title = serializers.CharField(source="activity.title", read_only=True)
    starts_at = serializers.DateTimeField(source="activity.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="activity.ends_at", read_only=True)
    place = serializers.CharField(source="activity.place", read_only=True)
    status = serializers.CharField(source="activity.status", read_only=True)

    class Meta:
        model = AntiDrugActivity
        fields = ["id", "council", "activity", "title", "starts_at", "ends_at", "place",
                  "status"]


class InstitutionAwarenessInputSerializer(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.none(),
                                                 label=gettext_lazy("council"))
    title = serializers.CharField(max_length=200, label=gettext_lazy("title"))
    starts_at = serializers.DateTimeField(label=gettext_lazy("starts at"))
    ends_at = serializers.DateTimeField(label=gettext_lazy("ends at"))
    place = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                  label=gettext_lazy("place"))
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                        label=gettext_lazy("description"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_councils(self)


class InstitutionVisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = AntiDrugVisit
        fields = ["id", "council", "visited_on", "households", "topic", "note"]


class InstitutionVisitInputSerializer(serializers.Serializer):
    council = serializers.PrimaryKeyRelatedField(queryset=Council.objects.none(),
                                                 label=gettext_lazy("council"))
    visited_on = serializers.DateField(label=gettext_lazy("visited on"))
    households = serializers.IntegerField(min_value=1, max_value=100000,
                                          label=gettext_lazy("households visited"))
    topic = serializers.CharField(max_length=120, label=gettext_lazy("topic"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                 label=gettext_lazy("note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _scoped_councils(self)
