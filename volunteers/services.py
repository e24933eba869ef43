"""The business rules of the order flow and the time bank: every write goes through here.

群众点单、组织派单、志愿者接单: a villager (or station staff for them) places an order, staff
dispatch it to a team (or a team leader claims it), one volunteer accepts it, completes it with
the hours spent, and the villager rates it. Each move goes through :data:`ORDER_FLOW`: checked
against its table, applied with a compare-and-set update (so concurrent requests cannot both
win), recorded as an :class:`OrderEvent`, and announced through notifications after commit.
Who may take an action is one small ``may_<action>`` check, which the action makes and
:func:`order_actions` (what the pages offer) asks too.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from practice import text_input
from practice.exceptions import Conflict, Forbidden, InvalidInput, TooManyRequests
from practice.models import Household, Level, Unit, User, mobile_validator
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import path_in_scope
from practice.sms import send_sms
from practice.throttling import DatabaseLimit
from practice.transitions import Machine

from . import texts, wording
from .models import (
    SOURCED_KINDS,
    ApplicationEvent,
    ApplicationStatus,
    EntryKind,
    EventKind,
    Membership,
    Order,
    OrderEvent,
    OrderStatus,
    PoliticalStatus,
    Review,
    ServiceCategory,
    Team,
    TimeBankAccount,
    TimeBankEntry,
    Volunteer,
    VolunteerApplication,
)
from .notifications import notify
from .selectors import volunteer_of

S = OrderStatus
# The state machine: action → (statuses it may start from, status it leads to). Who may take
# each action is its ``may_<action>`` check below; :func:`order_actions` asks both.
ORDER_FLOW = Machine(
    Order, OrderStatus, event=OrderEvent, event_fk="order",
    moves={
        "dispatch": ({S.SUBMITTED}, S.DISPATCHED),
        "claim": ({S.SUBMITTED}, S.DISPATCHED),
        "accept": ({S.DISPATCHED}, S.ACCEPTED),
        "complete": ({S.ACCEPTED}, S.COMPLETED),
        "rate": ({S.COMPLETED}, S.RATED),
        "cancel": ({S.SUBMITTED, S.DISPATCHED}, S.CANCELLED),
        "return": ({S.DISPATCHED}, S.SUBMITTED),
        "escalate": ({S.SUBMITTED}, S.SUBMITTED),
    },
)
REVIEWABLE = {S.COMPLETED, S.RATED}
MAX_HOURS = Decimal("24")
ZERO = Decimal("0")


# --- helpers -------------------------------------------------------------------------------
def _note_fields(note) -> dict:
    """An event's note: text as written, or a :class:`wording.Written` note the platform
    wrote (kept in Chinese, with its message id to show it in the reader's language)."""
    if isinstance(note, wording.Written):
        return {"note": note.chinese, "note_msgid": note.msgid, "note_params": note.params}
    return {"note": note}


def _record(order, kind, *, actor, from_status="", to_status="", note="", at=None):
    """An event row without a move (placing, a review, an overdue flag)."""
    return ORDER_FLOW.record(order, actor=actor, from_status=from_status, to_status=to_status,
                             kind=kind, at=at or timezone.now(), **_note_fields(note))


def _move(order, action, *, actor, kind, note="", guard=None, **changes):
    """:data:`ORDER_FLOW`'s compare-and-set move, recorded as an event of ``kind``."""
    fields = _note_fields(note)
    ORDER_FLOW.move(order, action, actor=actor, note=fields.pop("note"), guard=guard,
                    event_fields={"kind": kind, **fields}, **changes)
    return order


def clean_text(value, field, *, required=False, max_length=1000) -> str:
    return text_input.clean_text(value, field, required=required, max_length=max_length)


# How far ahead a villager may ask for a service: a volunteer team plans a season at most.
PREFERRED_DAYS_AHEAD = 90
# A time picked "now" on a form reaches the server a little later; a few minutes still count.
PREFERRED_TIME_SLACK = timedelta(minutes=15)


def clean_preferred_time(value, *, now=None):
    """``value`` (aware, or None) if it lies between now and ``PREFERRED_DAYS_AHEAD`` days on;
    400 on ``preferred_time`` otherwise."""
    if value is None:
        return None
    now = now or timezone.now()
    if value < now - PREFERRED_TIME_SLACK:
        raise InvalidInput(_("The preferred time has already passed."), field="preferred_time")
    if value > now + timedelta(days=PREFERRED_DAYS_AHEAD):
        raise InvalidInput(_("Choose a preferred time within the next %(n)d days.")
                           % {"n": PREFERRED_DAYS_AHEAD}, field="preferred_time")
    return value


def _clean_score(score, field="score"):
    try:
        score = int(score)
    except (TypeError, ValueError):
        raise InvalidInput(_("The score must be a whole number from 1 to 5."),
                           field=field) from None
    if not 1 <= score <= 5:
        raise InvalidInput(_("The score must be a whole number from 1 to 5."), field=field)
    return score


HOURS_NOT_A_NUMBER = _("Hours must be a number.")


def clean_hours(hours, *, most=MAX_HOURS, field="hours"):
    """``hours`` as a Decimal to the hundredth, more than 0 and at most ``most``; else 400 on
    ``field`` with one message (the order's limit is 24 hours, an activity's its length)."""
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInput(HOURS_NOT_A_NUMBER, field=field) from None
    if not hours.is_finite():  # "NaN" quantizes quietly, and comparing it would raise
        raise InvalidInput(HOURS_NOT_A_NUMBER, field=field)
    if hours <= 0 or hours > most:
        most = str(Decimal(most).quantize(Decimal("0.01"))).rstrip("0").rstrip(".")
        raise InvalidInput(_("Hours must be more than 0 and at most %(most)s hours.")
                           % {"most": most}, field=field)
    return hours


def is_staff_for(actor, unit) -> bool:
    """Staff (or a superuser) whose area holds ``unit``."""
    return (actor.is_superuser or has_role(actor, *STAFF_ROLES)) and path_in_scope(actor, unit.path)


def _is_orderer(actor, order) -> bool:
    return order.created_by_id == actor.pk or (
        actor.household_id is not None and actor.household_id == order.household_id
    )


def _household_people(order):
    people = list(User.objects.filter(household_id=order.household_id, is_active=True))
    return [order.created_by, *people]


def _staff_of(unit):
    return User.objects.filter(unit=unit, role__in=STAFF_ROLES, is_active=True)


def _team_people(team):
    return User.objects.filter(volunteer__memberships__team=team, is_active=True)


# --- who may take each action: the actions check these, order_actions() asks them too ------
def may_dispatch(user, order) -> bool:
    return is_staff_for(user, order.handler_unit)


may_escalate = may_dispatch


def _has_level_above(order) -> bool:
    return order.handler_unit.parent_id is not None


def teams_to_claim(user, order, team=None) -> list:
    """The active teams ``user`` leads that serve the order's village (``team`` alone, if
    given): a leader claims for the first of them."""
    led = Team.objects.filter(leader__user=user, active=True).select_related("unit")
    if team is not None:
        led = led.filter(pk=team.pk)
    return [t for t in led if order.village.path.startswith(t.unit.path)]


def may_claim(user, order) -> bool:
    return bool(teams_to_claim(user, order))


def _in_team_of(user, order) -> bool:
    return bool(order.team_id) and Membership.objects.filter(
        team_id=order.team_id, volunteer__user=user).exists()


may_accept = _in_team_of


def may_complete(user, order) -> bool:
    return order.volunteer_id is not None and order.volunteer.user_id == user.pk


def may_return(user, order) -> bool:
    return is_staff_for(user, order.handler_unit) or _in_team_of(user, order)


may_rate = may_cancel = _is_orderer


def may_review(user, order) -> bool:
    return user.is_superuser or (has_role(user, Role.REVIEWER)
                                 and path_in_scope(user, order.village.path))


_MAY = {
    "dispatch": may_dispatch,
    "claim": may_claim,
    "accept": may_accept,
    "complete": may_complete,
    "rate": may_rate,
    "cancel": may_cancel,
    "return": may_return,
    "escalate": lambda user, order: may_escalate(user, order) and _has_level_above(order),
}


def order_actions(order, user) -> list[str]:
    """What ``user`` may do with ``order`` now: the moves its status allows
    (:data:`ORDER_FLOW`) that the action's own check lets ``user`` take, and ``review`` when
    it may be reviewed. Pages show these buttons; each action checks again when taken."""
    actions = [a for a in ORDER_FLOW.actions(order) if _MAY[a](user, order)]
    if order.status in REVIEWABLE and may_review(user, order):
        actions.append("review")
    return actions


def _after(order, msgid, users):
    """Tell ``users`` of a step of ``order``: ``msgid`` (a message id of volunteers/wording.py)
    in Chinese, shown in each reader's language on the notifications page."""
    notify(users, wording.in_chinese(msgid) + f"（#{order.pk} {order.service_item.name}）",
           order=order, msgid=msgid)


# --- placing an order ----------------------------------------------------------------------
def service_item_offered_to(item, village) -> bool:
    return item.active and village.path.startswith(item.unit.path)


def order_place(*, actor, service_item, description, household=None, preferred_time=None,
                contact_phone="", use_banked_hours=False) -> Order:
    """A villager orders for their household; staff order on a household's behalf."""
    assisted = False
    # One account may be staff and a household's member: it orders as the household when it
    # names no other household, and for the organisation when it names another.
    for_own = household is None or household.pk == actor.household_id
    staff = actor.is_superuser or has_role(actor, *STAFF_ROLES)
    if has_role(actor, Role.VILLAGER, Role.VOLUNTEER) and not actor.is_superuser and (
        for_own and actor.household_id or not staff
    ):
        if actor.household_id is None:
            raise Forbidden(_("Only members of a household can place an order."))
        if household is not None and household.pk != actor.household_id:
            raise Forbidden(_("You can only order for your own household."), field="household")
        household = Household.objects.select_related("village").get(pk=actor.household_id)
    elif staff:
        if household is None:
            raise InvalidInput(_("Choose the household you are ordering for."), field="household")
        if not path_in_scope(actor, household.village.path):
            raise InvalidInput(_("This household is outside your area."), field="household")
        assisted = True
    else:
        raise Forbidden()
    village = household.village
    if service_item is None or not service_item_offered_to(service_item, village):
        raise InvalidInput(_("This service is not offered in your village."),
                           field="service_item")
    description = clean_text(description, "description", required=True)
    preferred_time = clean_preferred_time(preferred_time)
    contact_phone = (contact_phone or "").strip()
    if contact_phone:
        from django.core.exceptions import ValidationError

        from practice.models import mobile_validator

        try:
            mobile_validator(contact_phone)
        except ValidationError:
            raise InvalidInput(mobile_validator.message, field="contact_phone") from None
    if use_banked_hours and not TimeBankAccount.objects.filter(
        volunteer__user__household=household, balance__gt=0
    ).exists():
        raise InvalidInput(_("Your household has no banked hours to use."),
                           field="use_banked_hours")
    now = timezone.now()
    with transaction.atomic():
        order = Order.objects.create(
            created_by=actor, assisted=assisted, household=household, village=village,
            handler_unit=village, service_item=service_item, description=description,
            preferred_time=preferred_time, contact_phone=contact_phone or household.phone,
            use_banked_hours=bool(use_banked_hours), status=S.SUBMITTED, created_at=now,
            submitted_at=now,
        )
        note = (wording.Written(gettext_noop("Placed by staff for the household."))
                if assisted else "")
        _record(order, EventKind.PLACED, actor=actor, to_status=S.SUBMITTED, note=note, at=now)
        _after(order, gettext_noop("A new service order is waiting to be dispatched."),
               _staff_of(village))
    return order


# --- the organisation dispatches -----------------------------------------------------------
def order_dispatch(order, *, actor, team, note="") -> Order:
    if not may_dispatch(actor, order):
        raise Forbidden(_("Only staff of the unit handling this order can dispatch it."))
    if team is None or not team.active or not path_in_scope(actor, team.unit.path):
        raise InvalidInput(_("Choose an active team within your area."), field="team")
    with transaction.atomic():
        _move(order, "dispatch", actor=actor, kind=EventKind.DISPATCHED,
              note=clean_text(note, "note") or team.name,
              guard={"handler_unit": order.handler_unit_id},
              team=team, dispatched_at=timezone.now(), overdue_at=None)
        _after(order, gettext_noop("A service order was dispatched to your team."),
               _team_people(team))
        _after(order, gettext_noop("Your order was dispatched to a volunteer team."),
               _household_people(order))
        texts.order_dispatched(order, team)
    return order


def order_claim(order, *, actor, team=None) -> Order:
    """志愿群体自助点单: a team leader takes a submitted order in the team's area."""
    candidates = teams_to_claim(actor, order, team)
    if not candidates:
        if team is not None:
            raise InvalidInput(_("You lead no team serving this order's village."), field="team")
        raise Forbidden(_("Only the leader of a team serving this village can claim it."))
    team = candidates[0]
    with transaction.atomic():
        _move(order, "claim", actor=actor, kind=EventKind.CLAIMED, note=team.name,
              team=team, dispatched_at=timezone.now(), overdue_at=None)
        _after(order, gettext_noop("Your team claimed a service order."), _team_people(team))
        _after(order, gettext_noop("A volunteer team took your order."), _household_people(order))
    return order


def order_return(order, *, actor, reason, escalate=False) -> Order:
    """The team gives a dispatched order back, at the same level or the next one up."""
    reason = clean_text(reason, "reason", required=True, max_length=500)
    if not may_return(actor, order):
        raise Forbidden(_("Only the team or the staff handling the order can return it."))
    handler = order.handler_unit
    if escalate and handler.parent_id:
        handler = handler.parent
    with transaction.atomic():
        _move(order, "return", actor=actor, kind=EventKind.RETURNED, note=reason,
              guard={"volunteer__isnull": True}, team=None, dispatched_at=None,
              submitted_at=timezone.now(), overdue_at=None, handler_unit=handler)
        _after(order, gettext_noop("A team returned a service order: it needs dispatching again."),
               _staff_of(handler))
    return order


def order_escalate(order, *, actor, note="") -> Order:
    """Pass a submitted order up a level (village → township → banner)."""
    if not may_escalate(actor, order):
        raise Forbidden(_("Only staff of the unit handling this order can escalate it."))
    return _escalate(order, actor=actor, note=clean_text(note, "note"))


def _escalate(order, *, actor, note="", kind=EventKind.ESCALATED, **changes):
    if not _has_level_above(order):
        raise ORDER_FLOW.refuse(order.status,
                                _("The order is already handled at the top level."))
    current = order.handler_unit
    parent = current.parent
    with transaction.atomic():
        _move(order, "escalate", actor=actor, kind=kind,
              note=note or f"{current.name} → {parent.name}",
              guard={"handler_unit": current.pk}, handler_unit=parent,
              submitted_at=timezone.now(), **changes)
        _after(order, gettext_noop("A service order was passed up to your unit."),
               _staff_of(parent))
    return order


# --- the volunteer accepts and serves -------------------------------------------------------
def order_accept(order, *, actor) -> Order:
    if not may_accept(actor, order):
        ORDER_FLOW.check(order, "accept")
        raise Forbidden(_("Only members of the team the order was dispatched to can accept it."))
    volunteer = volunteer_of(actor)
    with transaction.atomic():
        _move(order, "accept", actor=actor, kind=EventKind.ACCEPTED, note=volunteer.name,
              guard={"team": order.team_id, "volunteer__isnull": True},
              volunteer=volunteer, accepted_at=timezone.now(), overdue_at=None)
        _after(order, gettext_noop("A volunteer accepted your order."), _household_people(order))
        texts.order_accepted(order)
    return order


def order_complete(order, *, actor, hours, note="") -> Order:
    hours = clean_hours(hours)
    with transaction.atomic():
        locked = Order.objects.select_for_update(of=("self",)).select_related(
            "service_item", "volunteer", "handler_unit").get(pk=order.pk)
        if not may_complete(actor, locked):
            ORDER_FLOW.check(locked, "complete")
            raise Forbidden(_("Only the volunteer who accepted the order can complete it."))
        _move(locked, "complete", actor=actor, kind=EventKind.COMPLETED,
              note=clean_text(note, "note") or wording.Written(gettext_noop("%(hours)s h"),
                                                                {"hours": str(hours)}),
              guard={"volunteer": locked.volunteer_id},
              hours=hours, completed_at=timezone.now())
        timebank_deposit(locked.volunteer, hours=hours, kind=EntryKind.ORDER,
                         source_type="order", source_id=locked.pk, actor=actor,
                         note=locked.service_item.name)
        if locked.use_banked_hours:
            household_volunteers = Volunteer.objects.filter(
                user__household_id=locked.household_id)
            used = timebank_draw_for(household_volunteers, hours=hours, source_type="order",
                                     source_id=locked.pk, actor=actor,
                                     note=locked.service_item.name)
            Order.objects.filter(pk=locked.pk).update(banked_hours_used=used)
        _after(locked, gettext_noop("Your order was completed. Please rate the service."),
               _household_people(locked))
        texts.order_completed(locked)
    order.refresh_from_db()
    return order


# --- closing the loop ----------------------------------------------------------------------
def order_rate(order, *, actor, score, comment="") -> Order:
    score = _clean_score(score)
    comment = clean_text(comment, "comment")
    if not may_rate(actor, order):
        raise Forbidden(_("Only the household that ordered can rate the service."))
    with transaction.atomic():
        _move(order, "rate", actor=actor, kind=EventKind.RATED, note=f"{score}★ {comment}",
              rating=score, rating_comment=comment, rated_at=timezone.now())
        if order.volunteer_id:
            _after(order, gettext_noop("The household rated your service."), [order.volunteer.user])
    return order


def order_cancel(order, *, actor, reason="") -> Order:
    """The household (or staff for it) withdraws an order nobody has taken yet. Destructive,
    so it needs a reason: the team and the staff read it on the timeline."""
    if not may_cancel(actor, order):
        raise Forbidden(_("Only the household that ordered can cancel it."))
    reason = clean_text(reason, "reason", max_length=500)
    if not reason:
        raise InvalidInput(_("Give the reason for cancelling the order."), field="reason")
    with transaction.atomic():
        team = order.team
        _move(order, "cancel", actor=actor, kind=EventKind.CANCELLED,
              note=reason, guard={"volunteer__isnull": True},
              cancelled_at=timezone.now())
        users = list(_staff_of(order.handler_unit))
        if team is not None:
            users += list(_team_people(team))
        _after(order, gettext_noop("A service order was cancelled by the household."), users)
    return order


def order_review(order, *, actor, score, comment="") -> Review:
    """第三方点评 by an independent reviewer of the order's area."""
    if not may_review(actor, order):
        raise Forbidden(_("Only third-party reviewers can review services."))
    score = _clean_score(score)
    comment = clean_text(comment, "comment")
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in REVIEWABLE:
            raise ORDER_FLOW.refuse(locked.status)
        if Review.objects.filter(order=locked, reviewer=actor).exists():
            raise Conflict(_("You have already reviewed this order."), code="already_reviewed",
                           extra={"status": locked.status})
        review = Review.objects.create(order=locked, reviewer=actor, score=score,
                                       comment=comment, created_at=timezone.now())
        _record(locked, EventKind.REVIEWED, actor=actor, note=f"{score}★ {comment}")
    return review


# --- overdue orders (run by the periodic task) -------------------------------------------
def orders_flag_overdue(*, now=None) -> dict:
    """Flag orders not dispatched / not accepted in time; pass undispatched ones up a level.

    Safe to run twice: a flagged order is not looked at again until it moves on (dispatch,
    return and acceptance clear the flag).
    """
    now = now or timezone.now()
    late_dispatch = Order.objects.filter(
        status=S.SUBMITTED, overdue_at__isnull=True,
        submitted_at__lt=now - timedelta(hours=settings.VOLUNTEERS_DISPATCH_WITHIN_HOURS),
    ).select_related("handler_unit__parent", "service_item")
    late_accept = Order.objects.filter(
        status=S.DISPATCHED, overdue_at__isnull=True,
        dispatched_at__lt=now - timedelta(hours=settings.VOLUNTEERS_ACCEPT_WITHIN_HOURS),
    ).select_related("handler_unit", "service_item")
    flagged = escalated = 0
    for order in late_dispatch.iterator(chunk_size=500):
        with transaction.atomic():
            if not Order.objects.filter(pk=order.pk, status=S.SUBMITTED,
                                        overdue_at__isnull=True).update(overdue_at=now):
                continue
            order.overdue_at = now
            flagged += 1
            late = wording.Written(gettext_noop("Not dispatched within %(h)d hours."),
                                   {"h": settings.VOLUNTEERS_DISPATCH_WITHIN_HOURS})
            _record(order, EventKind.OVERDUE, actor=None, note=late)
            texts.order_overdue(order, order.handler_unit, late.chinese)
            if order.handler_unit.parent_id:
                _escalate(order, actor=None, overdue_at=now)
                escalated += 1
    for order in late_accept.iterator(chunk_size=500):
        with transaction.atomic():
            if not Order.objects.filter(pk=order.pk, status=S.DISPATCHED,
                                        overdue_at__isnull=True).update(overdue_at=now):
                continue
            flagged += 1
            late = wording.Written(gettext_noop("Not accepted within %(h)d hours."),
                                   {"h": settings.VOLUNTEERS_ACCEPT_WITHIN_HOURS})
            _record(order, EventKind.OVERDUE, actor=None, note=late)
            texts.order_overdue(order, order.handler_unit, late.chinese)
            _after(order, gettext_noop("A dispatched order has not been accepted in time."),
                   _staff_of(order.handler_unit))
    return {"flagged": flagged, "escalated": escalated}


# --- the time bank (零存整取) ---------------------------------------------------------------
# An append-only hours ledger per volunteer. Every write locks the account row, checks,
# appends one entry and moves the balance; CHECK constraints on the account balance and each
# entry's ``balance_after`` stand behind the checks. A source (an order, an activity
# attendance …) deposits or draws at most once per account: a retry changes nothing.
def _locked_account(volunteer) -> TimeBankAccount:
    TimeBankAccount.objects.get_or_create(volunteer=volunteer)
    return TimeBankAccount.objects.select_for_update().get(volunteer=volunteer)


def _append(account, *, kind, hours, source_type="", source_id=None, reverses=None, note="",
            actor=None) -> TimeBankEntry:
    new_balance = account.balance + hours
    if new_balance < 0:
        raise Conflict(_("Not enough banked hours."), code="insufficient_hours",
                       extra={"balance": str(account.balance)})
    TimeBankAccount.objects.filter(pk=account.pk).update(balance=F("balance") + hours)
    account.balance = new_balance
    return TimeBankEntry.objects.create(
        account=account, kind=kind, hours=hours, balance_after=new_balance,
        source_type=source_type, source_id=source_id, reverses=reverses, note=note[:200],
        actor=actor, created_at=timezone.now(),
    )


def timebank_deposit(volunteer, *, hours, kind, source_type="", source_id=None, actor=None,
                     note="") -> TimeBankEntry:
    """Deposit ``hours`` (> 0). For a sourced kind, or any deposit naming its source, a second
    call returns the first entry."""
    hours = Decimal(hours)
    if hours <= 0:
        raise InvalidInput(_("Hours must be positive."), field="hours")
    if kind not in (EntryKind.ORDER, EntryKind.ACTIVITY, EntryKind.STAFF_ENTERED):
        raise InvalidInput(_("This kind of entry is not a deposit."), field="kind")
    if kind in SOURCED_KINDS and (not source_type or source_id is None):
        raise InvalidInput(_("A deposit from an order or activity names its source."),
                           field="source_id")
    once = kind in SOURCED_KINDS or source_id is not None
    with transaction.atomic():
        account = _locked_account(volunteer)
        if once:
            existing = TimeBankEntry.objects.filter(
                account=account, kind=kind, source_type=source_type, source_id=source_id
            ).first()
            if existing is not None:
                return existing
        return _append(account, kind=kind, hours=hours, source_type=source_type,
                       source_id=source_id, note=note, actor=actor)


def timebank_draw_for(volunteers, *, hours, source_type, source_id, actor=None,
                      note="") -> Decimal:
    """Draw up to ``hours`` from ``volunteers``' accounts (pk order) once per source.

    Returns the hours drawn (possibly less than asked, never making a balance negative).
    """
    wanted = Decimal(hours)
    drawn = ZERO
    with transaction.atomic():
        accounts = list(
            TimeBankAccount.objects.select_for_update()
            .filter(volunteer__in=volunteers).order_by("pk")
        )
        for account in accounts:
            previous = TimeBankEntry.objects.filter(
                account=account, kind=EntryKind.DRAW, source_type=source_type,
                source_id=source_id).first()
            if previous is not None:
                drawn -= previous.hours
                continue
            take = min(wanted - drawn, account.balance)
            if take <= 0:
                continue
            _append(account, kind=EntryKind.DRAW, hours=-take, source_type=source_type,
                    source_id=source_id, note=note, actor=actor)
            drawn += take
            if drawn >= wanted:
                break
    return drawn


def timebank_reverse(entry, *, actor, note="") -> TimeBankEntry:
    """Cancel ``entry`` with an opposite entry pointing at it (once)."""
    with transaction.atomic():
        account = TimeBankAccount.objects.select_for_update().get(pk=entry.account_id)
        if entry.kind == EntryKind.REVERSAL:
            raise Conflict(_("A reversal cannot itself be reversed."), code="reversal")
        if TimeBankEntry.objects.filter(reverses=entry).exists():
            raise Conflict(_("This entry has already been reversed."), code="reversed")
        return _append(account, kind=EntryKind.REVERSAL, hours=-entry.hours, reverses=entry,
                       note=note, actor=actor)


def balance_of(volunteer) -> Decimal:
    return (TimeBankAccount.objects.filter(volunteer=volunteer)
            .values_list("balance", flat=True).first()) or ZERO


# --- volunteer applications (群众报名、预约当志愿者) ------------------------------------------
# Anyone applies on the phone page or the API, signed in or not: most of the banner's future
# volunteers (teachers, doctors, police officers serving "八小时外", villagers) have no account
# before their first sign-in, and the mobile number they give is how the station reaches them
# and how they will sign in. Applications sent without an account are counted per client
# address in the database (``VOLUNTEERS_APPLICATIONS_PER_ADDRESS`` within
# ``VOLUNTEERS_APPLICATION_WINDOW``), and one phone has at most one application waiting.
# The village's station (its staff, the township's above it, the banner's administrators) or
# the leader of every team the application names decides it; approval makes (or finds) the
# volunteer with that phone, links the account that signs in with it, and joins the teams.
A = ApplicationStatus
APPLICATION_FLOW = Machine(
    VolunteerApplication, ApplicationStatus, event=ApplicationEvent, event_fk="application",
    moves={
        "approve": ({A.PENDING}, A.APPROVED),
        "decline": ({A.PENDING}, A.DECLINED),
    },
)
APPLICATION_SMS = "volunteer_application_decided"
APPLICATION_SMS_TEXT = _("{name}: your application to volunteer {outcome}. {detail}")
APPLICATION_NAME_MAX = VolunteerApplication._meta.get_field("name").max_length
APPLICATION_REASON_MAX = VolunteerApplication._meta.get_field("reason").max_length


def applications_without_account() -> DatabaseLimit:
    """Applications sent without signing in, counted per client address in the database."""
    return DatabaseLimit("volunteer_application",
                         limit=settings.VOLUNTEERS_APPLICATIONS_PER_ADDRESS,
                         window=settings.VOLUNTEERS_APPLICATION_WINDOW)


def _too_many_applications(retry_after: int) -> TooManyRequests:
    return TooManyRequests(
        _("Too many applications from this address. Try again in %(minutes)s minutes, or "
          "apply at your village's station in person.")
        % {"minutes": -(-retry_after // 60)},
        code="too_many_applications", retry_after=retry_after,
    )


def clean_mobile(phone, field="phone") -> str:
    """``phone`` without spaces and dashes; 400 on ``field`` unless it is a mainland mobile."""
    phone = "".join(str(phone or "").split()).replace("-", "")
    if not phone:
        raise InvalidInput(_("Give your mobile number: the station calls you on it, and you "
                             "sign in with it."), field=field)
    try:
        mobile_validator(phone)
    except ValidationError:
        raise InvalidInput(mobile_validator.message, field=field) from None
    return phone


def team_serves_village(team, village) -> bool:
    """An active team of the village, its township or the banner."""
    return team.active and village.path.startswith(team.unit.path)


def _as_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _village_and_teams(village, teams):
    """The village (a unit of level village, or None) and the teams (None for an unknown one)
    that the form or the API named, by object or by id."""
    if village is not None and not isinstance(village, Unit):
        village = Unit.objects.filter(pk=_as_id(village)).first()
    if village is not None and village.level != Level.VILLAGE:
        village = None
    wanted = list(dict.fromkeys(teams or ()))
    ids = [t for t in wanted if not isinstance(t, Team)]
    found = Team.objects.select_related("unit").in_bulk([i for i in map(_as_id, ids) if i])
    return village, [t if isinstance(t, Team) else found.get(_as_id(t)) for t in wanted]


def application_submit(*, actor, client, name, phone, village, teams=(), service_categories=(),
                       skills="", free_time="", employer="", political_status=""
                       ) -> VolunteerApplication:
    """Someone applies to volunteer in ``village`` with the ``teams`` they want to join.

    ``actor`` is the signed-in account (None or anonymous: nobody); ``client`` the address that
    counts an application sent without an account. Input is checked only under that limit, so
    a flood of bad posts costs no more than good ones."""
    anonymous = actor is None or not getattr(actor, "is_authenticated", False)
    limit, ident = applications_without_account(), str(client)
    if anonymous and (wait := limit.retry_after(ident)) is not None:
        raise _too_many_applications(wait)
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Give your name."), field="name")
    if len(name) > APPLICATION_NAME_MAX:
        raise InvalidInput(_("Keep the name under %(n)d characters.")
                           % {"n": APPLICATION_NAME_MAX}, field="name")
    phone = clean_mobile(phone)
    village, teams = _village_and_teams(village, teams)
    if village is None:
        raise InvalidInput(_("Choose your village from the list."), field="village")
    if not teams:
        raise InvalidInput(_("Choose at least one team to join."), field="teams")
    if not all(t is not None and team_serves_village(t, village) for t in teams):
        raise InvalidInput(_("Choose teams that serve your village."), field="teams")
    categories = list(dict.fromkeys(service_categories or ()))
    if any(c not in ServiceCategory.values for c in categories):
        raise InvalidInput(_("Choose the kinds of service from the list."),
                           field="service_categories")
    political_status = (political_status or "").strip()
    if political_status and political_status not in PoliticalStatus.values:
        raise InvalidInput(_("Choose the political status from the list."),
                           field="political_status")
    fields = {
        "skills": clean_text(skills, "skills", max_length=200),
        "free_time": clean_text(free_time, "free_time", max_length=100),
        "employer": clean_text(employer, "employer", max_length=100),
    }
    member_of = set(Membership.objects.filter(volunteer__phone=phone)
                    .values_list("team_id", flat=True))
    if {t.pk for t in teams} <= member_of:
        raise InvalidInput(_("You are already a member of the teams you chose."), field="teams")
    pending = Conflict(_("An application with this mobile number is already waiting for a "
                         "decision."), code="application_pending")
    with transaction.atomic():
        if VolunteerApplication.objects.filter(phone=phone, status=A.PENDING).exists():
            raise pending
        if anonymous and (wait := limit.retry_after(ident)) is not None:
            raise _too_many_applications(wait)
        try:
            with transaction.atomic():
                application = VolunteerApplication.objects.create(
                    name=name, phone=phone, village=village, service_categories=categories,
                    political_status=political_status, applicant=None if anonymous else actor,
                    **fields)
        except IntegrityError:  # sent twice at once: the one-pending-per-phone constraint
            raise pending from None
        application.teams.set(teams)
        APPLICATION_FLOW.record(application, actor=None if anonymous else actor,
                                to_status=A.PENDING)
        msgid = gettext_noop("A new volunteer application is waiting for a decision.")
        suffix = f"（{name} · {village.name}）"
        notify(application_deciders(application, teams), wording.in_chinese(msgid) + suffix,
               msgid=msgid, params={"suffix": suffix})
        if anonymous:
            limit.hit(ident)
    return application


def application_deciders(application, teams=None) -> list:
    """The village's station staff and the chosen teams' leaders (who hear of a new one)."""
    teams = application.teams.all() if teams is None else teams
    leaders = User.objects.filter(volunteer__led_teams__in=[t.pk for t in teams],
                                  is_active=True)
    return [*_staff_of(application.village), *leaders]


def _led_team_ids(user) -> set[int]:
    return set(Team.objects.filter(leader__user=user).values_list("pk", flat=True))


def _chosen_team_ids(application) -> set[int]:
    return {t.pk for t in application.teams.all()}


def may_decide(user, application, *, led_team_ids=None) -> bool:
    """The village's station (staff whose area holds the village), or the leader of every
    team the application names (``led_team_ids``: the teams ``user`` leads, when a list of
    applications has read them once)."""
    if is_staff_for(user, application.village):
        return True
    chosen = _chosen_team_ids(application)
    led = _led_team_ids(user) if led_team_ids is None else set(led_team_ids)
    return bool(chosen) and chosen <= led


def application_actions(application, user, *, led_team_ids=None) -> list[str]:
    """The decisions ``user`` may take on ``application`` now (``approve``, ``decline``)."""
    if not may_decide(user, application, led_team_ids=led_team_ids):
        return []
    return APPLICATION_FLOW.actions(application)


def _require_decider(user, application):
    if may_decide(user, application):
        return
    APPLICATION_FLOW.check(application, "approve")  # a decided one: 409 with its status
    if _chosen_team_ids(application) & _led_team_ids(user):
        raise Forbidden(_("This application also names teams you do not lead: the village's "
                          "station decides it."))
    raise Forbidden(_("Only the village's station or the leader of the chosen team can decide "
                      "this application."))


def _locked_application(application) -> VolunteerApplication:
    return (VolunteerApplication.objects.select_for_update(of=("self",))
            .select_related("village").get(pk=application.pk))


def _volunteer_for(application) -> Volunteer:
    """The volunteer the approved application makes: the one with its phone, else the one of
    the account that signs in with that phone, else a new one; the account, if there is one,
    is linked, and empty certificate fields are filled from the application."""
    account = User.objects.filter(phone=application.phone).first()
    volunteer = (Volunteer.objects.select_for_update().filter(phone=application.phone).first()
                 or (Volunteer.objects.select_for_update().filter(user=account).first()
                     if account is not None else None))
    if volunteer is None:
        return Volunteer.objects.create(
            name=application.name, phone=application.phone, unit=application.village,
            user=account, skills=application.skills, employer=application.employer,
            free_time=application.free_time, political_status=application.political_status,
            registered_on=timezone.localdate())
    changed = []
    for field in ("skills", "employer", "free_time", "political_status"):
        if not getattr(volunteer, field) and getattr(application, field):
            setattr(volunteer, field, getattr(application, field))
            changed.append(field)
    if not volunteer.phone:
        volunteer.phone = application.phone
        changed.append("phone")
    if (volunteer.user_id is None and account is not None
            and not Volunteer.objects.filter(user=account).exists()):
        volunteer.user = account
        changed.append("user")
    if changed:
        volunteer.save(update_fields=changed)
    return volunteer


def _tell_applicant(application, *, outcome, detail, detail_params, account):
    """The outcome by SMS (written with the decision, sent after commit) and in the app, in
    the platform's language whatever the decider's (the notifications page shows it in the
    reader's). ``outcome`` is a message id of volunteers/wording.py."""
    msgid = gettext_noop("Your application to volunteer %(outcome)s.")
    params = {"outcome": outcome}
    with translation.override(settings.LANGUAGE_CODE):
        outcome = gettext_now(outcome)
        detail = str(detail) % detail_params
    send_sms(phone=application.phone, template=APPLICATION_SMS, user=account,
             params={"name": application.name, "outcome": outcome, "detail": detail})
    people = {u.pk: u for u in (account, application.applicant) if u is not None}
    notify(people.values(), wording.in_chinese(msgid, params), msgid=msgid, params=params)


def application_approve(application, *, actor) -> VolunteerApplication:
    """Approve: the volunteer exists (made or found by phone), is in every chosen team and,
    with an account of that phone, is linked to it; otherwise the phone's first sign-in
    makes the account. Of two approvals at once exactly one happens; the other answers 409."""
    _require_decider(actor, application)
    with transaction.atomic():
        locked = _locked_application(application)
        now = timezone.now()
        APPLICATION_FLOW.move(locked, "approve", actor=actor, decided_at=now, decided_by=actor)
        volunteer = _volunteer_for(locked)
        VolunteerApplication.objects.filter(pk=locked.pk).update(volunteer=volunteer)
        locked.volunteer = volunteer
        teams = list(locked.teams.order_by("name"))
        for team in teams:
            Membership.objects.get_or_create(team=team, volunteer=volunteer,
                                             defaults={"joined_on": timezone.localdate()})
        _tell_applicant(
            locked, outcome=gettext_noop("was approved"), account=volunteer.user,
            detail=_("You joined %(teams)s; sign in with this mobile number."),
            detail_params={"teams": "、".join(t.name for t in teams)})
    return locked


def application_decline(application, *, actor, reason) -> VolunteerApplication:
    """Decline with a reason, which the applicant is told."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for declining the application."), field="reason")
    if len(reason) > APPLICATION_REASON_MAX:
        raise InvalidInput(_("The reason is too long (at most %(n)d characters).")
                           % {"n": APPLICATION_REASON_MAX}, field="reason")
    _require_decider(actor, application)
    with transaction.atomic():
        locked = _locked_application(application)
        APPLICATION_FLOW.move(locked, "decline", actor=actor, note=reason, reason=reason,
                              decided_at=timezone.now(), decided_by=actor)
        account = (User.objects.filter(phone=locked.phone).first() or locked.applicant)
        _tell_applicant(locked, outcome=gettext_noop("was declined"), account=account,
                        detail=_("Reason: %(reason)s"), detail_params={"reason": reason})
    return locked
