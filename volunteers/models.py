"""Volunteer teams, service menus, orders (群众点单、组织派单、志愿者接单) and the time bank.

Business rules live in ``services.py``; this module only declares the rows, their constraints
and where each hangs in the network (its ``scope``).

The time bank's :class:`TimeBankEntry` rows and the histories (:class:`OrderEvent`,
:class:`ActivityEvent`) are append-only: Python refuses to change or delete them, and on
PostgreSQL a trigger (django-pgtrigger, ``volunteers.<Model>:append_only``) refuses any UPDATE
or DELETE of their tables, also from ``queryset.update()`` and raw SQL. A correction is a
reversal entry; an activity with a history is cancelled, not deleted.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import ActivityCategory, Campaign, CodeForeignKey
from practice.append_only import APPEND_ONLY
from practice.exceptions import Conflict
from practice.language import mongolian_name_field
from practice.models import Unit, mobile_validator
from practice.roles import Role
from practice.scoping import Scope, ScopedManager, ScopedQuerySet
from practice.transitions import StatusEvent


def _own_line_codes(user):
    if user.unit_id is None:
        return None
    return user.unit.path.strip("/").split("/")


# --- teams and volunteers ------------------------------------------------------------------
class TeamKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture team")
    WOMEN = "women", _("Women's volunteer team")
    ULAN_MUQIR = "ulan_muqir", _("Ulan Muqir troupe")
    PARTY = "party", _("Party-member team")
    PROFESSIONAL = "professional", _("Professional team")
    OTHER = "other", _("Other team")


def _teams_of_volunteer(user):
    return Q(pk__in=Membership.objects.filter(volunteer__user=user).values("team_id"))


def _teams_of_villager(user):
    codes = _own_line_codes(user)
    return Q(unit__code__in=codes) if codes else None


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    kind = models.CharField(_("kind"), max_length=16, choices=TeamKind.choices,
                            default=TeamKind.OTHER)
    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="teams")
    leader = models.ForeignKey("Volunteer", verbose_name=_("leader"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="led_teams")
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    members = models.ManyToManyField("Volunteer", through="Membership", related_name="teams",
                                     verbose_name=_("members"))

    objects = ScopedManager()
    scope = Scope(unit="unit", roles={Role.VOLUNTEER: _teams_of_volunteer,
                                      Role.VILLAGER: _teams_of_villager})

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"],
                                    name="%(app_label)s_%(class)s_unit_name"),
        ]

    def __str__(self):
        return self.name


class PoliticalStatus(models.TextChoices):
    """政治面貌, as a certificate states it."""

    PARTY_MEMBER = "party_member", _("Member of the Communist Party of China")
    PROBATIONARY = "probationary", _("Probationary member of the Communist Party of China")
    LEAGUE_MEMBER = "league_member", _("Member of the Communist Youth League")
    DEMOCRATIC_PARTY = "democratic_party", _("Member of a democratic party")
    NON_PARTISAN = "non_partisan", _("Non-partisan")
    MASSES = "masses", _("Ordinary citizen")


class Volunteer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="volunteer")
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11, unique=True, null=True,
                             blank=True, validators=[mobile_validator],
                             error_messages={"unique": _("A volunteer with this mobile phone "
                                                         "already exists.")})
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    unit = models.ForeignKey("practice.Unit", verbose_name=_("home unit"),
                             on_delete=models.PROTECT, related_name="volunteers")
    registered_on = models.DateField(_("registered on"))
    # What a volunteer certificate (志愿服务时长证明) states besides the hours, which are read
    # from the time bank (selectors.service_hours_of).
    political_status = models.CharField(_("political status"), max_length=16,
                                        choices=PoliticalStatus.choices, blank=True)
    employer = models.CharField(
        _("employer"), max_length=100, blank=True,
        help_text=_("Work unit of cadres, teachers, police officers and doctors."))
    free_time = models.CharField(_("free time"), max_length=100, blank=True,
                                 help_text=_("When they can serve, e.g. after work, weekends."))

    objects = ScopedManager()
    scope = Scope(unit="unit", user="user")

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["name", "pk"]
        # The rosters list volunteers by name: without it a banner-wide page sorts them all.
        indexes = [models.Index(fields=["name", "id"], name="volunteer_name_id")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.phone == "":
            self.phone = None
        super().save(*args, **kwargs)


class Membership(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE,
                             related_name="memberships")
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"),
                                  on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"))

    objects = ScopedManager()
    scope = Scope(unit="team__unit", user="volunteer__user")

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"],
                                    name="%(app_label)s_%(class)s_team_volunteer"),
        ]

    def __str__(self):
        return f"{self.team} · {self.volunteer}"


# --- the service menu --------------------------------------------------------------------
class ServiceCategory(models.TextChoices):
    ELDERLY = "elderly", _("Care for the elderly")
    REPAIR = "repair", _("Repairs")
    LEGAL = "legal", _("Legal advice")
    FARMING = "farming", _("Farming and herding")
    HEALTH = "health", _("Health")
    POLICY = "policy", _("Policy explanation")
    ENVIRONMENT = "environment", _("Environment")
    CULTURE = "culture", _("Culture and education")
    OTHER = "other", _("Other")


def _items_on_own_line(user):
    codes = _own_line_codes(user)
    return Q(unit__code__in=codes) if codes else None


def _items_for_staff(user):
    """Staff see what their subtree offers and what the units above them offer."""
    if user.unit_id is None:
        return None
    return Q(unit__path__startswith=user.unit.path) | Q(unit__code__in=_own_line_codes(user))


class ServiceItem(models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    category = models.CharField(_("category"), max_length=16, choices=ServiceCategory.choices,
                                default=ServiceCategory.OTHER)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey("practice.Unit", verbose_name=_("offered by"),
                             on_delete=models.PROTECT, related_name="service_items")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), null=True,
                                 blank=True, on_delete=models.PROTECT,
                                 related_name="service_items")
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()
    scope = Scope(unit="unit", roles={
        Role.VILLAGER: _items_on_own_line, Role.VOLUNTEER: _items_on_own_line,
        Role.STATION_STAFF: _items_for_staff, Role.TOWNSHIP_STAFF: _items_for_staff,
    })

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["category", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"],
                                    name="%(app_label)s_%(class)s_unit_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """A campaign the offering unit takes part in (its banner's or its township's), as for
        activities and honours."""
        if self.campaign_id and self.unit_id and not self.campaign.is_on_line_of(self.unit):
            raise ValidationError({"campaign": Campaign.NOT_ON_LINE})


# --- orders ------------------------------------------------------------------------------
class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("order status", "Submitted")
    DISPATCHED = "dispatched", _("Dispatched")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")
    RATED = "rated", _("Rated")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (OrderStatus.SUBMITTED, OrderStatus.DISPATCHED)


def team_ids_of(user) -> list[int]:
    """The ids of the teams ``user`` volunteers in. Order and activity filters use the ids
    rather than a subquery or a join in an OR, so that each branch is an index lookup on the
    filtered table (as joins and subqueries PostgreSQL read every order)."""
    return list(Membership.objects.filter(volunteer__user=user).order_by()
                .values_list("team_id", flat=True).distinct())


def volunteer_ids_of(user) -> list[int]:
    """The ids of ``user``'s volunteer record(s), for the same filters."""
    return list(Volunteer.objects.filter(user=user).values_list("pk", flat=True))


