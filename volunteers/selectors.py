"""Reads of the volunteers app: querysets the API, pages and admin share."""

import re
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal
from types import SimpleNamespace

from django.core import signing
from django.db.models import Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from practice import numbers
from practice.exceptions import InvalidInput
from practice.language import local_name
from practice.models import Household, Level, Unit, User
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role
from practice.selectors import household_match, mask_phone, phone_in, search_text

from .models import (
    OPEN_STATUSES,
    Activity,
    ActivityCategory,
    ActivityStatus,
    ApplicationStatus,
    Attendance,
    EntryKind,
    Order,
    OrderEvent,
    OrderStatus,
    ServiceItem,
    Team,
    TimeBankAccount,
    TimeBankEntry,
    Volunteer,
    VolunteerApplication,
    team_ids_of,
    volunteer_ids_of,
)

# The rows an order is shown with (API and pages); the pages show its household too. They
# are prefetched (one plain ``id IN (…)`` query each) rather than joined: PostgreSQL took
# longer to plan the six-table join than to run these five small queries.
ORDER_RELATED = ("service_item", "village", "handler_unit", "team", "volunteer")
ORDER_PAGE_RELATED = (*ORDER_RELATED, "household")


# --- finding orders by what staff know --------------------------------------------------------
SEARCH_KEYS_AT_MOST = 500
_ORDER_NUMBER = re.compile(r"^([#＃№]?)\s*(\d{1,18})$")


def order_number(term: str) -> tuple[int | None, bool]:
    """The order number ``term`` spells ("20001", "#20001"), or None; and whether it is only
    that ("#20001": the order's number as the pages show it)."""
    found = _ORDER_NUMBER.match(term)
    if found is None:
        return None, False
    return int(found.group(2)), bool(found.group(1))


def _keys(rows):
    """The keys of ``rows`` when they are few (at most ``SEARCH_KEYS_AT_MOST``), else the
    query itself: a list of keys makes each branch of the search an index lookup on the
    orders' foreign key; a common name keeps the subquery."""
    keys = list(rows.order_by().values_list("pk", flat=True)[:SEARCH_KEYS_AT_MOST + 1])
    return rows.values("pk") if len(keys) > SEARCH_KEYS_AT_MOST else keys


def order_match(term: str, *, user) -> Q:
    """Orders by their number ("#20001" by that alone: digits may also be in a household's
    number), their household (number, head's name, any of its phones: see
    :func:`practice.selectors.household_match`), the volunteer who holds them (name, phone) or
    the team they went to (name). Two small lookups of keys: the households ``user`` may see,
    and the volunteers and teams."""
    number, only_number = order_number(term)
    if only_number:
        return Q(pk=number)
    match = Q(pk=number) if number is not None else Q()
    households = _keys(Household.objects.for_user(user).filter(household_match(term)))
    volunteers = _keys(Volunteer.objects.filter(volunteer_match(term)))
    teams = _keys(Team.objects.filter(name__contains=term))
    return (match | Q(household_id__in=households) | Q(volunteer_id__in=volunteers)
            | Q(team_id__in=teams))


def orders_matching(orders, term, *, user):
    """``orders`` (already scoped to ``user``) found by ``term`` (:func:`order_match`): the
    staff's order list, the API's ``?search=`` and the admin's search box."""
    term = search_text(term)
    return orders.filter(order_match(term, user=user)) if term else orders


def order_for_answer(pk):
    """The order an action answers with, read again after the service changed it."""
    return Order.objects.prefetch_related(*ORDER_RELATED).get(pk=pk)


def orders_for(user):
    """The orders ``user`` may see, with the rows a page of them shows."""
    return Order.objects.for_user(user).prefetch_related(*ORDER_PAGE_RELATED)


MANY_OWN_ORDERS = 500


