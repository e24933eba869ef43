"""The contract canteen (合约食堂) and the weddings-and-funerals rules (红白事规定).

* :class:`RuleSet`: the figures a banner (the default) or a village (its own measures) adopts,
  versioned by the date they take effect.
* :class:`Canteen`: a village's contract canteen with its capacity in tables per day.
* :class:`Booking`: a household's request for a banquet or a tea party, its fee and status.
* :class:`ViolationRecord`: a household's recorded breach of the rules; it withholds the village
  committee's support (村委会不予支持) until a date the council sets.
* :class:`BookingEvent`: a booking's history, append-only (on PostgreSQL a trigger inherited from
  ``StatusEvent``, ``banquets.BookingEvent:append_only``, refuses UPDATE and DELETE).

The rules themselves are checked by the pure function :func:`banquets.rules.check_booking`;
the writes live in :mod:`banquets.services`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from practice.language import mongolian_name_field
from practice.models import Level, Unit
from practice.roles import Role
from practice.scoping import Scope, ScopedManager, ScopedQuerySet
from practice.transitions import StatusEvent


class Occasion(models.TextChoices):
    WEDDING = "wedding", _("Wedding")
    COLLECTIVE_WEDDING = "collective_wedding", _("Collective wedding")
    FUNERAL = "funeral", _("Funeral")
    RELOCATION = "relocation", _("Moving house")
    FULL_MONTH = "full_month", _("Baby's full month")
    ENLISTMENT = "enlistment", _("Joining the army")
    SCHOOL_ADMISSION = "school_admission", _("School admission")
    BIRTHDAY = "birthday", _("Birthday or longevity")
    OTHER = "other", _("Other occasion")


class Kind(models.TextChoices):
    BANQUET = "banquet", _("Banquet")
    TEA_PARTY = "tea_party", _("Tea party")


# The defaults of the source report (柴达木嘎查 interim measures).
DEFAULT_BANQUET_OCCASIONS = [Occasion.WEDDING, Occasion.COLLECTIVE_WEDDING, Occasion.FUNERAL]
DEFAULT_TEA_PARTY_OCCASIONS = [Occasion.SCHOOL_ADMISSION, Occasion.BIRTHDAY]
GUESTS_PER_TABLE = 10


def _default_banquet_occasions():
    return [str(o) for o in DEFAULT_BANQUET_OCCASIONS]


def _default_tea_party_occasions():
    return [str(o) for o in DEFAULT_TEA_PARTY_OCCASIONS]


def _own_line(user):
    """Villagers read the rules of their own village and of the units above it."""
    if user.unit_id is None:
        return None
    return Q(unit__code__in=user.unit.path.strip("/").split("/"))


class RuleSet(models.Model):
    """One version of a banner's or a village's figures, in force from ``effective_from``."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("banner or village"),
        on_delete=models.PROTECT,
        related_name="banquet_rulesets",
        limit_choices_to={"level__in": [Level.BANNER, Level.VILLAGE]},
    )
    effective_from = models.DateField(_("in force from"))
    title = models.CharField(_("title"), max_length=100, blank=True)
    banquet_occasions = models.JSONField(
        _("occasions allowed a banquet"), default=_default_banquet_occasions, blank=True
    )
    tea_party_occasions = models.JSONField(
        _("occasions allowed only a tea party"), default=_default_tea_party_occasions, blank=True
    )
    max_tables = models.PositiveSmallIntegerField(
        _("maximum tables"), default=10, validators=[MinValueValidator(1)]
    )
    max_dishes_per_table = models.PositiveSmallIntegerField(
        _("maximum dishes per table"), default=6, validators=[MinValueValidator(1)]
    )
    max_gift = models.PositiveIntegerField(_("maximum gift money (yuan)"), default=200)
    fee_per_table = models.DecimalField(
        _("venue fee per table (yuan)"), max_digits=8, decimal_places=2, default=Decimal("40")
    )
    one_formal_meal = models.BooleanField(
        _("one formal meal only"),
        default=True,
        help_text=_("Banquets are lunch on the day; other meals are plain home meals."),
    )
    # Figures for the savings estimate: what such an event cost before the rules.
    usual_tables = models.PositiveSmallIntegerField(_("usual tables without the rules"), default=25)
    usual_cost_per_table = models.PositiveIntegerField(
        _("usual cost per table without the rules (yuan)"), default=1000
    )
    usual_gift = models.PositiveIntegerField(_("usual gift money without the rules (yuan)"),
                                             default=500)
    banquet_cost_per_table = models.PositiveIntegerField(
        _("cost per banquet table under the rules (yuan)"), default=500
    )
    tea_party_cost_per_table = models.PositiveIntegerField(
        _("cost per tea-party table (yuan)"), default=120
    )
    notes = models.TextField(_("further provisions"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="unit", roles={Role.VILLAGER: _own_line, Role.VOLUNTEER: _own_line})

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["unit__path", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "effective_from"], name="%(app_label)s_%(class)s_unit_from"
            ),
            models.CheckConstraint(
                condition=Q(fee_per_table__gte=0), name="%(app_label)s_%(class)s_fee_not_negative"
            ),
        ]

    def __str__(self):
        return self.title or f"{self.unit} {self.effective_from:%Y-%m-%d}"

    @property
    def forbidden_occasions(self) -> list[str]:
        allowed = set(self.banquet_occasions) | set(self.tea_party_occasions)
        return [o for o in Occasion.values if o not in allowed]

    def clean(self):
        errors = {}
        if self.unit_id and self.unit.level not in (Level.BANNER, Level.VILLAGE):
            errors["unit"] = _("Rules belong to the banner or to a village.")
        for name in ("banquet_occasions", "tea_party_occasions"):
            value = getattr(self, name)
            if not isinstance(value, list) or any(v not in Occasion.values for v in value):
                errors[name] = _("Use occasion codes only: %(codes)s.") % {
                    "codes": ", ".join(Occasion.values)
                }
        if not errors and set(self.banquet_occasions) & set(self.tea_party_occasions):
            errors["tea_party_occasions"] = _(
                "An occasion is either allowed a banquet or only a tea party, not both."
            )
        if errors:
            raise ValidationError(errors)


