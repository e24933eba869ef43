"""Business rules of the points supermarket: every write goes through here.

A write that changes a balance follows one order: lock the household's account row
(``select_for_update``), then the products it touches in primary-key order, check, write the
ledger entry with the balance after it, update the balance and the stock — all in one
transaction, so that two cashiers (or one cashier's retry) can never overdraw or double-credit.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound, Unprocessable
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import unit_in_scope

from . import texts
from .models import (
    MAX_WEIGHT_JIN,
    POINTS_PER_YUAN,
    Account,
    Category,
    CategoryPrice,
    Deposit,
    DepositLine,
    Entry,
    EntryKind,
    Product,
    Redemption,
    RedemptionLine,
    StockIn,
    Supermarket,
)

ONE_DECIMAL = Decimal("0.1")
MAX_KEY_LENGTH = 64
# An offline counter sends its queue later: a weigh-in may reach the server up to a week after
# it was weighed. The device's clock may run a little ahead of the server's.
OFFLINE_MAX_AGE = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)


# --- arithmetic ---------------------------------------------------------------------------
def parse_weight(value, *, field="weight_jin") -> Decimal:
    """A weight in jin: a number with at most one decimal, 0 < weight ≤ 1000."""
    try:
        weight = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Enter the weight as a number of jin."), field=field) from None
    if not weight.is_finite():
        raise InvalidInput(_("Enter the weight as a number of jin."), field=field)
    if weight <= 0:
        raise InvalidInput(_("The weight must be more than 0 jin."), field=field)
    if weight > MAX_WEIGHT_JIN:
        raise InvalidInput(
            _("The weight may be at most %(max)s jin.") % {"max": MAX_WEIGHT_JIN}, field=field
        )
    if weight != weight.quantize(ONE_DECIMAL):
        raise InvalidInput(_("Enter the weight with at most one decimal."), field=field)
    return weight.quantize(ONE_DECIMAL)


def points_for(amounts_yuan) -> int:
    """Points for a deposit worth ``Σ amounts`` yuan: floor(Σ × 10), one point being 0.1 yuan."""
    total = sum((Decimal(a) for a in amounts_yuan), Decimal("0"))
    return int((total * POINTS_PER_YUAN).to_integral_value(rounding=ROUND_FLOOR))


def prices_in_force(village, on_date=None) -> dict[int, Decimal]:
    """``{category_id: price per jin}`` in force at ``village`` on ``on_date``: one query.

    A village's own price wins over the banner-wide default once it has taken effect; among
    prices of the same kind, the latest ``effective_from`` not after ``on_date`` counts.
    """
    on_date = on_date or timezone.localdate()
    village_id = getattr(village, "pk", village)
    where = Q(village__isnull=True)
    if village_id is not None:
        where |= Q(village_id=village_id)
    rows = CategoryPrice.objects.filter(where, effective_from__lte=on_date).values_list(
        "category_id", "village_id", "price_per_jin", "effective_from"
    )
    best: dict[int, tuple] = {}
    for category_id, row_village, price, effective_from in rows:
        rank = (row_village is not None, effective_from)
        if category_id not in best or rank > best[category_id][0]:
            best[category_id] = (rank, price)
    return {category_id: price for category_id, (_rank, price) in best.items()}


@dataclass(frozen=True)
class QuoteLine:
    category: Category
    weight_jin: Decimal
    price_per_jin: Decimal

    @property
    def amount_yuan(self) -> Decimal:
        return self.weight_jin * self.price_per_jin


@dataclass(frozen=True)
class Quote:
    lines: list[QuoteLine]

    @property
    def points(self) -> int:
        return points_for(line.amount_yuan for line in self.lines)

    @property
    def weight_jin(self) -> Decimal:
        return sum((line.weight_jin for line in self.lines), Decimal("0"))

    @property
    def amount_yuan(self) -> Decimal:
        return sum((line.amount_yuan for line in self.lines), Decimal("0"))


def deposit_quote(village, lines, *, on_date=None) -> Quote:
    """Check the lines ``[{category, weight_jin}]`` and price them at ``village`` today."""
    if not lines:
        raise InvalidInput(_("Add at least one category with its weight."), field="lines")
    prices = prices_in_force(village, on_date)
    categories = {c.pk: c for c in Category.objects.filter(active=True)}
    merged: OrderedDict[int, Decimal] = OrderedDict()
    for i, line in enumerate(lines):
        raw = line.get("category")
        category_id = getattr(raw, "pk", raw)
        try:
            category_id = int(category_id)
        except (TypeError, ValueError):
            category_id = None
        if category_id not in categories:
            raise InvalidInput(_("Unknown recyclable category."), field=f"lines[{i}].category")
        if category_id not in prices:
            raise InvalidInput(
                _("No price is set for %(category)s.") % {"category": categories[category_id]},
                field=f"lines[{i}].category",
            )
        weight = parse_weight(line.get("weight_jin"), field=f"lines[{i}].weight_jin")
        merged[category_id] = merged.get(category_id, Decimal("0")) + weight
    quote_lines = []
    for category_id, weight in merged.items():
        if weight > MAX_WEIGHT_JIN:
            raise InvalidInput(
                _("The weight may be at most %(max)s jin.") % {"max": MAX_WEIGHT_JIN},
                field="lines",
            )
        quote_lines.append(QuoteLine(categories[category_id], weight, prices[category_id]))
    return Quote(quote_lines)


# --- who may do what ----------------------------------------------------------------------
def check_may_record(actor, household) -> None:
    """Station staff of the household's village and staff above it record its points."""
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden(_("Only station staff and staff above them may record points."))
    if not unit_in_scope(actor, household.village):
        raise NotFound(_("No such household in your area."), field="household")


