"""Admin of the points supermarket: categories and price history, supermarkets, goods, stock-in,
and the ledger — read-only, no delete, corrected only through the reversal action."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.exceptions import DomainError
from practice.models import Level, Unit
from practice.roles import STAFF_ROLES, Role, has_role

from . import services
from .models import (
    Account,
    Category,
    CategoryPrice,
    Deposit,
    DepositLine,
    Entry,
    Product,
    Redemption,
    RedemptionLine,
    StockIn,
    Supermarket,
)

NOBODY: frozenset = frozenset()
BANNER_ADMIN = frozenset({Role.BANNER_ADMIN})


class ReadOnlyAdmin(ScopedAdmin):
    add_roles = NOBODY
    change_roles = NOBODY
    delete_roles = NOBODY


def _saved_by(obj, write) -> None:
    """Let the service ``write()`` the admin's addition; a rule it refuses answers 403 with its
    message."""
    try:
        saved = write()
    except DomainError as exc:
        raise PermissionDenied(str(exc.message)) from exc
    obj.pk = saved.pk


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ["name", "name_mn", "sort_order", "active"]
    list_editable = ["sort_order", "active"]
    add_roles = change_roles = BANNER_ADMIN
    delete_roles = NOBODY

    def save_model(self, request, obj, form, change):
        # Categories are banner-wide; the role check above is the whole rule.
        obj.save()


@admin.register(CategoryPrice)
class CategoryPriceAdmin(ScopedAdmin):
    """Price history: a price is never edited; a new price from a date replaces it."""

    list_display = ["category", "price_per_jin", "where", "effective_from", "created_by"]
    list_filter = ["category", ("village", admin.EmptyFieldListFilter)]
    list_select_related = ["category", "village", "created_by"]
    fields = ["category", "village", "price_per_jin", "effective_from"]
    add_roles = STAFF_ROLES
    change_roles = NOBODY
    delete_roles = NOBODY

    @admin.display(description=gettext_lazy("village"))
    def where(self, obj):
        return obj.village.name if obj.village_id else _("banner default")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "village":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(level=Level.VILLAGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        _saved_by(obj, lambda: services.price_set(
            obj.category, actor=request.user, price_per_jin=obj.price_per_jin,
            effective_from=obj.effective_from, village=obj.village,
        ))


class StockInInline(ReadOnlyInline):
    model = StockIn
    fields = ["created_at", "quantity", "stock_after", "note", "created_by"]
    ordering = ["-id"]


@admin.register(Supermarket)
class SupermarketAdmin(ScopedAdmin):
    list_display = ["name", "name_mn", "village", "opening_hours", "active"]
    list_select_related = ["village"]
    search_fields = ["name", "village__name"]
    add_roles = frozenset({Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})
    delete_roles = NOBODY

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "village":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(level=Level.VILLAGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Product)
class ProductAdmin(ScopedAdmin):
    list_display = ["name", "name_mn", "supermarket", "unit", "points", "value_yuan", "stock",
                    "active"]
    list_filter = ["active"]
    list_select_related = ["supermarket"]
    search_fields = ["name", "name_mn", "supermarket__name"]
    readonly_fields = ["stock"]
    delete_roles = NOBODY
    inlines = [StockInInline]


@admin.register(StockIn)
class StockInAdmin(ScopedAdmin):
    """Goods that arrived; recording one adds to the product's stock (through the service)."""

    list_display = ["created_at", "product", "supermarket", "quantity", "stock_after",
                    "created_by"]
    list_select_related = ["product__supermarket", "created_by"]
    fields = ["product", "quantity", "note"]
    change_roles = NOBODY
    delete_roles = NOBODY
    search_fields = ["product__name"]

    @admin.display(description=gettext_lazy("supermarket"))
    def supermarket(self, obj):
        return obj.product.supermarket

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "product":
            kwargs["queryset"] = Product.objects.for_user(request.user).select_related(
                "supermarket")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        _saved_by(obj, lambda: services.stock_in(obj.product, actor=request.user,
                                                 quantity=obj.quantity, note=obj.note))


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["household", "village", "balance", "updated_at"]
    list_select_related = ["household__village"]
    search_fields = ["household__number", "household__head_name"]
    household_search = "household"  # number, head, any of its phones

    @admin.display(description=gettext_lazy("village"))
    def village(self, obj):
        return obj.household.village


class LinesInline(ReadOnlyInline):
    """A record's lines, shown as they were written."""


class DepositLineInline(LinesInline):
    model = DepositLine
    fields = ["category", "weight_jin", "price_per_jin", "amount_yuan"]


class RedemptionLineInline(LinesInline):
    model = RedemptionLine
    fields = ["product", "quantity", "points_each", "value_yuan_each"]


class CounterRecordAdmin(ReadOnlyAdmin):
    """Deposits and redemptions: read-only, corrected only by reversing their ledger entry."""

    figures: list[str] = []  # the record's own columns, between the supermarket and the cashier
    list_select_related = ["household", "supermarket", "created_by"]
    search_fields = ["household__number", "household__head_name"]
    household_search = "household"  # number, head, any of its phones
    date_hierarchy = "created_at"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.list_display = ["id", "created_at", "household", "supermarket", *cls.figures,
                            "created_by"]

    def get_fields(self, request, obj=None):
        # The model puts the shared fields first; the page shows the record's own figures
        # after the points and before who recorded it and when.
        head, tail = ["household", "supermarket", "points"], ["created_by", "created_at"]
        own = [f for f in super().get_fields(request, obj) if f not in head + tail]
        return [*head, *own, *tail]


@admin.register(Deposit)
class DepositAdmin(CounterRecordAdmin):
    figures = ["weight_jin", "points"]
    inlines = [DepositLineInline]


@admin.register(Redemption)
class RedemptionAdmin(CounterRecordAdmin):
    figures = ["points", "value_yuan"]
    inlines = [RedemptionLineInline]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    """The ledger: nothing is added, changed or deleted here; a mistake gets a reversal."""

    list_display = ["id", "created_at", "household", "kind", "points", "balance_after",
                    "reverses", "reason", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["household", "created_by", "reverses"]
    search_fields = ["household__number", "household__head_name"]
    household_search = "household"  # number, head, any of its phones
    readonly_fields = ["household", "kind", "points", "balance_after", "deposit", "redemption",
                       "reverses", "reason", "idempotency_key", "created_by", "created_at"]
    actions = ["reverse_entries"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not (request.user.is_superuser or has_role(request.user, *STAFF_ROLES)):
            actions.pop("reverse_entries", None)
        return actions

    @admin.action(description=gettext_lazy("Reverse the selected entries"))
    def reverse_entries(self, request, queryset):
        reason = (request.POST.get("reason") or "").strip()
        if "confirm" not in request.POST or not reason:
            return TemplateResponse(request, "points_market/admin_reverse.html", {
                **self.admin_site.each_context(request),
                "title": _("Reverse ledger entries"),
                "entries": queryset.select_related("household"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "missing_reason": "confirm" in request.POST,
                "opts": self.model._meta,
            })
        done = 0
        for entry in queryset.select_related("household"):
            try:
                services.entry_reverse(entry, actor=request.user, reason=reason)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"#{entry.pk}：{exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)s entries reversed.") % {"n": done},
                              messages.SUCCESS)
        return None
