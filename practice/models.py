"""The network (units), its people (users) and households.

The unit tree is stored with a materialised path: ``path`` is the chain of unit codes from the
banner down, each followed by "/". "This unit and everything below it" is therefore one
indexed ``path LIKE 'B01/T03/%'`` query, whatever the depth.
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext_lazy as _

from .append_only import APPEND_ONLY
from .language import mongolian_name_field
from .roles import Role
from .scoping import Scope, ScopedManager, ScopedQuerySet

mobile_validator = RegexValidator(
    regex=r"^1[3-9]\d{9}$",
    message=_("Enter a valid mainland mobile number (11 digits starting with 1)."),
)
code_validator = RegexValidator(
    regex=r"^[A-Za-z0-9_-]+$",
    message=_("The code may contain only letters, digits, '-' and '_'."),
)


class Level(models.TextChoices):
    BANNER = "banner", _("Banner")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")
    BASE = "base", _("Base")
    # A banner department (旗直单位): staff, a head and tasks, no villages below it.
    DEPARTMENT = "department", _("Banner department")


class SiteKind(models.TextChoices):
    CENTRE = "centre", _("Practice centre")
    INSTITUTE = "institute", _("Practice institute")
    STATION = "station", _("Practice station")
    POST = "post", _("Practice post")
    MOBILE_POST = "mobile_post", _("Mobile post")


# Which levels may hang under which (a post or mobile post is a unit of level "base").
ALLOWED_PARENT_LEVEL = {
    Level.BANNER: None,
    Level.TOWNSHIP: {Level.BANNER},
    Level.VILLAGE: {Level.TOWNSHIP},
    Level.BASE: {Level.TOWNSHIP, Level.VILLAGE},
    Level.DEPARTMENT: {Level.BANNER},
}


def _own_line(user):
    """Villagers and volunteers see their own unit and the units above it, nothing else."""
    if user.unit_id is None:
        return None
    return models.Q(code__in=user.unit.path.strip("/").split("/"))


class UnitQuerySet(ScopedQuerySet):
    def subtree(self, unit):
        """``unit`` and every unit below it: one indexed prefix query."""
        return self.filter(path__startswith=unit.path)

    def villages(self):
        return self.filter(level=Level.VILLAGE)

    def townships(self):
        return self.filter(level=Level.TOWNSHIP)


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    site_kind = models.CharField(
        _("practice site"), max_length=16, choices=SiteKind.choices, blank=True
    )
    head = models.ForeignKey(
        "practice.User",
        verbose_name=_("head (一把手)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    township = models.ForeignKey(
        "self",
        verbose_name=_("township"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The township this unit belongs to (itself for a township)."),
    )

    objects = ScopedManager.from_queryset(UnitQuerySet)()
    scope = Scope(unit="", roles={Role.VILLAGER: _own_line, Role.VOLUNTEER: _own_line})

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="banner") | models.Q(parent__isnull=False),
                name="%(app_label)s_%(class)s_parent_required",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def full_name(self):
        """The names of the ancestors below the banner and this unit, e.g. 查日苏镇 沃德嘎查 (in
        the Mongolian interface each unit's Mongolian name where it has one)."""
        from .language import local_name

        names = []
        unit = self
        # By depth (the banner is 0), so that a township never loads its banner.
        while unit is not None and unit.depth > 0:
            names.append(local_name(unit))
            unit = unit.parent if unit.depth > 1 else None
        return " ".join(reversed(names)) or self.name

    def line_ids(self) -> list[int]:
        """The primary keys of this unit and of the units above it (its own line), this
        unit's first."""
        codes = self.path.strip("/").split("/")
        by_code = dict(Unit.objects.filter(code__in=codes).order_by().values_list("code", "pk"))
        return [by_code[code] for code in reversed(codes) if code in by_code]

    def compute_path(self):
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}/"

    def compute_township(self):
        if self.level == Level.TOWNSHIP:
            return self
        if self.parent_id is None:
            return None
        parent = self.parent
        return parent if parent.level == Level.TOWNSHIP else parent.township

    def clean(self):
        allowed = ALLOWED_PARENT_LEVEL.get(self.level)
        if allowed is None:
            if self.parent_id:
                raise ValidationError({"parent": _("The banner has no parent unit.")})
            return
        if not self.parent_id:
            raise ValidationError({"parent": _("This level needs a parent unit.")})
        if self.parent.level not in allowed:
            raise ValidationError(
                {
                    "parent": _("A %(level)s cannot hang under a %(parent)s.")
                    % {"level": self.get_level_display(), "parent": self.parent.get_level_display()}
                }
            )
        if self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("A unit cannot be moved below itself.")})

    def save(self, *args, **kwargs):
        old_path = None
        if self.pk:
            old_path = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 1
        if self.level != Level.TOWNSHIP:
            self.township = self.compute_township()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.level == Level.TOWNSHIP and self.township_id != self.pk:
                Unit.objects.filter(pk=self.pk).update(township=self.pk)
                self.township_id = self.pk
            if old_path and old_path != self.path:
                # Moved: rewrite the descendants' paths and township in one statement.
                Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(Value(self.path), Substr(F("path"), Length(Value(old_path)) + 1)),
                    township=self.township_id,
                )


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    real_name = models.CharField(_("real name"), max_length=50, blank=True)
    phone = models.CharField(
        _("mobile phone"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
        error_messages={"unique": _("A user with this mobile phone already exists.")},
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.VILLAGER, db_index=True
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    household = models.ForeignKey(
        "practice.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    has_volunteer_profile = models.BooleanField(
        _("has a volunteer profile"),
        default=False,
        editable=False,
        help_text=_("Kept by the volunteers app: the account acts as a volunteer too."),
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, default="",
        choices=[(code, name) for code, name in settings.LANGUAGES],
        help_text=_("The language the person chose for the platform and their text messages; "
                    "empty: not chosen (Chinese)."),
    )
    sms_opt_out = models.BooleanField(
        _("no text messages"),
        default=False,
        help_text=_("Send this person no text messages except sign-in codes."),
    )

    objects = ScopedUserManager()
    scope = Scope(unit="unit", user="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.real_name or self.username

    def clean(self):
        super().clean()
        if self.phone == "":
            self.phone = None
        if (
            self.role == Role.VILLAGER
            and self.household_id
            and self.unit_id
            and self.unit_id != self.household.village_id
        ):
            raise ValidationError(
                {"unit": _("A villager's unit must be their household's village.")}
            )
        if self.role != Role.VILLAGER and not self.unit_id and not self.is_superuser:
            raise ValidationError({"unit": _("Staff, leaders and reviewers need a unit.")})

    def save(self, *args, **kwargs):
        if self.phone == "":
            self.phone = None
        if self.role == Role.VILLAGER and self.household_id and not self.unit_id:
            self.unit_id = self.household.village_id
        # The browser admin is open to staff roles only; the flag follows the role.
        from .roles import ADMIN_SITE_ROLES

        self.is_staff = self.is_superuser or self.role in ADMIN_SITE_ROLES
        if not self._may_write_password(kwargs.get("update_fields")):
            super().save(*args, **kwargs)
            return
        from rest_framework.authtoken.models import Token

        # A new password (set_password, the admin, a form: all save here) ends the API token
        # signed in with the old one: the stored hash is compared before it is overwritten,
        # in the same transaction. The client signs in again for a new token.
        with transaction.atomic():
            Token.objects.filter(user_id=self.pk).exclude(user__password=self.password).delete()
            super().save(*args, **kwargs)

    def _may_write_password(self, update_fields) -> bool:
        """Whether this save of an existing user writes the password column."""
        if self._state.adding or self.pk is None or "password" in self.get_deferred_fields():
            return False
        return update_fields is None or "password" in update_fields


class HouseholdQuerySet(ScopedQuerySet):
    def in_network_order(self):
        """Village by village in the network's order, then by number — for paged lists.

        Ordering by number alone made PostgreSQL walk the number index through every household
        until it met 20 of the caller's subtree; by village path it reads the subtree's
        villages in order, at any depth of page. Numbers start with the village code, so the
        order reads the same.
        """
        return self.order_by("village__path", "number")


class Household(models.Model):
    village = models.ForeignKey(
        Unit,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"level": Level.VILLAGE},
    )
    number = models.CharField(_("household number"), max_length=32, unique=True)
    head_name = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(
        _("contact phone"), max_length=11, blank=True, validators=[mobile_validator]
    )
    group = models.CharField(_("group / natural village"), max_length=50, blank=True)
    population = models.PositiveSmallIntegerField(_("population"), null=True, blank=True)
    # The special-family flags of the roster (特殊家庭): one boolean each, so that a list can be
    # filtered by any of them with an index-friendly condition on SQLite and PostgreSQL alike.
    low_income = models.BooleanField(_("minimum living allowance (低保)"), default=False)
    five_guarantees = models.BooleanField(_("five guarantees (五保)"), default=False)
    elderly_alone = models.BooleanField(_("elderly living alone (独居老人)"), default=False)
    disability = models.BooleanField(_("disability (残疾)"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager.from_queryset(HouseholdQuerySet)()
    scope = Scope(unit="village", household="")

    SPECIAL_FLAGS = ("low_income", "five_guarantees", "elderly_alone", "disability")

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.head_name}"

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("A household belongs to a village.")})


class HouseholdImport(models.Model):
    """One upload of a household roster: its parsed rows, the preview shown to staff, then the
    progress and result of applying it (practice/rosters.py)."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        QUEUED = "queued", _("Waiting to be applied")
        APPLYING = "applying", _("Applying")
        DONE = "done", _("Applied")
        FAILED = "failed", _("Failed")

    area = models.ForeignKey(
        Unit, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The village chosen on the upload form, or the importer's own unit."),
    )
    village = models.ForeignKey(
        Unit, verbose_name=_("village"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        "practice.User", verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PREVIEW)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="area")

    class Meta:
        verbose_name = _("household roster import")
        verbose_name_plural = _("household roster imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class OutboxMessage(models.Model):
    """A Celery task to send, written in the same transaction as the change that causes it.

    If the broker is down when the transaction commits, the message stays pending and the
    periodic ``practice.outbox.flush`` sends it once the broker is back (see practice/outbox.py).
    """

    task = models.CharField(_("task"), max_length=200)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(
                fields=["created_at"],
                name="practice_outbox_pending",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    HELD = "held", _("Held for the morning")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def _all_messages(user):
    return Q()


class SmsMessage(models.Model):
    """One text message and its delivery log (practice/sms.py). The id travels with every
    attempt, so a gateway can drop a repeat. Staff see the messages to people of their
    subtree; the banner administrator sees all, also those to phones of no known unit."""

    id = models.UUIDField(_("message id"), primary_key=True, default=uuid.uuid4, editable=False)
    phone = models.CharField(_("mobile phone"), max_length=11, db_index=True)
    template = models.CharField(_("template"), max_length=64)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    text = models.CharField(_("text"), max_length=500)
    essential = models.BooleanField(
        _("essential"), default=False,
        help_text=_("A sign-in code: sent even to people who turned messages off, at any hour."),
    )
    status = models.CharField(_("status"), max_length=10, choices=SmsStatus.choices,
                              default=SmsStatus.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_answer = models.TextField(_("gateway's last answer"), blank=True)
    user = models.ForeignKey(User, verbose_name=_("recipient"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="sms_messages")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="unit", roles={Role.BANNER_ADMIN: _all_messages})

    class Meta:
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="practice_sms_waiting",
                condition=models.Q(status__in=["queued", "held"]),
            )
        ]

    def __str__(self):
        return f"{self.template} → {self.phone}"


class RateLimitHit(models.Model):
    """One counted request of a rate limit that must hold without the cache (voting codes):
    :class:`practice.throttling.DatabaseLimit` counts these rows."""

    scope = models.CharField(_("scope"), max_length=40)
    ident = models.CharField(_("client"), max_length=100)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rate limit hit")
        verbose_name_plural = _("rate limit hits")
        indexes = [models.Index(fields=["scope", "ident", "at"],
                                name="practice_ratelimit_lookup")]

    def __str__(self):
        return f"{self.scope} {self.ident} {self.at}"


class PhoneSignIn(models.Model):
    """The sign-in code of one phone number and its lock-out (practice/phone_sign_in.py).

    One row per number that asked for a code or was given one to check, whether an account
    signs in with it or not, so that the limits answer the same for both. The row is what
    concurrent requests for the number lock. The code is kept only as a keyed hash.
    """

    phone = models.CharField(_("mobile phone"), max_length=11, unique=True)
    code_hash = models.CharField(_("code (hashed)"), max_length=64, blank=True)
    code_expires_at = models.DateTimeField(_("code expires at"), null=True, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(_("wrong codes in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone sign-in")
        verbose_name_plural = _("phone sign-ins")

    def __str__(self):
        return self.phone


class AuditLog(models.Model):
    """One row per insert, update or delete of an audited table, written by a database trigger.

    Triggers (PostgreSQL) see every change, also ``queryset.update()`` and bulk operations that
    signal-based history tools miss. The actor is the user id the request set on the database
    session (practice/audit.py). Rows are never changed or deleted: on PostgreSQL a trigger
    (django-pgtrigger, ``practice.AuditLog:append_only``) refuses UPDATE and DELETE of the table.
    """

    table = models.CharField(_("table"), max_length=100, db_index=True)
    row_id = models.CharField(_("row id"), max_length=64, db_index=True)
    action = models.CharField(_("action"), max_length=8)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("at"), db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-id"]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.table}#{self.row_id} {self.action}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit records are never deleted."))

    @property
    def changes(self) -> dict:
        """{field: (before, after)} of the fields an update changed."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}