def check_may_manage_supermarket(actor, supermarket) -> None:
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden(_("Only station staff and staff above them may manage the shelf."))
    if not unit_in_scope(actor, supermarket.village):
        raise NotFound(_("No such supermarket in your area."), field="supermarket")


def supermarket_of(household) -> Supermarket:
    supermarket = Supermarket.objects.filter(village_id=household.village_id, active=True).first()
    if supermarket is None:
        raise Conflict(
            _("The household's village has no open points supermarket."), code="no_supermarket"
        )
    return supermarket


def _clean_key(key):
    if key in (None, ""):
        return None
    key = str(key).strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            _("The Idempotency-Key must be 1 to %(n)s characters.") % {"n": MAX_KEY_LENGTH},
            field="Idempotency-Key",
        )
    return key


def _fingerprint(kind, household, **request) -> str:
    """A stable digest of what a keyed request asks for: its kind, household and values as
    sent (a model instance as its id, every value as its text), in order."""

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return str(getattr(value, "pk", value)).strip()

    body = {"kind": str(kind), "household": household.pk, **plain(request)}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(key, *, actor, household, kind, fingerprint):
    """The entry ``actor`` first wrote with ``key``, or None. The key sent again with another
    request (another fingerprint; for an entry without one, another household or kind) is 422:
    a retry must never be taken for a new request, nor a new request for a retry."""
    if key is None:
        return None
    entry = Entry.objects.filter(created_by=actor, idempotency_key=key).first()
    if entry is None:
        return None
    if entry.idempotency_fingerprint:
        same = entry.idempotency_fingerprint == fingerprint
    else:
        same = entry.household_id == household.pk and entry.kind == kind
    if not same:
        raise Unprocessable(
            _("This Idempotency-Key was already used for a different request. "
              "Send a new key with a new request."),
            code="idempotency_key_reused",
        )
    return entry


def _lock_account(household) -> Account:
    # By id, so that the caller's household object does not cache a stale account.
    Account.objects.get_or_create(household_id=household.pk)
    return Account.objects.select_for_update().get(household_id=household.pk)


def _write_entry(account, *, kind, points, actor, key=None, fingerprint="", reason="",
                 **refs) -> Entry:
    """Append the entry, then move the balance; the caller holds the account's lock."""
    balance = account.balance + points
    if balance < 0:
        raise Conflict(
            _("Not enough points: the balance is %(balance)s, %(needed)s are needed.")
            % {"balance": account.balance, "needed": -points},
            code="insufficient_points",
            extra={"balance": account.balance, "needed": -points},
        )
    entry = Entry.objects.create(
        household_id=account.household_id,
        kind=kind,
        points=points,
        balance_after=balance,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint if key else "",
        reason=reason,
        created_by=actor,
        **refs,
    )
    Account.objects.filter(pk=account.pk).update(balance=F("balance") + points,
                                                 updated_at=timezone.now())
    account.balance = balance
    return entry


