from django.contrib import admin, messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin

from practice import exports
from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.exceptions import DomainError
from practice.expressions import related_count
from practice.models import Level, Unit
from practice.roles import ADMIN_SITE_ROLES, Role

from . import selectors, services
from .forms import DispatchForm
from .models import (
    Activity,
    ApplicationEvent,
    Attendance,
    Membership,
    Notification,
    Order,
    OrderEvent,
    Review,
    ServiceItem,
    Team,
    TimeBankAccount,
    TimeBankEntry,
    Volunteer,
    VolunteerApplication,
)
from .resources import ExportForm, TeamResource, VolunteerResource


class RosterAdmin(ImportExportMixin, ScopedAdmin):
    """Excel import for township staff and above; export for every admin reader."""

    import_roles = frozenset({Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})
    # CSV and .xlsx only, both writing formula-like text as text (practice/exports.py).
    formats = exports.FORMATS
    export_form_class = ExportForm

    def has_import_permission(self, request):
        return self._allowed(request, self.import_roles)

    def has_export_permission(self, request):
        return self._allowed(request, ADMIN_SITE_ROLES)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}


class VillageFilter(admin.SimpleListFilter):
    title = gettext_lazy("village")
    parameter_name = "village"

    def lookups(self, request, model_admin):
        return [(u.pk, u.name) for u in Unit.objects.for_user(request.user)
                .filter(level=Level.VILLAGE).order_by("path")[:400]]

    def queryset(self, request, queryset):
        return queryset.filter(village_id=self.value()) if self.value() else queryset


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("1", gettext_lazy("Overdue")), ("0", gettext_lazy("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.overdue()
        if self.value() == "0":
            return queryset.overdue(False)
        return queryset


class EventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["at", "kind", "from_status", "to_status", "actor", "note"]


@admin.register(Order)
class OrderAdmin(ScopedAdmin):
    """Orders are never edited here: staff act through dispatch and escalation."""

    add_roles = frozenset()
    change_roles = frozenset()
    delete_roles = frozenset()
    list_display = ["id", "service_item", "household", "village", "handler_unit", "status",
                    "team", "volunteer", "created_at", "overdue_flag"]
    list_filter = ["status", VillageFilter, OverdueFilter, "assisted"]
    search_fields = ["household__number", "household__head_name", "volunteer__name"]
    search_help_text = gettext_lazy(
        "Order number, household number, the head's name, any phone of the household, the "
        "volunteer's name or phone, or the team's name.")
    list_select_related = ["service_item", "household", "village", "handler_unit", "team",
                           "volunteer"]
    readonly_fields = ["page_link"]
    inlines = [EventInline]
    actions = ["dispatch_selected", "escalate_selected"]
    date_hierarchy = "created_at"

    def search_results(self, request, queryset, term):
        return selectors.orders_matching(queryset, term, user=request.user)

    @admin.display(description=gettext_lazy("Overdue"), boolean=True)
    def overdue_flag(self, obj):
        return obj.is_overdue

    @admin.display(description=gettext_lazy("Order page"))
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("volunteers:order", args=[obj.pk]),
                           _("Open the order page (timeline, dispatch)"))

    def get_fields(self, request, obj=None):
        return ["page_link", "status", "service_item", "description", "village", "household",
                "handler_unit", "team", "volunteer", "hours", "rating", "rating_comment",
                "assisted", "created_at", "overdue_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def _apply(self, request, queryset, func, **kwargs):
        done = 0
        for order in queryset.select_related("handler_unit__parent", "service_item", "village"):
            try:
                func(order, actor=request.user, **kwargs)
                done += 1
            except DomainError as e:
                self.message_user(request, f"#{order.pk}：{e.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)d orders updated.") % {"n": done},
                              messages.SUCCESS)

    @admin.action(description=gettext_lazy("Dispatch selected orders to a team"))
    def dispatch_selected(self, request, queryset):
        teams = selectors.teams_dispatchable_by(request.user).order_by("unit__path", "name")
        if "apply" in request.POST:
            form = DispatchForm(request.POST, teams=teams)
            if form.is_valid():
                self._apply(request, queryset, services.order_dispatch,
                            team=form.cleaned_data["team"], note=form.cleaned_data["note"])
                return None
        else:
            form = DispatchForm(teams=teams)
        return render(request, "admin/volunteers/dispatch.html", {
            **self.admin_site.each_context(request), "form": form, "orders": queryset,
            "title": _("Dispatch selected orders to a team"), "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    @admin.action(description=gettext_lazy("Pass selected orders up a level"))
    def escalate_selected(self, request, queryset):
        self._apply(request, queryset, services.order_escalate)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._allowed(request, frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF,
                                                 Role.BANNER_ADMIN})):
            actions.pop("dispatch_selected", None)
            actions.pop("escalate_selected", None)
        return actions


@admin.register(Team)
class TeamAdmin(RosterAdmin):
    resource_classes = [TeamResource]
    list_display = ["name", "kind", "unit", "leader", "member_count", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    raw_id_fields = ["leader"]

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("unit", "leader")
                .annotate(member_count=related_count(Membership, "team")))

    @admin.display(description=gettext_lazy("members"))
    def member_count(self, obj):
        return obj.member_count


@admin.register(Volunteer)
class VolunteerAdmin(RosterAdmin):
    resource_classes = [VolunteerResource]
    list_display = ["name", "phone", "unit", "skills", "political_status", "employer",
                    "registered_on", "certificate_link"]
    list_filter = ["political_status"]
    search_fields = ["name", "phone", "employer"]
    search_help_text = gettext_lazy("Name or mobile phone.")
    raw_id_fields = ["user"]
    list_select_related = ["unit"]

    def search_results(self, request, queryset, term):
        return selectors.volunteers_matching(queryset, term)

    @admin.display(description=gettext_lazy("Hours certificate"))
    def certificate_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("volunteers:certificate", args=[obj.pk]),
                           _("Print"))


class ApplicationEventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["at", "from_status", "to_status", "actor", "note"]


@admin.register(VolunteerApplication)
class VolunteerApplicationAdmin(ScopedAdmin):
    """Read here; decided on the applications page (or the API), through the service."""

    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["created_at", "name", "phone", "village", "status", "decided_at"]
    list_filter = ["status", "political_status"]
    search_fields = ["name", "phone", "employer"]
    list_select_related = ["village"]
    date_hierarchy = "created_at"
    inlines = [ApplicationEventInline]
    fields = ["status", "name", "phone", "village", "teams", "service_categories", "skills",
              "free_time", "employer", "political_status", "reason", "volunteer", "applicant",
              "created_at", "decided_at", "decided_by"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False  # its history is kept


@admin.register(ServiceItem)
class ServiceItemAdmin(ScopedAdmin):
    list_display = ["name", "category", "unit", "campaign", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name"]
    list_select_related = ["unit", "campaign"]


@admin.register(Review)
class ReviewAdmin(ScopedAdmin):
    add_roles = change_roles = frozenset()
    list_display = ["order", "reviewer", "score", "created_at"]
    list_select_related = ["order__service_item", "reviewer"]


@admin.register(TimeBankEntry)
class TimeBankEntryAdmin(ScopedAdmin):
    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["created_at", "account", "kind", "hours", "balance_after", "source_type",
                    "source_id"]
    list_filter = ["kind"]
    list_select_related = ["account__volunteer"]


@admin.register(TimeBankAccount)
class TimeBankAccountAdmin(ScopedAdmin):
    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["volunteer", "balance"]
    list_select_related = ["volunteer"]
    search_fields = ["volunteer__name", "volunteer__phone"]
    search_help_text = gettext_lazy("The volunteer's name or mobile phone.")

    def search_results(self, request, queryset, term):
        return queryset.filter(
            volunteer__in=selectors.volunteers_matching(Volunteer.objects.all(), term))


@admin.register(Notification)
class NotificationAdmin(ScopedAdmin):
    add_roles = change_roles = frozenset()
    list_display = ["created_at", "user", "message", "read_at"]


# --- practice activities: read-only here; staff plan and record them on the activity pages ---
class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["volunteer", "checked_in_at", "check_in_method",
              "checked_out_at", "check_out_method", "hours", "hours_source"]


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["starts_at", "title", "unit", "category", "campaign", "status",
                    "participants"]
    list_filter = ["status", "category"]
    list_select_related = ["unit", "category", "campaign"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline]

    def has_delete_permission(self, request, obj=None):
        # Not even a superuser: its history is kept; the activity page cancels it (or deletes
        # a draft without history) through the service.
        return False

    def view_on_site(self, obj):
        return reverse("volunteers:activity", args=[obj.pk])


@admin.register(Attendance)
class AttendanceAdmin(ScopedAdmin):
    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["activity", "volunteer", "checked_in_at", "checked_out_at", "hours",
                    "hours_source"]
    list_filter = ["hours_source"]
    list_select_related = ["activity", "volunteer"]
