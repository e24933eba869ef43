"""Reads of the volunteers app: querysets the API, pages and admin share."""

from django.db.models import Prefetch, Q

from practice.roles import STAFF_ROLES, has_role
from practice.scoping import path_in_scope

from .models import (
    OPEN_STATUSES,
    Order,
    OrderEvent,
    OrderStatus,
    ServiceItem,
    Team,
    TimeBankAccount,
    TimeBankEntry,
    Volunteer,
)


def orders_for(user):
    return Order.objects.for_user(user).select_related(
        "service_item", "village", "handler_unit", "team", "volunteer", "household"
    )


def order_with_events(user, pk):
    events = OrderEvent.objects.select_related("actor").order_by("created_at", "pk")
    return (orders_for(user).prefetch_related(Prefetch("events", queryset=events))
            .filter(pk=pk).first())


def menu_for_village(village):
    """The items offered to a village: its own, its township's and the banner's."""
    codes = village.path.strip("/").split("/")
    return (ServiceItem.objects.filter(active=True, unit__code__in=codes)
            .select_related("unit").order_by("category", "name", "pk"))


def teams_dispatchable_by(user):
    """Active teams inside the user's subtree (staff only)."""
    if not (user.is_superuser or has_role(user, *STAFF_ROLES)):
        return Team.objects.none()
    return Team.objects.for_user(user).filter(active=True).select_related("unit")


def can_dispatch(user, order) -> bool:
    return (
        order.status == OrderStatus.SUBMITTED
        and (user.is_superuser or has_role(user, *STAFF_ROLES))
        and path_in_scope(user, order.handler_unit.path)
    )


def volunteer_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.filter(user=user).first()


def team_ids_of(user):
    return list(Team.objects.filter(memberships__volunteer__user=user).values_list("pk", flat=True))


def team_orders(user, *, open_only=False):
    """Orders of the volunteer's teams (what they may accept and what they hold)."""
    qs = orders_for(user).filter(
        Q(team__memberships__volunteer__user=user) | Q(volunteer__user=user)
    ).distinct()
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs


def timebank_entries(volunteer):
    return TimeBankEntry.objects.filter(account__volunteer=volunteer).order_by("-created_at", "-pk")


def timebank_balance(volunteer):
    return (TimeBankAccount.objects.filter(volunteer=volunteer)
            .values_list("balance", flat=True).first()) or 0
