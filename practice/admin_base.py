"""The base of every admin class: scoped changelists, scoped choices, role-based rights.

Other apps subclass :class:`ScopedAdmin` so that the browser admin shows a township's staff
only their township, and refuses to save an object outside it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .append_only import is_append_only
from .roles import ADMIN_SITE_ROLES, STAFF_ROLES, Role, has_role
from .scoping import object_in_scope
from .selectors import household_match
from .text_input import SEARCH_MAX_LENGTH, search_too_long_message


class ScopedAdmin(admin.ModelAdmin):
    view_roles = ADMIN_SITE_ROLES
    add_roles = STAFF_ROLES
    change_roles = STAFF_ROLES
    delete_roles: frozenset = frozenset({Role.BANNER_ADMIN})
    list_per_page = 50
    # A filtered list counts its own rows only, not also everything in scope ("N total"):
    # a second count over the ledgers, time bank and orders at the banner's scope.
    show_full_result_count = False

    # --- rights by role -----------------------------------------------------------------
    def _allowed(self, request, roles):
        user = request.user
        return user.is_active and (user.is_superuser or has_role(user, *roles))

    def has_module_permission(self, request):
        return self._allowed(request, self.view_roles)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, self.view_roles | self.change_roles)

    def has_add_permission(self, request):
        return self._allowed(request, self.add_roles)

    # An append-only row (a ledger line, a history, a vote) is never changed or deleted, not
    # even by a superuser: the database would refuse it (practice/append_only.py).
    def has_change_permission(self, request, obj=None):
        return not is_append_only(self.model) and self._allowed(request, self.change_roles)

    def has_delete_permission(self, request, obj=None):
        return not is_append_only(self.model) and self._allowed(request, self.delete_roles)

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is None:  # an "add" page: what was written about the object does not exist yet
            return [inline for inline in inlines if not issubclass(inline, ReadOnlyInline)]
        return inlines

    # --- search ---------------------------------------------------------------------------
    # The lookup from this model to a Household: the search box then finds rows by what staff
    # know of the household (number, head's name, any of its phones: practice/selectors.py),
    # besides ``search_fields``.
    household_search: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.household_search is not None and self.search_help_text is None:
            self.search_help_text = gettext_lazy(
                "Household number, the head's name, or any phone of the household.")

    def search_results(self, request, queryset, term):
        """The rows a search for ``term`` finds by the app's own rule (its selectors), or None
        to search ``search_fields`` (and the household, see ``household_search``)."""
        return None

    def get_search_results(self, request, queryset, search_term):
        """A search text longer than anything it could find finds nothing, with a message
        (SQLite refuses such a LIKE pattern outright)."""
        if len(search_term) > SEARCH_MAX_LENGTH:
            messages.error(request, search_too_long_message())
            return queryset.none(), False
        term = search_term.strip()
        if term:
            found = self.search_results(request, queryset, term)
            if found is not None:
                return found, False
        by_fields, duplicates = super().get_search_results(request, queryset, search_term)
        if term and self.household_search is not None:
            by_household = queryset.filter(household_match(term, through=self.household_search))
            return (by_fields | by_household) if self.search_fields else by_household, duplicates
        return by_fields, duplicates

    # --- scope ----------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if hasattr(manager, "for_user") and "queryset" not in kwargs:
            kwargs["queryset"] = manager.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if hasattr(manager, "for_user") and "queryset" not in kwargs:
            kwargs["queryset"] = manager.for_user(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not object_in_scope(request.user, obj):
            raise PermissionDenied(_("You can only save objects inside your own unit."))
        super().save_model(request, obj, form, change)


class ReadOnlyInline(admin.TabularInline):
    """Rows shown as they were written inside their parent's page (a history, a record's lines,
    a report's figures) to everyone who may open that page: the parent's admin has checked the
    role and the scope already. Django's own model permissions, which our roles do not use,
    would hide them from staff."""

    extra = 0
    max_num = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields or ())

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
