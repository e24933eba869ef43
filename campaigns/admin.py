from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from practice.admin_base import ScopedAdmin
from practice.roles import Role

from . import services
from .models import ActivityCategory, Campaign

BANNER_ADMIN = frozenset({Role.BANNER_ADMIN})
EDITORS = frozenset({Role.BANNER_ADMIN, Role.TOWNSHIP_STAFF})


@admin.register(ActivityCategory)
class ActivityCategoryAdmin(ScopedAdmin):
    """The banner's activity categories; the fixed ones keep their codes and stay."""

    list_display = ["name", "name_mn", "code", "order", "is_fixed"]
    list_editable = ["order"]
    add_roles = change_roles = delete_roles = BANNER_ADMIN

    def get_readonly_fields(self, request, obj=None):
        return ["code", "is_fixed"] if obj is not None else ["is_fixed"]

    def save_model(self, request, obj, form, change):
        # Categories are banner-wide; the role check is the whole rule.
        obj.save()

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        refusal = obj is not None and services.category_delete_refusal(obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(reverse("admin:campaigns_activitycategory_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        for category in queryset:
            refusal = services.category_delete_refusal(category)
            if refusal:
                messages.error(request, refusal)
            else:
                category.delete()

    def delete_model(self, request, obj):
        refusal = services.category_delete_refusal(obj)
        if refusal:
            raise PermissionDenied(refusal)
        obj.delete()


@admin.register(Campaign)
class CampaignAdmin(ScopedAdmin):
    """The banner's administrators edit every campaign, township staff their own township's."""

    list_display = ["name", "kind", "unit", "starts_on", "ends_on", "remind_days_before"]
    list_filter = ["kind"]
    list_select_related = ["unit"]
    search_fields = ["name", "code"]
    date_hierarchy = "starts_on"
    add_roles = change_roles = delete_roles = EDITORS

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or services.may_edit(request.user, obj))

    def save_model(self, request, obj, form, change):
        if not services.may_edit(request.user, obj):
            raise PermissionDenied(_("You may change your own township's campaigns only."))
        super().save_model(request, obj, form, change)
