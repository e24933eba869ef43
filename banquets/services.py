"""Writes of the banquets app: bookings, their status flow, held events and violations.

Each function is keyword-only after its subject, runs in one transaction, locks what it
changes, checks, writes, and records a :class:`BookingEvent`. The status flow is
:data:`BOOKING_FLOW`; :func:`booking_actions` tells pages which moves a user may make now, from
the same checks the moves make.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.numbers import add_months
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role
from practice.scoping import unit_in_scope
from practice.transitions import Machine

from . import selectors
from .models import (
    GUESTS_PER_TABLE,
    Booking,
    BookingEvent,
    Canteen,
    Kind,
    Rule,
    SavingsAssumption,
    Status,
    ViolationRecord,
)
from .rules import BookingRequest, Violation, check_booking, fee_for

# The status flow as a table of allowed moves.
BOOKING_FLOW = Machine(
    Booking, Status, event=BookingEvent, event_fk="booking",
    moves={
        "approve": ({Status.SUBMITTED}, Status.APPROVED),
        "reject": ({Status.SUBMITTED}, Status.REJECTED),
        "hold": ({Status.APPROVED}, Status.HELD),
        "cancel": ({Status.SUBMITTED, Status.APPROVED}, Status.CANCELLED),
    },
)


# A canteen is booked at most this many months ahead (a family plans a wedding within the year).
BOOKING_MONTHS_AHEAD = 12


def latest_booking_date(today: datetime.date | None = None) -> datetime.date:
    """The last day a booking may be made for: the same day ``BOOKING_MONTHS_AHEAD`` on."""
    return add_months(today or selectors.today(), BOOKING_MONTHS_AHEAD)


def date_problem(date: datetime.date) -> Violation | None:
    """Why ``date`` cannot be booked today (passed, or past the booking horizon), or None."""
    if date < selectors.today():
        return Violation("date", _("The date has already passed."))
    latest = latest_booking_date()
    if date > latest:
        return Violation("date", _(
            "Bookings are taken at most %(n)d months ahead, up to %(date)s."
        ) % {"n": BOOKING_MONTHS_AHEAD, "date": latest.isoformat()})
    return None


@dataclass(frozen=True)
class CheckResult:
    violations: list[Violation]
    fee: Decimal | None
    ruleset: object
    tables_left: int | None

    @property
    def ok(self) -> bool:
        return not self.violations


def _village_of(household, canteen):
    """The rules of the household's village bind the event, wherever its canteen is."""
    if household is not None:
        return household.village
    return canteen.village


def booking_check(*, household, canteen: Canteen, request: BookingRequest,
                  include_capacity: bool = True) -> CheckResult:
    """The rule check plus what only the database knows: the date and the canteen's room.

    ``booking_create`` leaves the room out and checks it itself under the canteen's lock.
    """
    ruleset = selectors.ruleset_in_force(_village_of(household, canteen), request.date)
    problems = list(check_booking(request, ruleset))
    left = None
    if request.date is not None:
        if (problem := date_problem(request.date)) is not None:
            problems.insert(0, problem)
        left = selectors.tables_left(canteen, request.date) if include_capacity else None
        if left is not None and request.tables > left:
            problems.append(Violation("date", _(
                "%(canteen)s has only %(n)s tables left on that day."
            ) % {"canteen": canteen.name, "n": left}))
    if not canteen.is_active:
        problems.append(Violation("canteen", _("This canteen is not taking bookings.")))
    return CheckResult(problems, fee_for(request.tables, ruleset), ruleset, left)


def _raise_for(problems: list[Violation]) -> None:
    errors: dict[str, list[str]] = {}
    for p in problems:
        errors.setdefault(p.field, []).append(p.message)
    raise ValidationError(errors)


