from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from . import sms
from .admin_base import ScopedAdmin
from .audit import ACTIONS as AUDIT_ACTIONS
from .audit import audited_tables
from .exceptions import Forbidden
from .expressions import related_count
from .models import AuditLog, Household, Level, OutboxMessage, SmsMessage, Unit, User
from .roles import STAFF_ROLES, Role, has_role
from .selectors import households_matching, users_matching
from .services import role_grant_check, roles_grantable_by

admin.site.site_header = gettext_lazy("New Era Civilization Practice platform")
admin.site.site_title = gettext_lazy("Civilization practice admin")
admin.site.index_title = gettext_lazy("Administration")


class TownshipFilter(admin.SimpleListFilter):
    title = gettext_lazy("township")
    parameter_name = "township"

    def lookups(self, request, model_admin):
        return [
            (u.pk, u.name) for u in Unit.objects.for_user(request.user).filter(level=Level.TOWNSHIP)
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        field = getattr(self, "township_field", "township_id")
        return queryset.filter(**{field: self.value()})


class VillageTownshipFilter(TownshipFilter):
    township_field = "village__township_id"


class UserTownshipFilter(TownshipFilter):
    township_field = "unit__township_id"


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "site_kind", "parent", "head"]
    list_filter = ["level", "site_kind", TownshipFilter]
    search_fields = ["name", "code"]
    list_select_related = ["parent", "head"]
    raw_id_fields = ["head"]
    readonly_fields = ["path"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "head")


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin):
    list_display = ["number", "head_name", "village", "phone", "group", "population",
                    "member_count"]
    list_filter = [VillageTownshipFilter, "low_income", "five_guarantees", "elderly_alone",
                   "disability"]
    search_fields = ["number", "head_name", "phone"]
    search_help_text = gettext_lazy("Household number, the head's name, or any phone of the "
                                    "household (its own or a member's).")
    list_select_related = ["village"]

    def search_results(self, request, queryset, term):
        return households_matching(queryset, term)

    def get_readonly_fields(self, request, obj=None):
        # A listed phone is an account's sign-in phone: it changes on the household's page,
        # which moves the old phone's account out (practice/rosters.py), never here.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "phone", "phone_page"] if obj is not None else readonly

    @admin.display(description=gettext_lazy("phones and accounts"))
    def phone_page(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("practice:household", args=[obj.pk]),
                           gettext_lazy("Change the listed phone or add a phone"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_members=related_count(User, "household"))

    @admin.display(description=gettext_lazy("members"), ordering="_members")
    def member_count(self, obj):
        return obj._members

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "village":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(level=Level.VILLAGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "real_name", "phone", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", UserTownshipFilter]
    search_fields = ["username", "real_name", "phone"]
    search_help_text = gettext_lazy("User name, real name, mobile phone or household number.")
    list_select_related = ["unit"]
    raw_id_fields = ["household"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("Person"), {"fields": ("real_name", "phone", "email", "sms_opt_out")}),
        (gettext_lazy("Place in the network"), {"fields": ("role", "unit", "household")}),
        (gettext_lazy("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    superuser_fieldsets = fieldsets + (
        (gettext_lazy("Permissions"), {"fields": ("is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "real_name",
                    "phone",
                    "role",
                    "unit",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def search_results(self, request, queryset, term):
        return users_matching(queryset, term)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and request.user.is_superuser:
            return self.superuser_fieldsets
        return super().get_fieldsets(request, obj)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            allowed = roles_grantable_by(request.user)
            kwargs["choices"] = [c for c in Role.choices if c[0] in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            role_grant_check(request.user, obj)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        DjangoUserAdmin.save_model(self, request, obj, form, change)


class _KnownValuesFilter(admin.SimpleListFilter):
    """Filter links for values known without reading the table (``known_values()``):
    ``list_filter = ["table"]`` runs a SELECT DISTINCT over the whole audit trail, which only
    grows."""

    known_values = staticmethod(list)

    def lookups(self, request, model_admin):
        return [(value, value) for value in self.known_values()]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class AuditTableFilter(_KnownValuesFilter):
    title = gettext_lazy("table")
    parameter_name = "table"
    known_values = staticmethod(audited_tables)


# What the database trigger writes (insert/update/delete), in the words the page shows.
AUDIT_ACTION_LABELS = {"insert": gettext_lazy("row added"), "update": gettext_lazy("row changed"),
                       "delete": gettext_lazy("row deleted")}


class AuditActionFilter(_KnownValuesFilter):
    title = gettext_lazy("action")
    parameter_name = "action"
    known_values = staticmethod(lambda: AUDIT_ACTIONS)

    def lookups(self, request, model_admin):
        return [(value, AUDIT_ACTION_LABELS.get(value, value)) for value in AUDIT_ACTIONS]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """The audit trail, read-only, for the banner administrators. (Django asks these rights of
    anonymous visitors too: the sign-in page lists the apps, so no bare ``user.role``.)"""

    list_display = ["at", "table", "row_id", "action_label", "actor_id"]
    list_filter = [AuditTableFilter, AuditActionFilter]
    search_fields = ["row_id", "table"]
    readonly_fields = ["table", "row_id", "action_label", "actor_id", "at", "before", "after",
                       "changes"]
    show_full_result_count = False

    @admin.display(description=gettext_lazy("action"), ordering="action")
    def action_label(self, obj):
        return AUDIT_ACTION_LABELS.get(obj.action, obj.action)

    def _banner_admin(self, request):
        return request.user.is_superuser or has_role(request.user, Role.BANNER_ADMIN)

    def has_module_permission(self, request):
        return self._banner_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._banner_admin(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(AuditLogAdmin):
    list_display = ["created_at", "task", "sent_at", "attempts"]
    list_filter = ["task"]
    search_fields = ["task"]
    readonly_fields = ["task", "args", "kwargs", "created_at", "sent_at", "attempts", "last_error"]


@admin.register(SmsMessage)
class SmsMessageAdmin(ScopedAdmin):
    """The delivery log of text messages, read-only: queued, held for the morning, sent, or
    failed with the gateway's answer. Staff see the messages to people of their subtree."""

    view_roles = STAFF_ROLES
    add_roles = change_roles = frozenset()
    list_display = ["created_at", "phone", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["phone", "=id"]
    list_select_related = False
    date_hierarchy = None
    fields = readonly_fields = ["id", "phone", "template", "shown_text", "params_shown",
                                "essential", "status", "attempts", "last_answer", "user",
                                "unit", "created_at", "next_attempt_at", "sent_at"]

    @admin.display(description=gettext_lazy("text"))
    def shown_text(self, obj):
        return sms.shown_text(obj)

    @admin.display(description=gettext_lazy("parameters"))
    def params_shown(self, obj):
        return sms.shown_params(obj)

    def has_delete_permission(self, request, obj=None):
        return False