@dataclass(frozen=True)
class Result:
    """What a deposit or redemption returns: the record, its entry, the balance after it."""

    record: Deposit | Redemption
    entry: Entry
    balance: int
    replayed: bool = False

    @property
    def points(self) -> int:
        return self.record.points


def _result_of(entry, replayed=True) -> Result:
    record = entry.deposit if entry.kind == EntryKind.DEPOSIT else entry.redemption
    return Result(record=record, entry=entry, balance=entry.balance_after, replayed=replayed)


def _counter_write(household, *, kind, actor, key, fingerprint, write, after=None) -> Result:
    """The write every deposit and redemption shares: lock the account, replay a repeated key,
    let ``write()`` add the record and return ``(record, points)``, then append its
    entry and move the balance — one transaction. Two first attempts with one user's key that
    race past the lookup collide on the (user, key) unique index; the loser replays the winner
    (or, sent with another request, is refused). ``after(record, balance)`` runs once the
    entry is written, in the same transaction (never for a replay)."""

    def attempt():
        with transaction.atomic():
            account = _lock_account(household)
            entry = _replay(key, actor=actor, household=household, kind=kind,
                            fingerprint=fingerprint)
            if entry is not None:
                return _result_of(entry)
            record, points = write()
            entry = _write_entry(account, kind=kind, points=points, actor=actor, key=key,
                                 fingerprint=fingerprint, **{kind.value: record})
            if after is not None:
                after(record, account.balance)
            return Result(record=record, entry=entry, balance=account.balance)

    try:
        return attempt()
    except IntegrityError:
        entry = _replay(key, actor=actor, household=household, kind=kind,
                        fingerprint=fingerprint)
        if entry is None:
            raise
        return _result_of(entry)


# --- deposits -----------------------------------------------------------------------------
def _as_time(value, field):
    if value in (None, ""):
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise InvalidInput(_("Enter the time as a date and time (ISO 8601)."), field=field)
        value = parsed
    if not isinstance(value, datetime):
        raise InvalidInput(_("Enter the time as a date and time (ISO 8601)."), field=field)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def clean_weighed_at(weighed_at, *, queue_started_at=None, now=None):
    """When a deposit was weighed, as the counter's clock said: ``now`` when not given.

    Refused (400, never clamped: the cashier sees the refusal and weighs again) when it is
    in the future (beyond a few minutes' clock difference, which counts as now), more than
    7 days old, or earlier than the first entry of the offline queue it came in.
    """
    now = now or timezone.now()
    weighed_at = _as_time(weighed_at, "weighed_at")
    started = _as_time(queue_started_at, "queue_started_at")
    if weighed_at is None:
        return now
    if weighed_at > now + CLOCK_SKEW:
        raise InvalidInput(_("The weighing time is in the future: check the clock of the "
                             "counter's device."), field="weighed_at")
    if weighed_at < now - OFFLINE_MAX_AGE:
        raise InvalidInput(_("This weigh-in is more than 7 days old and can no longer be "
                             "recorded. Weigh the recyclables again."), field="weighed_at")
    if started is not None and weighed_at < started:
        raise InvalidInput(_("The weighing time is before the first entry of the offline "
                             "queue: check the clock of the counter's device."),
                           field="weighed_at")
    return min(weighed_at, now)