def _check_actor_may_book(actor, household, canteen):
    staff = has_role(actor, *STAFF_ROLES) or actor.is_superuser
    if has_role(actor, Role.VILLAGER) and (actor.household_id == household.pk or not staff):
        if not actor.household_id or actor.household_id != household.pk:
            raise Forbidden(_("Villagers book for their own household only."), field="household")
    elif staff:
        if not (unit_in_scope(actor, household.village) or unit_in_scope(actor, canteen.village)):
            raise Forbidden(_("This household is outside your unit."), field="household")
    else:
        raise Forbidden()


def booking_create(*, household, canteen: Canteen, request: BookingRequest, actor,
                   guests: int | None = None) -> Booking:
    """Book ``canteen`` for ``household`` if every rule holds and the canteen has room.

    The canteen's row is locked first, so two bookings for the same canteen are decided one
    after the other: the second sees the tables of the first and is refused (409) when they no
    longer fit.
    """
    _check_actor_may_book(actor, household, canteen)
    with transaction.atomic():
        canteen = Canteen.objects.select_for_update().get(pk=canteen.pk)
        result = booking_check(household=household, canteen=canteen, request=request,
                               include_capacity=False)
        if result.violations:
            _raise_for(result.violations)
        booked = selectors.tables_booked(canteen, request.date)
        if booked + request.tables > canteen.capacity:
            left = max(canteen.capacity - booked, 0)
            raise Conflict(
                _("%(canteen)s has only %(n)s tables left on %(date)s.")
                % {"canteen": canteen.name, "n": left, "date": request.date.isoformat()},
                code="canteen_full",
                extra={"tables_left": left},
            )
        booking = Booking.objects.create(
            household=household,
            canteen=canteen,
            ruleset=result.ruleset if result.ruleset.pk else None,
            occasion=request.occasion,
            kind=request.kind,
            date=request.date,
            tables=request.tables,
            dishes_per_table=request.dishes_per_table,
            gift_limit=request.gift_limit,
            formal_meals=request.formal_meals,
            guests=guests,
            fee=result.fee,
            created_by=actor,
        )
        BOOKING_FLOW.record(booking, actor=actor, to_status=Status.SUBMITTED)
    return booking


# --- who decides: the red-and-white council where it is set up, station staff where not ------
def _staff_refusal(actor, booking) -> Forbidden | None:
    """Station staff of the canteen's village and staff above it."""
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        return Forbidden()
    if not unit_in_scope(actor, booking.canteen.village):
        return Forbidden(_("This canteen is outside your unit."))
    return None


def _standing(actor, booking, standing) -> selectors.CouncilStanding:
    if standing is None:
        standing = selectors.council_standing(actor, {booking.canteen.village_id})
    return standing


def _decision_refusal(actor, booking, standing=None) -> Forbidden | None:
    """Approving and rejecting a booking is the red-and-white council's where the canteen's
    village has one set up (a sitting member): any sitting member decides, or only the chair
    where the council says so; staff no longer do. Where it has none (or its members' terms
    have all ended) station staff and staff above act for it, as before."""
    standing = _standing(actor, booking, standing)
    village_id = booking.canteen.village_id
    if village_id not in standing.set_up:
        return _staff_refusal(actor, booking)
    if village_id in standing.decides:
        return None
    if village_id in standing.sits:
        return Forbidden(_("Only the chair of the red-and-white council decides on bookings."))
    return Forbidden(_("The village's red-and-white council decides on bookings."))


def _staff_move_refusal(actor, booking, standing=None) -> Forbidden | None:
    return _staff_refusal(actor, booking)


def _cancel_refusal(actor, booking, standing=None) -> Forbidden | None:
    """Villagers cancel their own household's bookings; otherwise staff do."""
    if has_role(actor, Role.VILLAGER) and actor.household_id == booking.household_id:
        return None
    if has_role(actor, Role.VILLAGER) and not has_role(actor, *SUBTREE_ROLES):
        return Forbidden(_("Villagers cancel their own household's bookings only."))
    return _staff_refusal(actor, booking)


