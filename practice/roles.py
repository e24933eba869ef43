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


def has_role(user, *roles) -> bool:
    """True when the user is logged in, active, and holds one of ``roles``."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in roles
    )


def is_staff_role(user) -> bool:
    return has_role(user, *STAFF_ROLES)
