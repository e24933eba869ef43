"""The garbage-sorting points supermarket (垃圾分类积分兑换超市).

Villagers bring sorted recyclables to their village's supermarket; the cashier weighs each
category and the household's account is credited ``floor(Σ weight × price × 10)`` points (one
point is worth 0.1 yuan). Points buy daily goods from the supermarket's shelf.

Every change of a balance is an :class:`Entry` of the append-only ledger, written in the same
transaction that locks the :class:`Account` row; the entry stores the balance after it, and a
CHECK constraint keeps both the account's balance and every ``balance_after`` non-negative.
A mistake is corrected by a reversal entry pointing at the original, never by an edit. Python
refuses to save an entry twice or delete it, and on PostgreSQL a trigger (django-pgtrigger,
``points_market.Entry:append_only``) refuses any UPDATE or DELETE of the table, whether it
comes from ``queryset.update()``, a bulk write or raw SQL.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.append_only import APPEND_ONLY
from practice.language import mongolian_name_field
from practice.models import Level
from practice.roles import SUBTREE_ROLES, Role
from practice.scoping import Scope, ScopedManager, ScopedQuerySet

POINTS_PER_YUAN = 10  # one point is worth 0.1 yuan
MAX_WEIGHT_JIN = Decimal("1000")


def _everyone(user):
    return Q()


def _own_village(lookup):
    """Villagers and volunteers see the rows of their own village (their unit)."""

    def q(user):
        if user.unit_id is None:
            return None
        return Q(**{lookup: user.unit_id})

    return q


def _defaults_and_subtree(user):
    """Banner-wide default prices, plus the village prices of the user's subtree."""
    if user.unit_id is None:
        return Q(village__isnull=True)
    return Q(village__isnull=True) | Q(village__path__startswith=user.unit.path)


def _defaults_and_own_village(user):
    if user.unit_id is None:
        return Q(village__isnull=True)
    return Q(village__isnull=True) | Q(village_id=user.unit_id)


class AppendOnlyModel(models.Model):
    """A row that is written once: saving it again or deleting it raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("This record is append-only and cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("This record is append-only and cannot be deleted."))


class Category(models.Model):
    """A kind of recyclable bought by the jin (报纸, 塑料瓶, 纸板, 书本 …)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    name_mn = mongolian_name_field()
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()
    scope = Scope(roles=dict.fromkeys(Role.values, _everyone))

    class Meta:
        verbose_name = _("recyclable category")
        verbose_name_plural = _("recyclable categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CategoryPrice(models.Model):
    """The price of a category from ``effective_from`` on: banner-wide, or one village's own.

    The price in force for a village on a day is the latest of that village's own prices that
    has taken effect, else the latest banner-wide price that has. Deposits copy the price they
    used, so a later change never alters a past deposit.
    """

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="prices"
    )
    village = models.ForeignKey(
        "practice.Unit",
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.VILLAGE},
        help_text=_("Leave empty for the banner-wide default price."),
    )
    price_per_jin = models.DecimalField(
        _("price (yuan per jin)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    effective_from = models.DateField(_("effective from"))
    created_by = models.ForeignKey(
        "practice.User",
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager()
    scope = Scope(
        unit="village",
        roles={
            **dict.fromkeys(SUBTREE_ROLES, _defaults_and_subtree),
            Role.VILLAGER: _defaults_and_own_village,
            Role.VOLUNTEER: _defaults_and_own_village,
        },
    )

    class Meta:
        verbose_name = _("recyclable price")
        verbose_name_plural = _("recyclable prices")
        ordering = ["category__sort_order", "village_id", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_per_jin__gt=0), name="%(app_label)s_%(class)s_price_positive"
            ),
            models.UniqueConstraint(
                fields=["category", "village", "effective_from"],
                name="%(app_label)s_%(class)s_category_village_day",
            ),
            models.UniqueConstraint(
                fields=["category", "effective_from"],
                condition=Q(village__isnull=True),
                name="%(app_label)s_%(class)s_category_default_day",
            ),
        ]

    def __str__(self):
        where = self.village.name if self.village_id else _("banner default")
        return f"{self.category} {self.price_per_jin} ({where}, {self.effective_from})"

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("Prices are set for a village or banner-wide.")})


