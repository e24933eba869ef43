"""One mechanism that restricts every queryset to what a user may see.

A model declares *where it hangs* in the network with a :class:`Scope`; its manager is a
:class:`ScopedManager` (or its queryset a :class:`ScopedQuerySet`). Then
``Model.objects.for_user(user)`` is the only question the admin, the API and the pages ask:

* staff, leaders and reviewers see the subtree of their unit (one indexed path-prefix query);
* villagers (and volunteers, for household records) see their own household's records;
* a role the model does not know sees nothing.

Models with special rules (a volunteer sees the orders dispatched to their teams) add a
per-role function in ``Scope(roles=...)`` that returns a ``Q``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from .roles import SUBTREE_ROLES, Role, capacities


@dataclass(frozen=True)
class Scope:
    """Where a model's rows hang in the network.

    ``unit``: lookup from the model to a ``Unit`` ("" when the model *is* a Unit, None if none).
    ``household``: lookup to a ``Household`` ("" when the model *is* a Household); villagers see
    the rows of their own household through it.
    ``user``: lookup to a user who owns the row (a villager sees rows they created).
    ``roles``: per-role functions ``f(user) -> Q | None`` that replace the defaults.
    """

    unit: str | None = None
    household: str | None = None
    user: str | None = None
    roles: dict[str, Callable] = field(default_factory=dict)

    def _lookup(self, base: str | None, tail: str) -> str:
        return f"{base}__{tail}" if base else tail

    def q_for(self, user, model) -> Q | None:
        """The filter on ``model`` (whose scope this is) for ``user``, or None when the user may
        see nothing.

        An account may act in several capacities (a staff role, a household's member, a
        volunteer: practice.roles.capacities); it sees the union of what each gives. With
        one capacity the filter is that capacity's own; with several, each capacity's rows
        are picked by key, so that no join of one doubles the rows of another.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return None
        if user.is_superuser:
            return Q()
        held = capacities(user)
        if not held:
            return None
        if len(held) == 1:
            role = next(iter(held))
            return self._q_as(acting_as(user, role), role, model)
        parts = [q for q in (self._q_as(acting_as(user, role), role, model)
                             for role in sorted(held)) if q is not None]
        if not parts:
            return None
        if any(not q for q in parts):  # one capacity sees everything
            return Q()
        out = Q()
        for q in parts:
            out |= Q(pk__in=model._base_manager.filter(q).values("pk"))
        return out

    def _q_as(self, user, role, model) -> Q | None:
        if role in self.roles:
            return self.roles[role](user)
        if role in SUBTREE_ROLES:
            if self.unit is None or user.unit_id is None:
                return None
            if user.unit.parent_id is None:
                # The banner is the one root: its subtree is everything. No join, no LIKE;
                # no condition at all when no row can lack a unit (each key on the way to it
                # is NOT NULL): the IS NOT NULL would join tables only to count rows.
                if not self.unit or unit_always_set(model, self.unit):
                    return Q()
                return Q(**{f"{self.unit}__isnull": False})
            return Q(**{self._lookup(self.unit, "path__startswith"): user.unit.path})
        if role in (Role.VILLAGER, Role.VOLUNTEER):
            q = None
            if self.household is not None and user.household_id:
                q = Q(
                    **{
                        self._lookup(self.household, "pk")
                        if self.household
                        else "pk": user.household_id
                    }
                )
            if self.user is not None:
                own = Q(**{self.user or "pk": user.pk})
                q = own if q is None else q | own
            return q
        return None


def acting_as(user, role):
    """``user`` as seen in one of its capacities: the same account (same key, so it matches
    rows it owns) whose ``role`` is that capacity and whose ``unit`` is where it acts in it:
    its household's village as a villager, its own unit otherwise."""
    if role == user.role:
        return user
    view = copy.copy(user)
    view.role = role
    if role == Role.VILLAGER and user.household_id:
        view.unit = user.household.village
    return view


def unit_always_set(model, lookup: str) -> bool:
    """Does every row of ``model`` reach a unit through ``lookup`` (each foreign key on the
    way NOT NULL)?"""
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        if not (field.many_to_one or field.one_to_one) or not field.concrete or field.null:
            return False
        model = field.related_model
    return True


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        scope: Scope | None = getattr(self.model, "scope", None)
        if scope is None:
            return self.none()
        q = scope.q_for(user, self.model)
        if q is None:
            return self.none()
        return self.filter(q)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def unit_in_scope(user, unit) -> bool:
    """May ``user`` (a subtree role) create or keep objects at ``unit``?"""
    return unit is not None and path_in_scope(user, unit.path)


def path_in_scope(user, path: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role not in SUBTREE_ROLES or user.unit_id is None:
        return False
    return path.startswith(user.unit.path)


def unit_of(obj):
    """The unit an object hangs at, following its model's ``Scope.unit`` lookup."""
    scope: Scope | None = getattr(type(obj), "scope", None)
    if scope is None or scope.unit is None:
        return None
    target = obj
    for part in scope.unit.split("__") if scope.unit else []:
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def object_in_scope(user, obj) -> bool:
    """Would ``obj``, as it is now (maybe unsaved or moved), lie inside ``user``'s subtree?"""
    unit = unit_of(obj)
    if unit is None:
        return False
    path = unit.compute_path() if unit is obj else unit.path
    return path_in_scope(user, path)