def _orders_for_volunteer(user):
    """Orders dispatched to the volunteer's teams, those they hold, their household's, and the
    submitted orders in the area of the teams they lead (which they may claim)."""
    q = (Q(team_id__in=team_ids_of(user)) | Q(volunteer_id__in=volunteer_ids_of(user))
         | Q(created_by=user))
    if user.household_id:
        q |= Q(household_id=user.household_id)
    led_paths = list(Team.objects.filter(leader__user=user).values_list("unit__path", flat=True))
    if led_paths:
        areas = Q()
        for path in led_paths:
            areas |= Q(path__startswith=path)
        villages = list(Unit.objects.filter(areas).values_list("pk", flat=True))
        q |= Q(status=OrderStatus.SUBMITTED, village_id__in=villages)
    return q


# The overdue rule, once: an order the periodic task flagged (``overdue_at``) that is still
# waiting for a team or a volunteer. Dispatch, acceptance and a return clear the flag; a
# cancelled order is no longer overdue. Rows answer ``Order.is_overdue``, querysets
# ``Order.objects.overdue()`` (the API's and the pages' filter, the admin's).
OVERDUE = Q(overdue_at__isnull=False, status__in=OPEN_STATUSES)


class OrderQuerySet(ScopedQuerySet):
    def overdue(self, overdue=True):
        """The overdue orders (``overdue=False``: the others)."""
        return self.filter(OVERDUE) if overdue else self.exclude(OVERDUE)


