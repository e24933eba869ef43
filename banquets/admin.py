from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.exceptions import DomainError
from practice.roles import ADMIN_SITE_ROLES, Role, has_role

from . import selectors, services
from .models import (
    Booking,
    BookingEvent,
    Canteen,
    RuleSet,
    SavingsAssumption,
    Status,
    ViolationRecord,
)
from .rules import BookingRequest


def _flag(household_id, withheld=None):
    on = (household_id in withheld) if withheld is not None else selectors.support_withheld(
        household_id)
    if not on:
        return ""
    return format_html('<strong style="color:#c0392b">{}</strong>',
                       _("Committee support withheld"))


class WithheldListMixin:
    """Computes the "committee support withheld" flags of a changelist page in one query."""

    def get_changelist_instance(self, request):
        cl = super().get_changelist_instance(request)
        self._withheld = selectors.withheld_household_ids(
            {obj.household_id for obj in cl.result_list})
        return cl

    @admin.display(description=gettext_lazy("committee support"))
    def support_flag(self, obj):
        return _flag(obj.household_id, getattr(self, "_withheld", None))


@admin.register(RuleSet)
class RuleSetAdmin(ScopedAdmin):
    list_display = ["__str__", "unit", "effective_from", "max_tables", "max_dishes_per_table",
                    "max_gift", "fee_per_table"]
    list_select_related = ["unit"]
    list_filter = ["unit__level"]
    date_hierarchy = "effective_from"

    def get_readonly_fields(self, request, obj=None):
        # A version that has taken effect is history: change the rules with a new version.
        if obj is not None and obj.effective_from <= selectors.today():
            return [f.name for f in obj._meta.fields if f.name != "id"]
        return []


@admin.register(Canteen)
class CanteenAdmin(ScopedAdmin):
    list_display = ["name", "name_mn", "village", "capacity", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "village__name"]
    list_select_related = ["village"]


class BookingAdminForm(forms.ModelForm):
    """Adds run the same rule check as the form and the API."""

    class Meta:
        model = Booking
        fields = ["household", "canteen", "occasion", "kind", "date", "tables",
                  "dishes_per_table", "gift_limit", "formal_meals", "guests"]

    def clean(self):
        data = super().clean()
        needed = ("household", "canteen", "occasion", "kind", "date", "tables",
                  "dishes_per_table", "gift_limit")
        if self.instance.pk or any(data.get(k) in (None, "") for k in needed):
            return data
        result = services.booking_check(
            household=data["household"], canteen=data["canteen"],
            request=self.booking_request(),
        )
        if result.violations:
            errors = {}
            for v in result.violations:
                errors.setdefault(v.field if v.field in self.fields else None, []).append(
                    v.message)
            raise ValidationError(errors)
        return data

    def booking_request(self):
        d = self.cleaned_data
        return BookingRequest(occasion=d["occasion"], kind=d["kind"], date=d["date"],
                              tables=d["tables"], dishes_per_table=d["dishes_per_table"],
                              gift_limit=d["gift_limit"], formal_meals=d.get("formal_meals")
                              or 1)


class BookingEventInline(ReadOnlyInline):
    model = BookingEvent
    fields = ["from_status", "to_status", "actor", "note", "at"]


@admin.register(Booking)
class BookingAdmin(WithheldListMixin, ScopedAdmin):
    form = BookingAdminForm
    list_display = ["date", "household", "support_flag", "canteen", "occasion", "kind",
                    "tables", "fee", "status"]
    list_filter = ["status", "kind", "occasion"]
    search_fields = ["household__number", "household__head_name", "canteen__name"]
    household_search = "household"  # number, head, any of its phones
    list_select_related = ["household", "canteen"]
    raw_id_fields = ["household"]
    date_hierarchy = "date"
    inlines = [BookingEventInline]
    actions = ["approve_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in Booking._meta.fields if f.name != "id"] + ["support_flag"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return BookingAdminForm.Meta.fields
        return ["support_flag", *[f.name for f in Booking._meta.fields if f.name != "id"]]

    def save_model(self, request, obj, form, change):
        if change:
            return  # bookings change only through their flow (approve, reject, held, cancel)
        booking = services.booking_create(
            household=form.cleaned_data["household"], canteen=form.cleaned_data["canteen"],
            request=form.booking_request(), actor=request.user,
            guests=form.cleaned_data.get("guests"),
        )
        obj.pk = booking.pk
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """Nothing related to save: the booking service wrote the whole booking."""

    @admin.action(description=gettext_lazy("Approve the selected bookings"))
    def approve_selected(self, request, queryset):
        done = 0
        for booking in queryset.filter(status=Status.SUBMITTED).select_related(
                "canteen__village"):
            try:
                services.booking_approve(booking, actor=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{booking}: {exc.message}", messages.ERROR)
        self.message_user(request, _("%(n)s bookings approved.") % {"n": done})


@admin.register(ViolationRecord)
class ViolationRecordAdmin(WithheldListMixin, ScopedAdmin):
    list_display = ["event_date", "household", "support_flag", "rule",
                    "support_withheld_until"]
    list_filter = ["rule"]
    search_fields = ["household__number", "household__head_name"]
    household_search = "household"  # number, head, any of its phones
    list_select_related = ["household"]
    raw_id_fields = ["household", "booking"]
    readonly_fields = ["recorded_by"]
    date_hierarchy = "event_date"

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        record = services.violation_record(
            household=obj.household, actor=request.user, event_date=obj.event_date,
            rule=obj.rule, description=obj.description,
            support_withheld_until=obj.support_withheld_until, booking=obj.booking,
        )
        obj.pk = record.pk
        obj.refresh_from_db()


@admin.register(SavingsAssumption)
class SavingsAssumptionAdmin(admin.ModelAdmin):
    """The savings estimate's figures per occasion: read by every admin role, corrected by the
    banner's administrators; the occasions are fixed (no adding or deleting)."""

    list_display = ["occasion", "usual_tables", "usual_cost_per_table", "usual_gift_per_guest",
                    "cost_without_rules", "basis", "updated_at"]
    fields = ["occasion", "usual_tables", "usual_cost_per_table", "usual_gift_per_guest",
              "basis"]
    readonly_fields = ["occasion"]

    def _allowed(self, request, roles):
        user = request.user
        return user.is_active and (user.is_superuser or has_role(user, *roles))

    def has_module_permission(self, request):
        return self._allowed(request, ADMIN_SITE_ROLES)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, ADMIN_SITE_ROLES)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, {Role.BANNER_ADMIN})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