def keys_first(orders):
    """``orders`` narrowed to the list of their keys when they are few (at most
    ``MANY_OWN_ORDERS``): for the orders of one person (a villager's, a volunteer's).

    Estimating from the average person, PostgreSQL would walk the newest-first index through
    every order of the network to find the few of this one; their keys, looked up first
    through the indexes of the filter's columns, make the page a lookup of those keys. For
    someone with very many orders that walk meets theirs at once, and their keys would not:
    they keep the query as it is.
    """
    mine = list(orders.order_by().values_list("pk", flat=True)[:MANY_OWN_ORDERS + 1])
    if len(mine) > MANY_OWN_ORDERS:
        return orders
    return orders.filter(pk__in=mine)


def orders_listed(orders, user):
    """A list of ``orders`` (already scoped and filtered) as ``user`` pages through it: one
    person's orders (a villager's, a volunteer's) by their keys when they are few
    (:func:`keys_first`); staff's and readers' orders, a unit's, are dense and stay as they
    are."""
    if user.is_superuser or has_role(user, *SUBTREE_ROLES):
        return orders
    return keys_first(orders)


def own_orders(user):
    """The orders ``user`` placed and their household's, newest first ("my orders")."""
    q = Q(created_by=user)
    if user.household_id:
        q |= Q(household_id=user.household_id)
    return keys_first(orders_for(user).filter(q)).order_by("-created_at", "-pk")


def with_events(orders):
    """``orders`` as one order's detail shows it (API and page): with its related rows, and
    its events oldest first, each with its actor, as the list ``events_loaded``."""
    events = OrderEvent.objects.select_related("actor").order_by("at", "pk")
    return orders.prefetch_related(
        *ORDER_RELATED, Prefetch("events", queryset=events, to_attr="events_loaded"))


def order_with_events(user, pk):
    return with_events(Order.objects.for_user(user)).select_related("household").filter(
        pk=pk).first()


def order_visit(order, user) -> dict | None:
    """Where to go for an order (the head of household's name and the address): for the
    household itself, for staff of its area, and for the volunteer who holds the order while
    they hold it (accepted, not yet completed); None for anyone else, who sees the village."""
    household = order.household
    if household is None or user is None or not getattr(user, "is_authenticated", False):
        return None
    holds = (order.status == OrderStatus.ACCEPTED and order.volunteer_id is not None
             and order.volunteer.user_id == user.pk)
    own = user.household_id == order.household_id
    staff = user.is_superuser or (has_role(user, *SUBTREE_ROLES) and user.unit_id is not None
                                  and order.village.path.startswith(user.unit.path))
    if not (holds or own or staff):
        return None
    return {"head_name": household.head_name, "address": household.address,
            "phone": household.phone}


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


def teams_to_filter_by(user):
    """The teams a list of orders may be narrowed to: every team inside the user's scope
    (inactive ones too: their orders stay listed), with their units, by unit then name."""
    return Team.objects.for_user(user).select_related("unit").order_by("unit__path", "name",
                                                                         "pk")


def volunteer_of(user):
    """The volunteer record of ``user`` (None for someone who is not a volunteer)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.filter(user=user).first()


def team_orders(user, *, open_only=False):
    """Orders of the volunteer's teams (what they may accept and what they hold)."""
    # Keys rather than an OR across the memberships join (which needed DISTINCT and made
    # PostgreSQL join every order to every membership).
    qs = orders_for(user).filter(Q(team_id__in=team_ids_of(user))
                                 | Q(volunteer_id__in=volunteer_ids_of(user)))
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs


def timebank_entries(volunteer):
    return TimeBankEntry.objects.filter(account__volunteer=volunteer).order_by("-created_at", "-pk")


def timebank_balance(volunteer):
    return (TimeBankAccount.objects.filter(volunteer=volunteer)
            .values_list("balance", flat=True).first()) or 0


# --- practice activities ---------------------------------------------------------------------
def activities_for(user):
    """The activities ``user`` may see, with their units: what the pages' lists show (the
    activity page reads its teams and photos itself)."""
    return Activity.objects.for_user(user).select_related("unit", "category")


