from rest_framework.permissions import BasePermission

from practice.roles import has_role


class ActionRolePermission(BasePermission):
    """Lets a role through when the view's ``action_roles`` lists it for the current action.

    ``action_roles`` maps an action name ("list", "create", "dispatch", …) to a set of roles;
    the key ``"*"`` is the fallback. A view without the attribute admits every logged-in user.
    Scope is not checked here: the scoped queryset answers 404 for what lies outside it.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        table = getattr(view, "action_roles", None)
        if table is None:
            return True
        action = getattr(view, "action", None) or request.method.lower()
        roles = table.get(action, table.get("*"))
        if roles is None:
            return False
        return has_role(user, *roles)
