"""The browser admin of mediation: read-only and scoped by the models' own rules. A case (its
parties included) opens only for its viewers — the village's station staff and the township's
staff; nobody else's changelist has it. Cases and mediators are written through the pages and
the API (services.py), which check who may and keep the history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.roles import Role

from .models import CaseEvent, CaseSession, MediationCase, Mediator

CASE_VIEWERS = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF})


class SessionInline(ReadOnlyInline):
    model = CaseSession
    fields = ["date", "note", "recorded_by", "at"]


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["at", "from_status", "to_status", "actor", "note"]


class ReadOnlyScopedAdmin(ScopedAdmin):
    add_roles = frozenset()
    change_roles = frozenset()
    delete_roles = frozenset()


@admin.register(MediationCase)
class MediationCaseAdmin(ReadOnlyScopedAdmin):
    view_roles = CASE_VIEWERS
    # No parties and no summary in the list, nor in the search: a case is read on its page.
    list_display = ["number_display", "village", "kind", "mediator", "opened_on", "status",
                    "outcome", "closed_on"]
    list_select_related = ["village", "mediator__user", "mediator__village"]
    list_filter = ["status", "kind", "outcome"]
    date_hierarchy = "opened_on"
    inlines = [SessionInline, CaseEventInline]

    @admin.display(description=_("case"), ordering="pk")
    def number_display(self, obj):
        return obj.number


@admin.register(Mediator)
class MediatorAdmin(ReadOnlyScopedAdmin):
    view_roles = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER,
                            Role.BANNER_ADMIN})
    list_display = ["user", "village", "background", "active_from", "active_to"]
    list_select_related = ["user", "village"]
    list_filter = ["background"]
    search_fields = ["user__real_name", "village__name"]