# Who may make each move (the status table above says when).
_WHO_MAY = {
    "approve": _decision_refusal,
    "reject": _decision_refusal,
    "hold": _staff_move_refusal,
    "cancel": _cancel_refusal,
}


def _require(action: str, actor, booking, standing=None) -> None:
    refusal = _WHO_MAY[action](actor, booking, standing)
    if refusal is not None:
        raise refusal


def may_decide_somewhere(user) -> bool:
    """May ``user`` approve or reject any booking at all: staff (where no council is set up)
    or a sitting member of a red-and-white council. Others are refused before any booking is
    looked up, so that they learn nothing of bookings that are not theirs."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (user.is_superuser or has_role(user, *STAFF_ROLES)
            or selectors.sits_on_a_council(user))


def _date_has_come(booking) -> bool:
    """An event is recorded as held on or after its date."""
    return booking.date <= selectors.today()


def booking_actions(booking: Booking, user, *, standing=None) -> list[str]:
    """The moves ``user`` may make on ``booking`` now (``approve``, ``reject``, ``hold``,
    ``cancel``): those its status allows, narrowed by the checks the moves themselves make.
    ``standing`` (selectors.council_standing) answers the council's part for a page of
    bookings at once."""
    return [
        action for action in BOOKING_FLOW.actions(booking)
        if _WHO_MAY[action](user, booking, standing) is None
        and (action != "hold" or _date_has_come(booking))
    ]


def with_actions(bookings, user):
    """Each booking of a page with ``.actions`` (booking_actions) and ``.awaits_council`` (it
    waits for a council's decision that is not this user's to make), in two queries."""
    bookings = list(bookings)
    standing = selectors.council_standing(user, {b.canteen.village_id for b in bookings})
    for b in bookings:
        b.actions = booking_actions(b, user, standing=standing)
        b.awaits_council = (b.status == Status.SUBMITTED
                            and b.canteen.village_id in standing.set_up
                            and "approve" not in b.actions)
    return bookings


def _locked(booking: Booking) -> Booking:
    """The booking's row, locked and read afresh, for a move that depends on its fields."""
    return Booking.objects.select_for_update(of=("self",)).select_related(
        "canteen__village", "ruleset").get(pk=booking.pk)


def _move(booking: Booking, action: str, *, actor, note="", **changes) -> Booking:
    with transaction.atomic():
        locked = _locked(booking)
        BOOKING_FLOW.move(locked, action, actor=actor, note=note, **changes)
    return locked


def _decider(action: str, actor, booking: Booking) -> dict:
    """Refuse whoever may not approve or reject ``booking``; else the fields that record the
    decider on the booking (the event's actor is the same person): who, and whether as the
    village's red-and-white council."""
    standing = selectors.council_standing(actor, {booking.canteen.village_id})
    _require(action, actor, booking, standing)
    return {"decided_by": actor, "by_council": booking.canteen.village_id in standing.set_up}


def booking_approve(booking: Booking, *, actor) -> Booking:
    decider = _decider("approve", actor, booking)
    if booking.date > latest_booking_date():  # written before the horizon was enforced
        raise InvalidInput(date_problem(booking.date).message, field="date")
    return _move(booking, "approve", actor=actor, **decider)


