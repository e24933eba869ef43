from django.contrib import admin

from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.models import Level, SiteKind, Unit

from .models import MobilePost, Round, Stop, StopService


@admin.register(MobilePost)
class MobilePostAdmin(ScopedAdmin):
    """The profile of each mobile post: team, vehicle or kit, phone (scoped choices)."""

    list_display = ["unit", "team", "vehicle", "phone"]
    search_fields = ["unit__name", "vehicle"]
    list_select_related = ["unit", "team"]
    raw_id_fields = ["team"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(
                level=Level.BASE, site_kind=SiteKind.MOBILE_POST)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StopInline(ReadOnlyInline):
    model = Stop
    fields = ["date", "starts_at", "ends_at", "village", "group", "place", "status",
              "people_served"]


@admin.register(Round)
class RoundAdmin(ScopedAdmin):
    """Read here; rounds are planned on the staff pages (or the API), through the services."""

    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["post", "month", "created_by", "created_at"]
    list_select_related = ["post", "created_by"]
    date_hierarchy = "month"
    inlines = [StopInline]
    fields = ["post", "month", "note", "created_by", "created_at"]
    readonly_fields = fields


class GivenInline(ReadOnlyInline):
    model = StopService
    fields = ["service_item", "count"]


@admin.register(Stop)
class StopAdmin(ScopedAdmin):
    """Read here; stops are planned and recorded on the staff pages (or the API)."""

    add_roles = change_roles = delete_roles = frozenset()
    list_display = ["date", "starts_at", "post", "village", "group", "place", "status",
                    "people_served"]
    list_filter = ["status", "place_kind"]
    search_fields = ["place", "group"]
    list_select_related = ["post", "village"]
    date_hierarchy = "date"
    inlines = [GivenInline]
    fields = ["round", "post", "date", "starts_at", "ends_at", "place_kind", "village", "group",
              "place", "status", "cancel_reason", "people_served", "recorded_by", "recorded_at"]
    readonly_fields = fields

