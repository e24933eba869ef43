"""Writes of the banquets app: bookings, their status flow, held events and violations.

Each function is keyword-only after its subject, runs in one transaction, locks what it
changes, checks, writes, and records a :class:`BookingEvent`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import unit_in_scope

from . import selectors
from .models import (
    GUESTS_PER_TABLE,
    Booking,
    BookingEvent,
    Canteen,
    Kind,
    Rule,
    Status,
    ViolationRecord,
)
from .rules import BookingRequest, Violation, check_booking, fee_for

# The status flow as a table of allowed moves.
TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.CANCELLED},
    Status.APPROVED: {Status.HELD, Status.CANCELLED},
    Status.REJECTED: set(),
    Status.HELD: set(),
    Status.CANCELLED: set(),
}


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
        if request.date < selectors.today():
            problems.insert(0, Violation("date", _("The date has already passed.")))
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


def _record(booking, from_status, to_status, actor, note=""):
    BookingEvent.objects.create(
        booking=booking, from_status=from_status, to_status=to_status, actor=actor, note=note
    )


def _check_actor_may_book(actor, household, canteen):
    if has_role(actor, Role.VILLAGER):
        if not actor.household_id or actor.household_id != household.pk:
            raise Forbidden(_("Villagers book for their own household only."), field="household")
    elif has_role(actor, *STAFF_ROLES) or actor.is_superuser:
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
        _record(booking, "", Status.SUBMITTED, actor)
    return booking


def _require_council(actor, booking):
    """Station staff of the canteen's village and staff above it act for the council."""
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    if not unit_in_scope(actor, booking.canteen.village):
        raise Forbidden(_("This canteen is outside your unit."))


def _move(booking: Booking, *, to: str, actor, note="", prepare=None, **changes) -> Booking:
    """Lock the booking, refuse a move the table does not allow, change it, record it.

    ``prepare(locked)`` may check the freshly read row and return further changes.
    """
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).select_related(
            "canteen__village", "ruleset").get(pk=booking.pk)
        if to not in TRANSITIONS[locked.status]:
            raise Conflict(
                _("A booking that is %(status)s cannot become %(to)s.")
                % {"status": locked.get_status_display(), "to": Status(to).label},
                code="bad_transition",
            )
        if prepare is not None:
            changes.update(prepare(locked))
        before = locked.status
        locked.status = to
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        _record(locked, before, to, actor, note)
    return locked


def booking_approve(booking: Booking, *, actor) -> Booking:
    _require_council(actor, booking)
    return _move(booking, to=Status.APPROVED, actor=actor)


def booking_reject(booking: Booking, *, actor, reason: str) -> Booking:
    _require_council(actor, booking)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for rejecting the booking."), field="reason")
    return _move(booking, to=Status.REJECTED, actor=actor, note=reason, reason=reason)


def booking_cancel(booking: Booking, *, actor, reason: str = "") -> Booking:
    if has_role(actor, Role.VILLAGER):
        if actor.household_id != booking.household_id:
            raise Forbidden(_("Villagers cancel their own household's bookings only."))
    else:
        _require_council(actor, booking)
    return _move(booking, to=Status.CANCELLED, actor=actor, note=reason)


def estimate_savings(*, kind: str, tables_used: int, gift_limit: int, fee: Decimal,
                     ruleset) -> tuple[Decimal, Decimal, Decimal]:
    """(cost without the rules, cost under them, savings) of one held event, in yuan.

    Without the rules an event had ``usual_tables`` tables at ``usual_cost_per_table`` and its
    guests (10 a table) gave ``usual_gift`` each; under them it had ``tables_used`` tables at the
    banquet's or tea party's cost plus the venue fee, and gifts were at most ``gift_limit``.
    """
    usual_guests = ruleset.usual_tables * GUESTS_PER_TABLE
    without = Decimal(ruleset.usual_tables * ruleset.usual_cost_per_table
                      + usual_guests * ruleset.usual_gift)
    per_table = (ruleset.banquet_cost_per_table if kind == Kind.BANQUET
                 else ruleset.tea_party_cost_per_table)
    guests = tables_used * GUESTS_PER_TABLE
    with_rules = Decimal(tables_used * per_table + guests * gift_limit) + Decimal(fee)
    return without, with_rules, without - with_rules


def booking_held(booking: Booking, *, actor, tables_used: int) -> Booking:
    """Record that the event took place, with the tables actually used, and its savings."""
    _require_council(actor, booking)
    try:
        tables_used = int(tables_used)
    except (TypeError, ValueError):
        tables_used = 0
    if tables_used < 1:
        raise InvalidInput(_("Enter the tables actually used (at least 1)."), field="tables")

    def prepare(locked):
        if tables_used > locked.canteen.capacity:
            raise InvalidInput(_("More tables than the canteen holds."), field="tables")
        if locked.date > selectors.today():
            raise Conflict(_("An event can be recorded as held only on or after its date."),
                           code="not_yet")
        ruleset = locked.ruleset or selectors.ruleset_in_force(locked.household.village,
                                                               locked.date)
        fee = fee_for(tables_used, ruleset)
        without, with_rules, saved = estimate_savings(
            kind=locked.kind, tables_used=tables_used, gift_limit=locked.gift_limit, fee=fee,
            ruleset=ruleset,
        )
        return {"tables_used": tables_used, "fee": fee, "cost_without_rules": without,
                "cost_with_rules": with_rules, "savings": saved}

    return _move(booking, to=Status.HELD, actor=actor, prepare=prepare)


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