class Order(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ordered by"),
                                   on_delete=models.PROTECT, related_name="service_orders")
    assisted = models.BooleanField(_("placed by staff for the household"), default=False)
    household = models.ForeignKey("practice.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="service_orders")
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="service_orders")
    handler_unit = models.ForeignKey(
        "practice.Unit", verbose_name=_("handled at"), on_delete=models.PROTECT,
        related_name="handled_orders",
        help_text=_("The level that dispatches the order: the village, then the township "
                    "and the banner after escalation."))
    service_item = models.ForeignKey(ServiceItem, verbose_name=_("service item"),
                                     on_delete=models.PROTECT, related_name="orders")
    description = models.TextField(_("description"))
    preferred_time = models.DateTimeField(_("preferred time"), null=True, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=11, blank=True,
                                     validators=[mobile_validator])
    use_banked_hours = models.BooleanField(_("use banked hours"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=OrderStatus.choices,
                              default=OrderStatus.SUBMITTED, db_index=True)
    team = models.ForeignKey(Team, verbose_name=_("team"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="orders")
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="orders")
    hours = models.DecimalField(_("hours spent"), max_digits=5, decimal_places=2, null=True,
                                blank=True)
    banked_hours_used = models.DecimalField(_("banked hours used"), max_digits=6,
                                            decimal_places=2, default=Decimal("0"))
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.TextField(_("rating comment"), blank=True)
    created_at = models.DateTimeField(_("placed at"), db_index=True)
    submitted_at = models.DateTimeField(
        _("waiting since"), help_text=_("When the order last entered the submitted state."))
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True,
                                      db_index=True)

    objects = ScopedManager.from_queryset(OrderQuerySet)()
    scope = Scope(unit="village", household="household", user="created_by",
                  roles={Role.VOLUNTEER: _orders_for_volunteer})

    class Meta:
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="%(app_label)s_%(class)s_rating_1_to_5"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=24),
                name="%(app_label)s_%(class)s_hours_range"),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "completed", "rated"])
                | Q(volunteer__isnull=False),
                name="%(app_label)s_%(class)s_held_has_volunteer"),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"]),
                   models.Index(fields=["village", "status"]),
                   # The indicators count orders by the time of each step, per village
                   # (volunteers/indicators.py); the village rides along for index-only scans.
                   models.Index(fields=["dispatched_at"], include=["village"],
                                name="order_dispatched_at_village"),
                   models.Index(fields=["accepted_at"], include=["village"],
                                name="order_accepted_at_village"),
                   models.Index(fields=["completed_at"], include=["village"],
                                name="order_completed_at_village"),
                   models.Index(fields=["rated_at"], include=["village"],
                                name="order_rated_at_village")]

    def __str__(self):
        return f"#{self.pk} {self.service_item}"

    @property
    def is_overdue(self):
        """:data:`OVERDUE` for this row."""
        return self.overdue_at is not None and self.status in OPEN_STATUSES


class EventKind(models.TextChoices):
    PLACED = "placed", _("Placed")
    DISPATCHED = "dispatched", _("Dispatched")
    CLAIMED = "claimed", _("Claimed by the team")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")
    RATED = "rated", _("Rated")
    CANCELLED = "cancelled", _("Cancelled")
    RETURNED = "returned", _("Returned by the team")
    ESCALATED = "escalated", _("Escalated")
    REVIEWED = "reviewed", _("Third-party review")
    OVERDUE = "overdue", _("Flagged overdue")