def deposit_record(household, *, actor, lines, idempotency_key=None,
                   sms_receipt=False, weighed_at=None, queue_started_at=None) -> Result:
    """Credit ``household`` for recyclables ``[{category, weight_jin}]``.

    ``weighed_at``: when they were weighed (an offline counter's queue sends the device's
    time; bounded by :func:`clean_weighed_at`), priced at that day's prices; now by default.
    ``sms_receipt``: the household asked for a text message with the points and the new
    balance (sent to its phones after the commit; a failing gateway never fails the deposit).
    """
    check_may_record(actor, household)
    key = _clean_key(idempotency_key)
    received_at = timezone.now()
    weighed_at = clean_weighed_at(weighed_at, queue_started_at=queue_started_at,
                                  now=received_at)
    supermarket = supermarket_of(household)

    def write():
        quote = deposit_quote(household.village_id, lines,
                              on_date=timezone.localdate(weighed_at))
        if quote.points < 1:
            raise InvalidInput(
                _("These recyclables are worth less than one point."), field="lines"
            )
        deposit = Deposit.objects.create(
            household=household,
            supermarket=supermarket,
            points=quote.points,
            weight_jin=quote.weight_jin,
            amount_yuan=quote.amount_yuan,
            sms_receipt=bool(sms_receipt),
            weighed_at=weighed_at,
            received_at=received_at,
            created_by=actor,
        )
        DepositLine.objects.bulk_create(
            DepositLine(
                deposit=deposit,
                category=line.category,
                weight_jin=line.weight_jin,
                price_per_jin=line.price_per_jin,
                amount_yuan=line.amount_yuan,
            )
            for line in quote.lines
        )
        return deposit, quote.points

    return _counter_write(
        household, kind=EntryKind.DEPOSIT, actor=actor, key=key, write=write,
        fingerprint=_fingerprint(EntryKind.DEPOSIT, household, lines=lines),
        after=texts.weigh_in_receipt if sms_receipt else None,
    )


# --- redemptions --------------------------------------------------------------------------
def _parse_quantity(value, field):
    try:
        quantity = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter the quantity as a whole number."), field=field) from None
    if str(value).strip() not in (str(quantity), f"{quantity}.0") or quantity < 1:
        raise InvalidInput(_("The quantity must be a whole number of at least 1."), field=field)
    if quantity > 1000:
        raise InvalidInput(_("The quantity may be at most 1000."), field=field)
    return quantity


def redemption_record(household, *, actor, lines, idempotency_key=None) -> Result:
    """Give ``household`` goods ``[{product, quantity}]`` from its village's shelf for points."""
    check_may_record(actor, household)
    key = _clean_key(idempotency_key)
    supermarket = supermarket_of(household)
    if not lines:
        raise InvalidInput(_("Add at least one product."), field="lines")
    wanted: OrderedDict[int, int] = OrderedDict()
    for i, line in enumerate(lines):
        raw = line.get("product")
        product_id = getattr(raw, "pk", raw)
        try:
            product_id = int(product_id)
        except (TypeError, ValueError):
            raise InvalidInput(_("Unknown product."), field=f"lines[{i}].product") from None
        quantity = _parse_quantity(line.get("quantity"), f"lines[{i}].quantity")
        wanted[product_id] = wanted.get(product_id, 0) + quantity

    def write():
        products = {
            p.pk: p
            for p in Product.objects.select_for_update()
            .filter(pk__in=list(wanted), supermarket=supermarket, active=True)
            .order_by("pk")
        }
        for i, product_id in enumerate(wanted):
            if product_id not in products:
                raise InvalidInput(
                    _("This product is not on the shelf of %(supermarket)s.")
                    % {"supermarket": supermarket},
                    field=f"lines[{i}].product",
                )
        for product_id, quantity in wanted.items():
            product = products[product_id]
            if product.stock < quantity:
                raise Conflict(
                    _("Not enough %(product)s in stock: %(stock)s left, %(wanted)s wanted.")
                    % {"product": product.name, "stock": product.stock, "wanted": quantity},
                    code="insufficient_stock",
                    extra={"product": product.pk, "stock": product.stock, "wanted": quantity},
                )
        points = sum(products[p].points * q for p, q in wanted.items())
        value = sum((products[p].value_yuan * q for p, q in wanted.items()), Decimal("0"))
        redemption = Redemption.objects.create(
            household=household, supermarket=supermarket, points=points, value_yuan=value,
            created_by=actor,
        )
        RedemptionLine.objects.bulk_create(
            RedemptionLine(
                redemption=redemption,
                product=products[p],
                quantity=q,
                points_each=products[p].points,
                value_yuan_each=products[p].value_yuan,
            )
            for p, q in wanted.items()
        )
        for product_id, quantity in wanted.items():
            Product.objects.filter(pk=product_id).update(stock=F("stock") - quantity)
        # Not enough points: the entry refuses the negative balance and all of this rolls back.
        return redemption, -points

    return _counter_write(
        household, kind=EntryKind.REDEMPTION, actor=actor, key=key, write=write,
        fingerprint=_fingerprint(EntryKind.REDEMPTION, household, lines=lines),
    )