def volunteer_label(volunteer) -> str:
    """How a picker names a volunteer: name, home unit and masked phone, so two people with
    the same name can be told apart without showing anyone's full number. Select the
    volunteer's ``unit`` with it."""
    parts = [volunteer.name, volunteer.unit.name]
    if volunteer.phone:
        parts.append(mask_phone(volunteer.phone))
    return " · ".join(parts)


def volunteer_match(term: str) -> Q:
    """Volunteers by name, or by their phone written whole."""
    match = Q(name__contains=term)
    phone = phone_in(term)
    if phone:
        match |= Q(phone=phone) | Q(user__phone=phone)
    return match


def volunteers_matching(volunteers, term):
    """``volunteers`` (already scoped) found by name or phone; all of them for an empty
    term."""
    term = search_text(term)
    return volunteers.filter(volunteer_match(term)) if term else volunteers


def attendances_of(activity):
    return (Attendance.objects.filter(activity=activity).select_related("volunteer__unit")
            .order_by("checked_in_at", "pk"))


def month_bounds(month: date):
    """Aware [start, end) of the local calendar month holding ``month``."""
    tz = timezone.get_current_timezone()
    first = month.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return (datetime.combine(first, time.min, tzinfo=tz),
            datetime.combine(nxt, time.min, tzinfo=tz))


def parse_month(value):
    """``YYYY-MM`` → the first day of that month (this month when empty); 400 on ``month`` for
    anything else, or a month outside :func:`practice.numbers.month_range`."""
    if not value:
        return timezone.localdate().replace(day=1)
    month = numbers.parse_month(value)
    if month is None:
        raise InvalidInput(numbers.month_out_of_range_message(), field="month")
    return month


def _village_path(path: str) -> str:
    """The village's path from the path of a village or of a base below it."""
    return "/".join(path.strip("/").split("/")[:3]) + "/"


def service_day_calendar(user, month: date):
    """Every village in ``user``'s scope with its service days of the month (志愿服务活动日).

    Two queries: the villages, and the month's service-day activities in scope.
    Returns rows ``{"village", "held": [datetimes], "planned": [datetimes]}``.
    """
    start, end = month_bounds(month)
    villages = list(Unit.objects.for_user(user).filter(level=Level.VILLAGE)
                    .select_related("parent").order_by("path"))
    days = (Activity.objects.for_user(user)
            .filter(category=ActivityCategory.SERVICE_DAY, starts_at__gte=start,
                    starts_at__lt=end, status__in=[ActivityStatus.HELD, ActivityStatus.PLANNED])
            .values_list("unit__path", "status", "starts_at").order_by("starts_at"))
    held, planned = defaultdict(list), defaultdict(list)
    for path, status, starts_at in days:
        target = held if status == ActivityStatus.HELD else planned
        target[_village_path(path)].append(starts_at)
    return [{"village": v, "held": held.get(v.path, []), "planned": planned.get(v.path, [])}
            for v in villages]


def upcoming_activities_for_board(unit, *, limit=10):
    """Planned activities at ``unit``, below it and on the units above it (public fields)."""
    codes = unit.path.strip("/").split("/")
    rows = (Activity.objects.filter(Q(unit__path__startswith=unit.path) | Q(unit__code__in=codes),
                                    status=ActivityStatus.PLANNED,
                                    ends_at__gte=timezone.now())
            .order_by("starts_at", "pk")
            .values_list("title", "starts_at", "place", "category__name",
                         "category__name_mn")[:limit])
    return [{"title": title, "date": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
             "place": place, "category": local_name(SimpleNamespace(name=name, name_mn=name_mn))}
            for title, starts_at, place, name, name_mn in rows]


def station_staff_names(station):
    """The real names of a station's active staff, for the page its QR code opens. Names
    only: their phones are personal mobiles, not the station's."""
    return list(User.objects.filter(unit=station, role=Role.STATION_STAFF, is_active=True)
                .exclude(real_name="").order_by("real_name")
                .values_list("real_name", flat=True))


