"""Roles of the platform's users and what each may do in general.

Fine-grained checks (may this user dispatch *this* order?) live in each app's services module;
this module only answers "which roles are staff", "which roles see a subtree" and the like,
so that every app asks the same question the same way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VILLAGER = "villager", _("Villager")
    VOLUNTEER = "volunteer", _("Volunteer")
    STATION_STAFF = "station_staff", _("Station staff")
    TOWNSHIP_STAFF = "township_staff", _("Township staff")
    LEADER = "leader", _("Leader")
    BANNER_ADMIN = "banner_admin", _("Banner administrator")
    REVIEWER = "reviewer", _("Third-party reviewer")


# Roles whose scope is the subtree of their unit (they see everything at and below it).
SUBTREE_ROLES = frozenset(
    {Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER, Role.BANNER_ADMIN, Role.REVIEWER}
)
# Roles that manage records of their subtree (create, change, act for the organisation).
STAFF_ROLES = frozenset({Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})
# Roles that read reports and dashboards of their subtree.
READER_ROLES = frozenset({Role.LEADER, Role.REVIEWER})
# Roles that may open the browser admin.
ADMIN_SITE_ROLES = frozenset(
    {Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER, Role.BANNER_ADMIN, Role.REVIEWER}
)


def capacities(user) -> frozenset:
    """What an account acts as: one person, one account.

    An account has at most one staff role (``user.role`` when it is one of
    :data:`SUBTREE_ROLES`) for its work; it is a villager when it belongs to a household (or
    its role says so); it is a volunteer when it has a volunteer profile (or its role says so).
    What it may see and do is the union of what each capacity gives (practice/scoping.py).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    held = set()
    if user.role in SUBTREE_ROLES:
        held.add(user.role)
    if user.role == Role.VILLAGER or getattr(user, "household_id", None):
        held.add(Role.VILLAGER)
    if user.role == Role.VOLUNTEER or getattr(user, "has_volunteer_profile", False):
        held.add(Role.VOLUNTEER)
    return frozenset(held)


def has_role(user, *roles) -> bool:
    """True when the user is logged in, active, and holds one of ``roles`` in one of its
    capacities."""
    return not capacities(user).isdisjoint(roles)


def has_staff_role(user) -> bool:
    """Does the account have a staff role (it signs in with a password, never by a code)?"""
    return bool(user is not None and getattr(user, "role", None) in SUBTREE_ROLES)


def is_staff_role(user) -> bool:
    return has_role(user, *STAFF_ROLES)