class OrderEvent(StatusEvent):
    """A step of an order's history: a move, or a note on it (a review, an overdue flag)."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT,
                              related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=OrderStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=OrderStatus.choices,
                                 blank=True)
    # A note the platform wrote (not one a person typed): its English message id and
    # parameters, so that the timeline shows it in the reader's language (volunteers/wording.py).
    note_msgid = models.CharField(_("note's message id"), max_length=200, blank=True,
                                  default="")
    note_params = models.JSONField(_("note's parameters"), default=dict, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="order__village", household="order__household")

    class Meta(StatusEvent.Meta):
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        # The overdue indicator counts one kind of event by time (volunteers/indicators.py).
        indexes = [models.Index(fields=["kind", "at"], name="orderevent_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"

    @property
    def shown_note(self) -> str:
        """The note in the reader's language where the platform wrote it."""
        from .wording import shown

        return shown(self.note, self.note_msgid, self.note_params, kind="notes")


class Review(models.Model):
    """第三方点评: an independent reviewer's score of a completed order."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE,
                              related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="service_reviews")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("reviewed at"), db_index=True)

    objects = ScopedManager()
    scope = Scope(unit="order__village")

    class Meta:
        verbose_name = _("third-party review")
        verbose_name_plural = _("third-party reviews")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["order", "reviewer"],
                                    name="%(app_label)s_%(class)s_order_reviewer"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5),
                                   name="%(app_label)s_%(class)s_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.order} · {self.score}"


# --- the time bank (零存整取) --------------------------------------------------------------
class TimeBankAccount(models.Model):
    volunteer = models.OneToOneField(Volunteer, verbose_name=_("volunteer"),
                                     on_delete=models.PROTECT, related_name="time_bank")
    balance = models.DecimalField(_("balance (hours)"), max_digits=9, decimal_places=2,
                                  default=Decimal("0"))

    objects = ScopedManager()
    scope = Scope(unit="volunteer__unit", user="volunteer__user")

    class Meta:
        verbose_name = _("time bank account")
        verbose_name_plural = _("time bank accounts")
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0),
                                   name="%(app_label)s_%(class)s_balance_not_negative"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.balance}"


class EntryKind(models.TextChoices):
    ORDER = "order", _("Service order")
    ACTIVITY = "activity", _("Practice activity")
    STAFF_ENTERED = "staff_entered", _("Entered by staff")
    DRAW = "draw", _("Drawn for the household")
    REVERSAL = "reversal", _("Reversal")


# Kinds that come from a source which may deposit (or draw) only once per account.
SOURCED_KINDS = (EntryKind.ORDER, EntryKind.ACTIVITY, EntryKind.DRAW)


class TimeBankEntry(models.Model):
    """One line of the append-only hours ledger: never edited, never deleted.

    ``source_type`` + ``source_id`` name what caused the entry (an order, an activity
    attendance …); a source deposits (or draws) at most once per account. Staff-entered
    hours that name a source (an attendance) are once per source too.
    """

    account = models.ForeignKey(TimeBankAccount, verbose_name=_("account"),
                                on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2,
                                help_text=_("Positive for a deposit, negative for a draw."))
    balance_after = models.DecimalField(_("balance after"), max_digits=9, decimal_places=2)
    source_type = models.CharField(_("source type"), max_length=32, blank=True)
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("time"), db_index=True)

    objects = ScopedManager()
    scope = Scope(unit="account__volunteer__unit", user="account__volunteer__user")

    class Meta:
        verbose_name = _("time bank entry")
        verbose_name_plural = _("time bank entries")
        ordering = ["-created_at", "-pk"]
        # PostgreSQL refuses UPDATE and DELETE (README: "Append-only tables").
        triggers = [APPEND_ONLY]
        constraints = [
            models.CheckConstraint(condition=Q(balance_after__gte=0),
                                   name="%(app_label)s_%(class)s_balance_not_negative"),
            models.CheckConstraint(condition=~Q(hours=0),
                                   name="%(app_label)s_%(class)s_hours_not_zero"),
            models.UniqueConstraint(
                fields=["account", "kind", "source_type", "source_id"],
                condition=Q(kind__in=["order", "activity", "draw"])
                | Q(kind="staff_entered", source_id__isnull=False),
                name="%(app_label)s_%(class)s_once_per_source"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.hours}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise Conflict(_("Time bank entries are never changed; add a reversal instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Conflict(_("Time bank entries are never deleted; add a reversal instead."))


# --- notifications -----------------------------------------------------------------------
class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.CASCADE, related_name="notifications")
    order = models.ForeignKey(Order, verbose_name=_("order"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("message"), max_length=300)
    # The message's English id and parameters (volunteers/wording.py): shown in the reader's
    # language; ``message`` keeps the Chinese text that was sent.
    msgid = models.CharField(_("message id"), max_length=200, blank=True, default="")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(user="user", roles={
        r: (lambda user: Q(user=user)) for r in Role.values
    })

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # A person's notifications newest first, without sorting all they ever had.
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_newest"),
        ]

    def __str__(self):
        return self.message

    @property
    def shown_message(self) -> str:
        """The message in the reader's language, with the order's number and service."""
        from practice.language import local_name

        from .wording import shown, split_suffix

        if self.msgid:
            text = shown(self.message, self.msgid, self.params, kind="messages")
            if self.order_id:
                text += f"（#{self.order_id} {local_name(self.order.service_item)}）"
            elif self.params.get("suffix"):
                text += self.params["suffix"]
            return text
        text, suffix = split_suffix(self.message)
        return shown(text, kind="messages") + suffix



# --- practice activities (文明实践活动) ------------------------------------------------------
class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


def _activities_on_own_line(user):
    """Villagers and volunteers see the activities of their village, township and banner;
    volunteers also those their teams organise and those they attended."""
    # The units' keys: a join to the units in the OR would make PostgreSQL read them for
    # every activity.
    q = Q(unit_id__in=user.unit.line_ids()) if user.unit_id else None
    if user.role == Role.VOLUNTEER:
        # The ids of their teams' and attended activities, looked up first: as an OR across
        # the teams' and attendances' joins PostgreSQL joined every activity to both, and as
        # subqueries it still read every activity; as lists of keys every part of the OR is an
        # index lookup. Both lists come in one query (a UNION).
        teams = Membership.objects.filter(volunteer__user=user).values("team_id")
        organised = (Activity.teams.through.objects.filter(team_id__in=teams).order_by()
                     .values_list("activity_id", flat=True))
        attended = (Attendance.objects.filter(volunteer__user=user).order_by()
                    .values_list("activity_id", flat=True))
        mine = set(organised.union(attended))
        if mine:
            q = Q(pk__in=sorted(mine)) if q is None else q | Q(pk__in=sorted(mine))
    return q


class Activity(models.Model):
    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="activities")
    teams = models.ManyToManyField(Team, verbose_name=_("organising teams"), blank=True,
                                   related_name="activities")
    # The category's code is the column's value (db_column "category", as when the categories
    # were a fixed list); ``category_id`` reads it without a query.
    category = CodeForeignKey("campaigns.ActivityCategory", verbose_name=_("category"),
                              to_field="code", db_column="category", on_delete=models.PROTECT,
                              default=ActivityCategory.OTHER, related_name="activities")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED, db_index=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    held_at = models.DateTimeField(_("marked held at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="unit", roles={Role.VILLAGER: _activities_on_own_line,
                                      Role.VOLUNTEER: _activities_on_own_line})

    class Meta:
        verbose_name = _("practice activity")
        verbose_name_plural = _("practice activities")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="%(app_label)s_%(class)s_ends_after_start"),
        ]
        indexes = [models.Index(fields=["unit", "category", "starts_at"]),
                   models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def is_held(self) -> bool:
        return self.status == ActivityStatus.HELD

    @property
    def length_hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600).quantize(Decimal("0.01"))


class ActivityEvent(StatusEvent):
    """A status change, an edit or an attendance correction of an activity (append-only)."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT,
                                 related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=ActivityStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=ActivityStatus.choices,
                                 blank=True)

    objects = ScopedManager()
    scope = Scope(unit="activity__unit")

    class Meta(StatusEvent.Meta):
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")

    def __str__(self):
        return f"{self.activity} · {self.from_status} → {self.to_status}"


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="photos")
    image = models.ImageField(_("photo"), upload_to="activities/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(unit="activity__unit")

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.caption or self.image.name


class CheckMethod(models.TextChoices):
    QR = "qr", _("QR code")
    STAFF = "staff", _("Staff")


class HoursSource(models.TextChoices):
    VERIFIED = "verified", _("Verified (QR check-in and check-out)")
    STAFF_ENTERED = "staff_entered", _("Entered by staff")


class Attendance(models.Model):
    """One volunteer at one activity: check-in, check-out and the hours they earned.

    ``hours_source`` keeps verified hours (checked in and out with the QR code) apart from
    hours that staff entered or recorded; the time-bank entry uses the matching kind.
    """

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT,
                                 related_name="attendances")
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"),
                                  on_delete=models.PROTECT, related_name="attendances")
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    check_in_method = models.CharField(_("checked in by"), max_length=8,
                                       choices=CheckMethod.choices, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    check_out_method = models.CharField(_("checked out by"), max_length=8,
                                        choices=CheckMethod.choices, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True,
                                blank=True)
    hours_source = models.CharField(_("hours source"), max_length=16,
                                    choices=HoursSource.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    # A check-in queued on the volunteer's phone while it was offline and sent later: its time
    # is the phone's. Its hours count as staff-entered until staff of the activity's unit
    # confirm it (then a QR check-in and check-out are verified as usual).
    offline = models.BooleanField(_("checked in offline"), default=False)
    offline_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("offline check-in confirmed by"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")
    offline_confirmed_at = models.DateTimeField(_("offline check-in confirmed at"), null=True,
                                                blank=True)

    objects = ScopedManager()
    scope = Scope(unit="activity__unit", user="volunteer__user")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"],
                                    name="%(app_label)s_%(class)s_activity_volunteer"),
            models.CheckConstraint(condition=Q(hours__isnull=True) | Q(hours__gte=0,
                                                                        hours__lte=24),
                                   name="%(app_label)s_%(class)s_hours_range"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | ~Q(hours_source=""),
                name="%(app_label)s_%(class)s_hours_have_source"),
        ]

    def __str__(self):
        return f"{self.activity} · {self.volunteer}"


# --- volunteer applications (群众报名、预约当志愿者) ------------------------------------------
class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


def _applications_of_person(user):
    """Villagers and volunteers see the applications they sent while signed in, and a team
    leader those that name a team they lead (which they may decide)."""
    q = Q(applicant=user)
    led = list(Team.objects.filter(leader__user=user).values_list("pk", flat=True))
    if led:
        chosen = (VolunteerApplication.teams.through.objects.filter(team_id__in=led)
                  .values("volunteerapplication_id"))
        q |= Q(pk__in=chosen)
    return q


class VolunteerApplication(models.Model):
    """Someone asks to volunteer: the village's station or the leader of the chosen team
    approves it (which makes them a volunteer of that team) or declines it with a reason.
    Anyone may apply, signed in or not; ``applicant`` is the account that sent it, if any."""

    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11, validators=[mobile_validator])
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="volunteer_applications")
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    teams = models.ManyToManyField(Team, verbose_name=_("teams to join"),
                                   related_name="applications")
    service_categories = models.JSONField(
        _("kinds of service"), default=list, blank=True,
        help_text=_("The service categories of the menu the applicant offers."))
    free_time = models.CharField(_("free time"), max_length=100, blank=True)
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    political_status = models.CharField(_("political status"), max_length=16,
                                        choices=PoliticalStatus.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.PENDING)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="applications")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    objects = ScopedManager()
    scope = Scope(unit="village", user="applicant",
                  roles={Role.VILLAGER: _applications_of_person,
                         Role.VOLUNTEER: _applications_of_person})

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One application at a time per phone: a second waits for the first's decision.
            models.UniqueConstraint(fields=["phone"], condition=Q(status="pending"),
                                    name="%(app_label)s_%(class)s_one_pending_per_phone"),
        ]
        indexes = [models.Index(fields=["village", "status", "created_at"],
                                name="application_village_status")]

    def __str__(self):
        return f"{self.name} · {self.village}"

    @property
    def service_category_labels(self) -> list[str]:
        labels = dict(ServiceCategory.choices)
        return [str(labels.get(c, c)) for c in self.service_categories or []]


class ApplicationEvent(StatusEvent):
    """A decision on a volunteer application, or its submission (append-only)."""

    application = models.ForeignKey(VolunteerApplication, verbose_name=_("application"),
                                    on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=ApplicationStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=ApplicationStatus.choices,
                                 blank=True)

    objects = ScopedManager()
    scope = Scope(unit="application__village")

    class Meta(StatusEvent.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.application} · {self.from_status} → {self.to_status}"
