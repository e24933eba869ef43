"""The browser admin of the villages' institutions: scoped changelists (practice.admin_base).
A compact version, once adopted, is never changed (a new version replaces it)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from practice.admin_base import ScopedAdmin

from .models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilMeeting,
    CouncilMember,
    Decision,
    Proposal,
)


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    fields = ["user", "seat", "term_starts", "term_ends"]
    raw_id_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(ScopedAdmin):
    list_display = ["village", "kind", "decider", "founded_on"]
    list_select_related = ["village"]
    list_filter = ["kind", "decider"]
    search_fields = ["village__name"]
    inlines = [MemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(ScopedAdmin):
    list_display = ["council", "user", "seat", "term_starts", "term_ends"]
    list_select_related = ["council__village", "user"]
    list_filter = ["seat", "council__kind"]
    raw_id_fields = ["user", "council"]
    search_fields = ["user__real_name", "council__village__name"]


@admin.register(CompactVersion)
class CompactVersionAdmin(ScopedAdmin):
    list_display = ["village", "number", "adopted_on", "created_at"]
    list_select_related = ["village"]
    date_hierarchy = "adopted_on"
    search_fields = ["village__name", "text"]
    readonly_fields = ["created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        # An adopted version is history: a new version replaces it.
        return obj is None and super().has_change_permission(request, obj)


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(ScopedAdmin):
    list_display = ["council", "held_on", "place", "attendees"]
    list_select_related = ["council__village"]
    list_filter = ["council__kind"]
    date_hierarchy = "held_on"
    raw_id_fields = ["council"]
    readonly_fields = ["created_by"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    fields = ["decided_on", "text", "outcome", "present", "votes_for", "votes_against",
              "votes_abstain"]


@admin.register(Proposal)
class ProposalAdmin(ScopedAdmin):
    list_display = ["text_short", "council", "raised_by", "raised_on"]
    list_select_related = ["council__village"]
    date_hierarchy = "raised_on"
    raw_id_fields = ["council"]
    search_fields = ["text"]
    readonly_fields = ["created_by"]
    inlines = [DecisionInline]

    @admin.display(description=_("proposal"))
    def text_short(self, obj):
        return obj.text[:60]


@admin.register(Decision)
class DecisionAdmin(ScopedAdmin):
    list_display = ["text_short", "decided_on", "outcome", "present", "votes_for",
                    "votes_against", "votes_abstain"]
    list_select_related = ["proposal__council__village"]
    list_filter = ["outcome"]
    date_hierarchy = "decided_on"
    raw_id_fields = ["proposal"]
    search_fields = ["text"]
    readonly_fields = ["created_by"]

    @admin.display(description=_("decision"))
    def text_short(self, obj):
        return obj.text[:60]


@admin.register(AntiDrugActivity)
class AntiDrugActivityAdmin(ScopedAdmin):
    list_display = ["council", "activity"]
    list_select_related = ["council__village", "activity"]
    raw_id_fields = ["council", "activity"]
    readonly_fields = ["created_by"]


@admin.register(AntiDrugVisit)
class AntiDrugVisitAdmin(ScopedAdmin):
    list_display = ["council", "visited_on", "households", "topic"]
    list_select_related = ["council__village"]
    date_hierarchy = "visited_on"
    raw_id_fields = ["council"]
    readonly_fields = ["created_by"]
