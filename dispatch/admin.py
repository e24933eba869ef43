"""Admin of the dispatch mechanism: submissions are read here (their moves go through the
pages and the API, ``dispatch.services``); meetings and their decisions are recorded here too."""

from django.contrib import admin

from practice.admin_base import ReadOnlyInline, ScopedAdmin

from .models import Decision, Meeting, Submission, SubmissionEvent
from .selectors import figures_shown


class SubmissionEventInline(ReadOnlyInline):
    model = SubmissionEvent
    fields = ["at", "actor", "from_status", "to_status", "note"]


@admin.register(Submission)
class SubmissionAdmin(ScopedAdmin):
    list_display = ["unit", "year", "month", "status", "deadline", "signed_off_at", "on_time"]
    list_filter = ["year", "month", "status", "on_time", "unit__level"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "year", "month", "status", "deadline", "figures", "work_done",
                       "problems", "help_requested", "next_plan", "submitted_at",
                       "submitted_by", "signed_off_at", "signed_off_by", "on_time",
                       "return_reason"]
    inlines = [SubmissionEventInline]
    add_roles: frozenset = frozenset()
    change_roles: frozenset = frozenset()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # Shown, never saved (nobody changes a submission here): only the figures the
            # reader may be shown (some are withheld from reviewers).
            obj.figures = figures_shown(obj, request.user)
        return obj


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ["order", "text", "unit"]
    extra = 1

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True


@admin.register(Meeting)
class MeetingAdmin(ScopedAdmin):
    list_display = ["unit", "year", "month", "date", "chair"]
    list_filter = ["year", "month"]
    search_fields = ["unit__name", "notes"]
    list_select_related = ["unit", "chair"]
    fields = ["unit", "year", "month", "date", "chair", "attendees", "other_attendees", "notes"]
    filter_horizontal = ["attendees"]
    inlines = [DecisionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