# --- corrections --------------------------------------------------------------------------
def entry_reverse(entry, *, actor, reason) -> Entry:
    """Undo ``entry`` with an opposite entry that points at it; an entry is reversed once.

    Reversing a redemption puts its goods back on the shelf.
    """
    household = entry.household
    check_may_record(actor, household)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for the reversal."), field="reason")
    if len(reason) > 200:
        raise InvalidInput(_("The reason may be at most 200 characters."), field="reason")
    if entry.kind == EntryKind.REVERSAL:
        raise Conflict(_("A reversal cannot itself be reversed."), code="is_reversal")
    with transaction.atomic():
        account = _lock_account(household)
        if Entry.objects.filter(reverses_id=entry.pk).exists():
            raise Conflict(_("This entry has already been reversed."), code="already_reversed")
        if entry.kind == EntryKind.REDEMPTION:
            lines = list(entry.redemption.lines.order_by("product_id"))
            list(
                Product.objects.select_for_update()
                .filter(pk__in=[line.product_id for line in lines])
                .order_by("pk")
            )
            for line in lines:
                Product.objects.filter(pk=line.product_id).update(
                    stock=F("stock") + line.quantity
                )
        try:
            with transaction.atomic():
                return _write_entry(
                    account, kind=EntryKind.REVERSAL, points=-entry.points, actor=actor,
                    reason=reason, reverses=entry,
                )
        except IntegrityError:
            raise Conflict(
                _("This entry has already been reversed."), code="already_reversed"
            ) from None


def account_adjust(household, *, actor, points, reason, idempotency_key=None) -> Entry:
    """A stock-free correction of the balance by township staff or the banner administrator."""
    if not (actor.is_superuser or has_role(actor, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN)):
        raise Forbidden(_("Only township staff and the banner administrator may adjust."))
    check_may_record(actor, household)
    key = _clean_key(idempotency_key)
    try:
        points = int(points)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter the points as a whole number."), field="points") from None
    if points == 0:
        raise InvalidInput(_("An adjustment of 0 points changes nothing."), field="points")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for the adjustment."), field="reason")
    fingerprint = _fingerprint(EntryKind.ADJUSTMENT, household, points=points, reason=reason)
    with transaction.atomic():
        account = _lock_account(household)
        entry = _replay(key, actor=actor, household=household, kind=EntryKind.ADJUSTMENT,
                        fingerprint=fingerprint)
        if entry is not None:
            return entry
        return _write_entry(
            account, kind=EntryKind.ADJUSTMENT, points=points, actor=actor, key=key,
            fingerprint=fingerprint, reason=reason[:200],
        )


# --- the shelf ----------------------------------------------------------------------------
def stock_in(product, *, actor, quantity, note="") -> StockIn:
    """Goods arrived: the product's stock grows by ``quantity``."""
    check_may_manage_supermarket(actor, product.supermarket)
    quantity = _parse_quantity(quantity, "quantity")
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        Product.objects.filter(pk=product.pk).update(stock=F("stock") + quantity)
        product.stock = locked.stock + quantity
        return StockIn.objects.create(
            product=product, quantity=quantity, stock_after=product.stock, note=note[:200],
            created_by=actor,
        )


def price_set(category, *, actor, price_per_jin, effective_from, village=None) -> CategoryPrice:
    """A new price from ``effective_from`` on (banner-wide when ``village`` is None)."""
    if village is None:
        if not (actor.is_superuser or has_role(actor, Role.BANNER_ADMIN)):
            raise Forbidden(_("Only the banner administrator sets banner-wide prices."))
    else:
        if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
            raise Forbidden(_("Only staff may set a village's prices."))
        if not unit_in_scope(actor, village):
            raise NotFound(_("No such village in your area."), field="village")
    try:
        price = Decimal(str(price_per_jin))
    except InvalidOperation:
        raise InvalidInput(_("Enter the price in yuan."), field="price_per_jin") from None
    if not price.is_finite() or price <= 0 or price != price.quantize(Decimal("0.01")):
        raise InvalidInput(
            _("The price must be more than 0 with at most two decimals."), field="price_per_jin"
        )
    with transaction.atomic():
        row, _created = CategoryPrice.objects.update_or_create(
            category=category, village=village, effective_from=effective_from,
            defaults={"price_per_jin": price, "created_by": actor},
        )
    return row
