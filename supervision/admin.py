from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from practice.admin_base import ReadOnlyInline, ScopedAdmin

from .models import (
    FieldVisit,
    JointMeeting,
    MeetingDecision,
    ProgressReport,
    SupervisedTask,
    TaskEvent,
)


class TaskEventInline(ReadOnlyInline):
    model = TaskEvent
    fields = ["at", "kind", "from_status", "to_status", "actor", "note"]


class ProgressInline(ReadOnlyInline):
    model = ProgressReport
    fields = ["at", "author", "note"]


@admin.register(SupervisedTask)
class SupervisedTaskAdmin(ScopedAdmin):
    list_display = ["title", "unit", "head", "deadline", "state", "closed_on", "escalated_at"]
    list_select_related = ["unit", "head"]
    list_filter = ["state", "evidence_kind", "unit__level"]
    search_fields = ["title"]
    date_hierarchy = "deadline"
    raw_id_fields = ["activity", "head"]
    inlines = [ProgressInline, TaskEventInline]
    # The state, the notices and the origin move through the services only.
    readonly_fields = ["state", "closed_on", "deadline_noticed_at", "escalated_at",
                       "origin_type", "origin_id", "created_by"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ScopedAdmin):
    list_display = ["task", "author", "at"]
    list_select_related = ["task", "author"]
    search_fields = ["note"]


class DecisionInline(admin.TabularInline):
    model = MeetingDecision
    extra = 1
    fields = ["order", "text"]


@admin.register(JointMeeting)
class JointMeetingAdmin(ScopedAdmin):
    list_display = ["date", "unit", "topics_short"]
    list_select_related = ["unit"]
    date_hierarchy = "date"
    filter_horizontal = ["participants"]
    inlines = [DecisionInline]

    @admin.display(description=_("topics"))
    def topics_short(self, obj):
        return obj.topics[:60]


@admin.register(FieldVisit)
class FieldVisitAdmin(ScopedAdmin):
    list_display = ["leader", "started_on", "ended_on", "findings_short"]
    list_select_related = ["leader"]
    date_hierarchy = "started_on"
    filter_horizontal = ["villages"]

    @admin.display(description=_("what was found"))
    def findings_short(self, obj):
        return obj.findings[:60]