# --- volunteer applications and the hours certificate -----------------------------------------
APPLICATION_TOKEN_SALT = "volunteers.application-status"  # noqa: S105 (a salt, not a secret)


def applications_for(user):
    """The applications ``user`` may see, with what a list of them shows."""
    teams = Team.objects.select_related("unit").order_by("name", "pk")
    return (VolunteerApplication.objects.for_user(user)
            .select_related("village__parent", "volunteer")
            .prefetch_related(Prefetch("teams", queryset=teams)))


def pending_applications(user):
    """The applications waiting for a decision that ``user`` sees, oldest first (a queue)."""
    return applications_for(user).filter(status=ApplicationStatus.PENDING).order_by(
        "created_at", "pk")


def application_status_token(application) -> str:
    """The signed key of the applicant's status page (the applicant may have no account)."""
    return signing.dumps(application.pk, salt=APPLICATION_TOKEN_SALT)


def application_from_token(token):
    """The application a status-page key names, or None for a key not made here."""
    try:
        pk = signing.loads(str(token), salt=APPLICATION_TOKEN_SALT)
    except signing.BadSignature:
        return None
    return applications_for_status().filter(pk=pk).first()


def applications_for_status():
    teams = Team.objects.order_by("name", "pk")
    return (VolunteerApplication.objects.select_related("village__parent")
            .prefetch_related(Prefetch("teams", queryset=teams)))


def villages_to_apply_in():
    """Every village, with its township, in the network's order: the public application form
    lists them by township."""
    return (Unit.objects.filter(level=Level.VILLAGE).select_related("parent")
            .order_by("path").only("pk", "name", "path", "parent__name"))


def teams_open_to(village):
    """The active teams an applicant of ``village`` may join: the village's own, then its
    township's and the banner's."""
    if village is None:
        return Team.objects.none()
    return (Team.objects.filter(active=True, unit_id__in=village.line_ids())
            .select_related("unit").order_by("-unit__depth", "name", "pk"))


def led_team_ids(user) -> list[int]:
    return list(Team.objects.filter(leader__user=user, active=True).values_list("pk", flat=True))


def volunteer_for_certificate(user, pk):
    """The volunteer ``user`` may print a certificate for: themselves, or one of the area of
    staff (and leaders) whose scope holds them; None for anyone else."""
    return (Volunteer.objects.for_user(user).select_related("unit__parent").filter(pk=pk)
            .first())


def service_hours_of(volunteer) -> dict:
    """The hours ``volunteer`` has served, as the time bank recorded them: completed orders,
    attended activities (checked in and out by QR, or recorded by staff) and other hours
    staff entered, each net of its reversals. Drawing banked hours for the household spends
    them and does not undo the service, so draws are left out. One query.

    Returns ``{"orders", "activities", "staff_entered", "total"}`` as Decimals."""
    rows = (TimeBankEntry.objects.filter(account__volunteer=volunteer)
            .annotate(source_kind=Coalesce("reverses__kind", "kind"))
            .exclude(source_kind=EntryKind.DRAW)
            .values("source_kind").annotate(hours=Sum("hours")).order_by())
    cents = Decimal("0.01")
    by_kind = {r["source_kind"]: Decimal(r["hours"] or 0).quantize(cents) for r in rows}
    out = {"orders": by_kind.get(EntryKind.ORDER, Decimal("0.00")),
           "activities": by_kind.get(EntryKind.ACTIVITY, Decimal("0.00")),
           "staff_entered": by_kind.get(EntryKind.STAFF_ENTERED, Decimal("0.00"))}
    out["total"] = sum(out.values(), Decimal("0.00"))
    return out


def teams_of_volunteer(volunteer) -> list:
    """The volunteer's teams (each with its Chinese and optional Mongolian name)."""
    return list(Team.objects.filter(memberships__volunteer=volunteer).order_by("name", "pk")
                .only("name", "name_mn"))
