"""The base of every API view: scope first, then role, then the action."""

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from practice.exceptions import Forbidden
from practice.scoping import unit_in_scope

from .permissions import ActionRolePermission


class ScopedMixin:
    """Restricts ``get_queryset`` to the caller's scope before anything else runs.

    Objects outside it are simply absent, so detail views and actions answer 404 for them.
    """

    permission_classes = [IsAuthenticated, ActionRolePermission]
    action_roles: dict | None = None

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def check_unit_in_scope(self, unit, field="unit"):
        """Refuse to create or move an object to a unit outside the caller's subtree."""
        if not unit_in_scope(self.request.user, unit):
            raise Forbidden(field=field)


class ScopedReadOnlyViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedMixin, viewsets.ModelViewSet):
    pass
