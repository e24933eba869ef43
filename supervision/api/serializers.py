"""What the supervised-tasks API reads and answers."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from practice.models import Unit, User

from ..models import EvidenceKind, ProgressReport, SupervisedTask, TaskEvent


class ProgressSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = ["id", "note", "author", "author_name", "at", "photos"]

    def get_author_name(self, obj) -> str:
        return (obj.author.real_name or obj.author.username) if obj.author_id else ""

    def get_photos(self, obj) -> list[str]:
        return [p.image.url for p in obj.photos.all()]


class TaskEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskEvent
        fields = ["id", "kind", "from_status", "to_status", "actor", "note", "at"]


class TaskSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    head_name = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    origin = serializers.SerializerMethodField()

    class Meta:
        model = SupervisedTask
        fields = ["id", "title", "description", "unit", "unit_name", "head", "head_name",
                  "deadline", "evidence_kind", "evidence_text", "activity", "indicator_code",
                  "origin", "state", "overdue", "closed_on", "deadline_noticed_at",
                  "escalated_at", "created_by", "created_at"]

    def get_head_name(self, obj) -> str:
        head = obj.head
        return (head.real_name or head.username) if head else ""

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def get_origin(self, obj) -> dict | None:
        if not obj.origin_type_id:
            return None
        return {"type": f"{obj.origin_type.app_label}.{obj.origin_type.model}",
                "id": obj.origin_id}


class TaskDetailSerializer(TaskSerializer):
    progress = ProgressSerializer(source="progress_reports", many=True, read_only=True)
    events = TaskEventSerializer(many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "progress", "events"]


class TaskInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, label=gettext_lazy("what"))
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                        label=gettext_lazy("details"))
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(),
                                              label=gettext_lazy("responsible unit"))
    head = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), required=False,
                                              allow_null=True,
                                              label=gettext_lazy("head responsible"))
    deadline = serializers.DateField(label=gettext_lazy("deadline"))
    evidence_kind = serializers.ChoiceField(choices=EvidenceKind.choices,
                                            default=EvidenceKind.NOTE,
                                            label=gettext_lazy("completion shown by"))
    evidence_text = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                          label=gettext_lazy("how completion is shown"))
    activity = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                        max_value=2**31 - 1,
                                        label=gettext_lazy("linked activity"))
    indicator_code = serializers.CharField(required=False, allow_blank=True, max_length=64,
                                           label=gettext_lazy("indicator"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if user is None:
            return
        self.fields["unit"].queryset = Unit.objects.for_user(user)
        self.fields["head"].queryset = User.objects.for_user(user)


class ProgressInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, label=gettext_lazy("progress"))
    photos = serializers.ListField(child=serializers.ImageField(), required=False,
                                   max_length=6, label=gettext_lazy("photos"))


class TaskNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                 label=gettext_lazy("note"))


class TaskReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000, label=gettext_lazy("reason"))