class Supermarket(models.Model):
    """The points supermarket run by a village's practice station."""

    village = models.OneToOneField(
        "practice.Unit",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="points_supermarket",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    active = models.BooleanField(_("open"), default=True)

    objects = ScopedManager()
    scope = Scope(
        unit="village",
        roles={
            Role.VILLAGER: _own_village("village_id"),
            Role.VOLUNTEER: _own_village("village_id"),
        },
    )

    class Meta:
        verbose_name = _("points supermarket")
        verbose_name_plural = _("points supermarkets")
        ordering = ["village__path"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("A supermarket belongs to a village.")})


class Product(models.Model):
    """Goods on a supermarket's shelf, priced in points, with the quantity on hand."""

    supermarket = models.ForeignKey(
        Supermarket, verbose_name=_("supermarket"), on_delete=models.PROTECT,
        related_name="products",
    )
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    unit = models.CharField(_("unit"), max_length=20, help_text=_("e.g. bottle, bag, barrel"))
    points = models.PositiveIntegerField(
        _("price in points"), validators=[MinValueValidator(1)]
    )
    value_yuan = models.DecimalField(
        _("value (yuan)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What one unit is worth in yuan (for the statistics)."),
    )
    stock = models.PositiveIntegerField(_("stock"), default=0, editable=False)
    active = models.BooleanField(_("on the shelf"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = ScopedManager()
    scope = Scope(
        unit="supermarket__village",
        roles={
            Role.VILLAGER: _own_village("supermarket__village_id"),
            Role.VOLUNTEER: _own_village("supermarket__village_id"),
        },
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["supermarket_id", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="%(app_label)s_%(class)s_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(points__gte=1), name="%(app_label)s_%(class)s_points_positive"
            ),
            models.UniqueConstraint(
                fields=["supermarket", "name"], name="%(app_label)s_%(class)s_supermarket_name"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.points} {_('points')}/{self.unit}）"


class StockIn(AppendOnlyModel):
    """Goods that arrived at a supermarket: the product's stock grows by ``quantity``."""

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="stock_ins"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    stock_after = models.PositiveIntegerField(_("stock after"), editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        "practice.User", verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    objects = ScopedManager()
    scope = Scope(unit="product__supermarket__village")

    class Meta:
        verbose_name = _("stock-in")
        verbose_name_plural = _("stock-ins")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="%(app_label)s_%(class)s_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.product.name} +{self.quantity}"


class Account(models.Model):
    """The household's points balance (一人积分全家用: the whole household shares it)."""

    household = models.OneToOneField(
        "practice.Household",
        verbose_name=_("household"),
        primary_key=True,
        on_delete=models.PROTECT,
        related_name="points_account",
    )
    balance = models.IntegerField(_("balance (points)"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(unit="household__village", household="household")

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="%(app_label)s_%(class)s_balance_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.household} {self.balance}"


class CounterRecordQuerySet(ScopedQuerySet):
    def in_force(self):
        """The records whose ledger entry was not reversed: a reversed one never happened."""
        return self.filter(entry__reversed_by__isnull=True)

    def between(self, start, end):
        return self.filter(created_at__gte=start, created_at__lt=end)


class CounterRecord(models.Model):
    """What a cashier records for a household at its village's supermarket: a deposit of
    recyclables or a redemption of goods, worth ``points``. Its ledger entry (``entry``) moves
    the balance; a reversal of that entry undoes the record."""

    household = models.ForeignKey(
        "practice.Household", verbose_name=_("household"), on_delete=models.PROTECT,
        related_name="points_%(class)ss",
    )
    supermarket = models.ForeignKey(
        Supermarket, verbose_name=_("supermarket"), on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    points = models.PositiveIntegerField(_("points"))
    created_by = models.ForeignKey(
        "practice.User", verbose_name=_("cashier"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)

    objects = ScopedManager.from_queryset(CounterRecordQuerySet)()
    scope = Scope(unit="household__village", household="household")

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Deposit(CounterRecord):
    """Recyclables handed in by a household at a supermarket."""

    weight_jin = models.DecimalField(_("total weight (jin)"), max_digits=9, decimal_places=1)
    amount_yuan = models.DecimalField(_("value (yuan)"), max_digits=12, decimal_places=3)
    sms_receipt = models.BooleanField(
        _("receipt by text message"), default=False,
        help_text=_("The household asked for the points and the new balance by text message."),
    )
    # When the recyclables were weighed (the counter's clock; earlier than ``received_at`` when
    # the counter was offline and sent its queue later) and when the deposit reached the server.
    weighed_at = models.DateTimeField(_("weighed at"), default=timezone.now)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)

    class Meta(CounterRecord.Meta):
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")

    def __str__(self):
        return _("Deposit #%(id)s") % {"id": self.pk}


class DepositLine(models.Model):
    deposit = models.ForeignKey(
        Deposit, verbose_name=_("deposit"), on_delete=models.CASCADE, related_name="lines"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    weight_jin = models.DecimalField(_("weight (jin)"), max_digits=5, decimal_places=1)
    price_per_jin = models.DecimalField(_("price (yuan per jin)"), max_digits=6, decimal_places=2)
    amount_yuan = models.DecimalField(_("value (yuan)"), max_digits=10, decimal_places=3)

    class Meta:
        verbose_name = _("deposit line")
        verbose_name_plural = _("deposit lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_jin__gt=0) & Q(weight_jin__lte=MAX_WEIGHT_JIN),
                name="%(app_label)s_%(class)s_weight_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.category} {self.weight_jin}"


class Redemption(CounterRecord):
    """Goods a household took from a supermarket's shelf for points."""

    value_yuan = models.DecimalField(_("goods value (yuan)"), max_digits=12, decimal_places=2)

    class Meta(CounterRecord.Meta):
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")

    def __str__(self):
        return _("Redemption #%(id)s") % {"id": self.pk}


class RedemptionLine(models.Model):
    redemption = models.ForeignKey(
        Redemption, verbose_name=_("redemption"), on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    points_each = models.PositiveIntegerField(_("points each"))
    value_yuan_each = models.DecimalField(_("value each (yuan)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("redemption line")
        verbose_name_plural = _("redemption lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="%(app_label)s_%(class)s_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.product.name} × {self.quantity}"


class EntryKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    REDEMPTION = "redemption", _("Redemption")
    ADJUSTMENT = "adjustment", _("Adjustment")
    REVERSAL = "reversal", _("Reversal")


class EntryQuerySet(ScopedQuerySet):
    def not_reversed(self):
        return self.filter(reversed_by__isnull=True)

    def with_reversal_id(self):
        """Each entry with ``reversal_id``: the id of the entry reversing it, or None.

        A subquery rather than a join on ``reversed_by``: one index lookup per entry shown,
        where the join made PostgreSQL walk the index of every reversal."""
        reversal = self.model.objects.filter(reverses=OuterRef("pk")).values("pk")[:1]
        return self.annotate(reversal_id=Subquery(reversal))


class Entry(AppendOnlyModel):
    """One line of a household's points ledger; never edited, never deleted."""

    household = models.ForeignKey(
        "practice.Household", verbose_name=_("household"), on_delete=models.PROTECT,
        related_name="points_entries",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    points = models.IntegerField(_("points"))
    balance_after = models.IntegerField(_("balance after"))
    deposit = models.OneToOneField(
        Deposit, verbose_name=_("deposit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="entry",
    )
    redemption = models.OneToOneField(
        Redemption, verbose_name=_("redemption"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="entry",
    )
    reverses = models.OneToOneField(
        "self", verbose_name=_("reverses"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # A client's retry key (the Idempotency-Key header, the cashier form's hidden key), unique
    # per user who sent it, kept for good; with a fingerprint of the request it came with, so
    # that the key sent again with another request is refused (entries keyed before the
    # fingerprint existed have none, and replay).
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, null=True,
                                       blank=True)
    idempotency_fingerprint = models.CharField(_("request fingerprint"), max_length=64,
                                               blank=True, default="")
    # PROTECT, not SET_NULL: clearing it would be an UPDATE of the ledger, which the database
    # refuses. Somebody who recorded entries is deactivated, never deleted.
    created_by = models.ForeignKey(
        "practice.User", verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)

    objects = ScopedManager.from_queryset(EntryQuerySet)()
    scope = Scope(unit="household__village", household="household")

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-id"]
        indexes = [models.Index(fields=["household", "-id"], name="points_entry_household_id")]
        # PostgreSQL refuses UPDATE and DELETE of a ledger line, also from update(), bulk writes
        # and raw SQL (README: "Append-only tables").
        triggers = [APPEND_ONLY]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_after__gte=0),
                name="%(app_label)s_%(class)s_balance_after_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(points=0), name="%(app_label)s_%(class)s_points_not_zero"
            ),
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                name="%(app_label)s_%(class)s_created_by_idempotency_key",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="deposit", points__gt=0, deposit__isnull=False)
                    | Q(kind="redemption", points__lt=0, redemption__isnull=False)
                    | Q(kind="reversal", reverses__isnull=False)
                    | Q(kind="adjustment")
                ),
                name="%(app_label)s_%(class)s_kind_fits",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} {self.points:+d}"