def _township_canteens(user):
    """Villagers see the contract canteens of their township."""
    if user.unit_id is None:
        return None
    township = user.unit.township
    if township is None:
        return Q(village=user.unit_id)
    return Q(village__path__startswith=township.path)


class Canteen(models.Model):
    village = models.ForeignKey(
        Unit,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="canteens",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    capacity = models.PositiveSmallIntegerField(
        _("capacity (tables per day)"), validators=[MinValueValidator(1)]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("taking bookings"), default=True)

    objects = ScopedManager()
    scope = Scope(unit="village", roles={Role.VILLAGER: _township_canteens})

    class Meta:
        verbose_name = _("contract canteen")
        verbose_name_plural = _("contract canteens")
        ordering = ["village__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"],
                                    name="%(app_label)s_%(class)s_village_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1),
                                   name="%(app_label)s_%(class)s_capacity_positive"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("A contract canteen belongs to a village.")})


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# Bookings that take tables of the canteen on their date.
ACTIVE_STATUSES = (Status.SUBMITTED, Status.APPROVED, Status.HELD)


def council_villages(user, on=None):
    """The ids of the villages in whose red-and-white council ``user`` sits, as a subquery."""
    from institutions.models import CouncilKind, CouncilMember
    from institutions.selectors import sitting

    return CouncilMember.objects.filter(sitting(on), user_id=user.pk,
                                        council__kind=CouncilKind.RED_WHITE).values(
        "council__village_id")


def _own_or_councils(user):
    """A villager sees their household's bookings and those they made; a sitting member of a
    village's red-and-white council also sees the bookings of its canteens (the council
    decides on them)."""
    q = Q(created_by=user.pk) | Q(canteen__village_id__in=council_villages(user))
    if user.household_id:
        q |= Q(household=user.household_id)
    return q


class BookingQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Booking(models.Model):
    household = models.ForeignKey(
        "practice.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="banquet_bookings",
    )
    canteen = models.ForeignKey(
        Canteen, verbose_name=_("contract canteen"), on_delete=models.PROTECT,
        related_name="bookings",
    )
    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("rules applied"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="bookings",
    )
    occasion = models.CharField(_("occasion"), max_length=24, choices=Occasion.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"), db_index=True)
    tables = models.PositiveSmallIntegerField(_("tables"), validators=[MinValueValidator(1)])
    dishes_per_table = models.PositiveSmallIntegerField(_("dishes per table"))
    gift_limit = models.PositiveIntegerField(_("gift money limit (yuan)"))
    formal_meals = models.PositiveSmallIntegerField(_("formal meals"), default=1)
    guests = models.PositiveIntegerField(_("estimated guests"), null=True, blank=True)
    fee = models.DecimalField(_("venue fee (yuan)"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED,
        db_index=True,
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    tables_used = models.PositiveSmallIntegerField(_("tables actually used"), null=True,
                                                   blank=True)
    cost_without_rules = models.DecimalField(
        _("estimated cost without the rules (yuan)"), max_digits=12, decimal_places=2,
        null=True, blank=True,
    )
    cost_with_rules = models.DecimalField(
        _("estimated cost under the rules (yuan)"), max_digits=12, decimal_places=2,
        null=True, blank=True,
    )
    savings = models.DecimalField(
        _("savings (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Who approved or rejected it, and whether as a member of the village's red-and-white
    # council (where it is set up) or as staff acting for it (where it is not). The history
    # (BookingEvent) keeps the same person as the event's actor.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    by_council = models.BooleanField(_("decided by the red-and-white council"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager.from_queryset(BookingQuerySet)()
    scope = Scope(unit="canteen__village", household="household", user="created_by",
                  roles={Role.VILLAGER: _own_or_councils})

    class Meta:
        verbose_name = _("canteen booking")
        verbose_name_plural = _("canteen bookings")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["canteen", "date", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(tables__gte=1),
                                   name="%(app_label)s_%(class)s_tables_positive"),
            models.CheckConstraint(condition=Q(fee__gte=0),
                                   name="%(app_label)s_%(class)s_fee_not_negative"),
        ]

    def __str__(self):
        return f"{self.household} {self.get_occasion_display()} {self.date:%Y-%m-%d}"


class BookingEvent(StatusEvent):
    """Every status change of a booking, who made it and why (append-only)."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("booking event")
        verbose_name_plural = _("booking events")

    def __str__(self):
        return f"{self.booking_id}: {self.from_status} → {self.to_status}"


class Rule(models.TextChoices):
    OCCASION = "occasion", _("Occasion not allowed")
    KIND = "kind", _("Banquet where only a tea party is allowed")
    TABLES = "tables", _("Too many tables")
    DISHES = "dishes_per_table", _("Too many dishes per table")
    GIFT = "gift_limit", _("Gift money over the limit")
    FORMAL_MEAL = "formal_meals", _("More than one formal meal")
    VENUE = "venue", _("Held outside the contract canteen")
    OTHER = "other", _("Other")


class ViolationRecord(models.Model):
    household = models.ForeignKey(
        "practice.Household", verbose_name=_("household"), on_delete=models.PROTECT,
        related_name="banquet_violations",
    )
    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="violations",
    )
    event_date = models.DateField(_("event date"))
    rule = models.CharField(_("rule broken"), max_length=24, choices=Rule.choices)
    description = models.TextField(_("description"))
    support_withheld_until = models.DateField(
        _("committee support withheld until"),
        help_text=_(
            "Until this date the village committee withholds its support (村委会不予支持)."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="household__village", household="household")

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-event_date", "-id"]
        indexes = [models.Index(fields=["household", "support_withheld_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(support_withheld_until__gte=models.F("event_date")),
                name="%(app_label)s_%(class)s_until_after_event",
            ),
        ]

    def __str__(self):
        return f"{self.household} {self.get_rule_display()} {self.event_date:%Y-%m-%d}"


class SavingsAssumption(models.Model):
    """What an event of one occasion cost a household before the rules, for the savings
    estimate (红白事简办节省金额): a wedding is not a tea party. One row per occasion, kept by
    the banner's staff; the figure on the dashboard reads them as they are now."""

    occasion = models.CharField(_("occasion"), max_length=24, choices=Occasion.choices,
                                unique=True)
    usual_tables = models.PositiveSmallIntegerField(_("usual tables without the rules"))
    usual_cost_per_table = models.PositiveIntegerField(
        _("usual cost per table without the rules (yuan)"))
    usual_gift_per_guest = models.PositiveIntegerField(
        _("usual gift money per guest without the rules (yuan)"))
    basis = models.CharField(_("basis of the figures"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("savings assumption")
        verbose_name_plural = _("savings assumptions")
        ordering = ["occasion"]

    def __str__(self):
        return self.get_occasion_display()

    @property
    def cost_without_rules(self) -> int:
        return self.usual_tables * (self.usual_cost_per_table
                                    + GUESTS_PER_TABLE * self.usual_gift_per_guest)