def _clean_reason(reason, missing) -> str:
    """The stripped reason for a move that records one; refused when empty or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(missing, field="reason")
    longest = Booking._meta.get_field("reason").max_length
    if len(reason) > longest:
        raise InvalidInput(_("The reason is too long (at most %(n)d characters).")
                           % {"n": longest}, field="reason")
    return reason


def booking_reject(booking: Booking, *, actor, reason: str) -> Booking:
    decider = _decider("reject", actor, booking)
    reason = _clean_reason(reason, _("Give the reason for rejecting the booking."))
    return _move(booking, "reject", actor=actor, note=reason, reason=reason, **decider)


def booking_cancel(booking: Booking, *, actor, reason: str = "") -> Booking:
    """Cancel a booking, approved ones included: a destructive move, so it needs a reason,
    which is kept on the booking for the household and the council to read."""
    _require("cancel", actor, booking)
    reason = _clean_reason(reason, _("Give the reason for cancelling the booking."))
    return _move(booking, "cancel", actor=actor, note=reason, reason=reason)


def estimate_savings(*, kind: str, tables_used: int, gift_limit: int, fee: Decimal,
                     ruleset, assumption=None) -> tuple[Decimal, Decimal, Decimal]:
    """(cost without the rules, cost under them, savings) of one held event, in yuan.

    Without the rules an event of its occasion had what the occasion's
    :class:`SavingsAssumption` says (tables, cost a table, gift a guest; the rule set's
    figures for an occasion without one); under them it had ``tables_used`` tables at the
    banquet's or tea party's cost plus the venue fee, and gifts were at most ``gift_limit``.
    An event never saves less than nothing.
    """
    if assumption is not None:
        without = Decimal(assumption.cost_without_rules)
    else:
        usual_guests = ruleset.usual_tables * GUESTS_PER_TABLE
        without = Decimal(ruleset.usual_tables * ruleset.usual_cost_per_table
                          + usual_guests * ruleset.usual_gift)
    per_table = (ruleset.banquet_cost_per_table if kind == Kind.BANQUET
                 else ruleset.tea_party_cost_per_table)
    guests = tables_used * GUESTS_PER_TABLE
    with_rules = Decimal(tables_used * per_table + guests * gift_limit) + Decimal(fee)
    return without, with_rules, max(without - with_rules, Decimal(0))


def booking_held(booking: Booking, *, actor, tables_used: int) -> Booking:
    """Record that the event took place, with the tables actually used, and its savings."""
    _require("hold", actor, booking)
    try:
        tables_used = int(tables_used)
    except (TypeError, ValueError):
        tables_used = 0
    if tables_used < 1:
        raise InvalidInput(_("Enter the tables actually used (at least 1)."), field="tables")

    with transaction.atomic():
        locked = _locked(booking)
        BOOKING_FLOW.check(locked, "hold")
        if tables_used > locked.canteen.capacity:
            raise InvalidInput(_("More tables than the canteen holds."), field="tables")
        if not _date_has_come(locked):
            raise BOOKING_FLOW.refuse(locked.status, _(
                "An event can be recorded as held only on or after its date."))
        ruleset = locked.ruleset or selectors.ruleset_in_force(locked.household.village,
                                                               locked.date)
        fee = fee_for(tables_used, ruleset)
        without, with_rules, saved = estimate_savings(
            kind=locked.kind, tables_used=tables_used, gift_limit=locked.gift_limit, fee=fee,
            ruleset=ruleset,
            assumption=SavingsAssumption.objects.filter(occasion=locked.occasion).first(),
        )
        BOOKING_FLOW.move(locked, "hold", actor=actor, tables_used=tables_used, fee=fee,
                          cost_without_rules=without, cost_with_rules=with_rules, savings=saved)
    return locked


def violation_record(*, household, actor, event_date: datetime.date, rule: str,
                     description: str, support_withheld_until: datetime.date,
                     booking: Booking | None = None) -> ViolationRecord:
    """The council records a household's breach; the flag holds until the date it sets."""
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    if not unit_in_scope(actor, household.village):
        raise Forbidden(_("This household is outside your unit."), field="household")
    errors = {}
    if rule not in Rule.values:
        errors["rule"] = [_("Choose the rule that was broken.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe what happened.")]
    if event_date > selectors.today():
        errors["event_date"] = [_("The event date cannot be in the future.")]
    if support_withheld_until < event_date:
        errors["support_withheld_until"] = [_("The date must not be before the event date.")]
    if booking is not None and booking.household_id != household.pk:
        errors["booking"] = [_("The booking belongs to another household.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return ViolationRecord.objects.create(
            household=household, booking=booking, event_date=event_date, rule=rule,
            description=description.strip(), support_withheld_until=support_withheld_until,
            recorded_by=actor,
        )
