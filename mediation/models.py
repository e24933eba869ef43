"""Mediation (调解): the villages' mediators and the disputes they settle.

* A :class:`Mediator` is a person of a village (a villager's account, or the account of the
  village's station staff) appointed to mediate there: a retired cadre, an old party member, a
  successful business person… for a period (``active_from`` to ``active_to``).
* A :class:`MediationCase` is one dispute of one village: its kind, the parties (free text, and
  PRIVATE), what it is about, its mediator (one of the village's active mediators), its sessions
  (:class:`CaseSession`, append-only) and its outcome when closed (settled, referred, dropped).
  Its status moves open → closed through ``services.CASE_FLOW``; every move (and hand-over) is a
  :class:`CaseEvent` (append-only).

Privacy: a case — parties, summary, sessions, everything — is seen by the village's station
staff, the staff of the village's township and the case's own mediator while the appointment
lasts, nobody else (leaders and the banner's administrators read counts only:
``selectors.case_counts``; reviewers nothing). The village's staff hand an open case to another
of its mediators (a hand-over is a :class:`CaseEvent`); the former mediator no longer sees it. The
rule is the models' :class:`~practice.scoping.Scope`, so every list, page, API and the admin
follow it. The tables are deliberately not audited (practice/audit.py): the audit trail, which
the banner's administrators read, would copy the parties into it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.append_only import APPEND_ONLY
from practice.models import Level
from practice.roles import Role
from practice.scoping import Scope, ScopedManager
from practice.transitions import StatusEvent


class Background(models.TextChoices):
    RETIRED_CADRE = "retired_cadre", _("Retired cadre")
    OLD_PARTY_MEMBER = "old_party_member", _("Old party member")
    BUSINESS_PERSON = "business_person", _("Successful business person")
    OTHER = "other", _("Other")


class DisputeKind(models.TextChoices):
    NEIGHBOURS = "neighbours", _("Neighbours")
    FAMILY = "family", _("Family and marriage")
    LAND = "land", _("Land and grassland")
    DEBTS = "debts", _("Debts")
    CONTRACTS = "contracts", _("Contracts and labour")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SETTLED = "settled", _("Settled")
    REFERRED = "referred", _("Referred")
    DROPPED = "dropped", _("Dropped")


# --- who sees what -------------------------------------------------------------------------


def serving_q(prefix: str = "", on=None) -> Q:
    """Appointments in force on ``on`` (default today): begun, and not ended (``active_to`` is
    the first day without it). ``prefix`` reaches a mediator from another model
    ("mediator__")."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}active_from__lte": on}) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gt": on}))


def case_scope(prefix: str = "") -> Scope:
    """The privacy rule of a case, for the case itself (``prefix`` "") and for the rows that
    hang on it (``prefix`` "case"): its village's station staff, its township's staff and its
    own mediator while the appointment lasts (when it ends, or the case is handed to another
    mediator, the person no longer sees it). Leaders, the banner's administrators and
    reviewers: no case at all."""
    p = f"{prefix}__" if prefix else ""

    def mediator(user):
        return Q(**{f"{p}mediator__user_id": user.pk}) & serving_q(f"{p}mediator__")

    def station(user):
        if user.unit_id is None:
            return mediator(user)
        return Q(**{f"{p}village_id": user.unit_id}) | mediator(user)

    def township(user):
        if user.unit_id is None:
            return mediator(user)
        return Q(**{f"{p}village__parent_id": user.unit_id}) | mediator(user)

    def nobody(user):
        return None

    return Scope(unit=f"{p}village", roles={
        Role.STATION_STAFF: station,
        Role.TOWNSHIP_STAFF: township,
        Role.VILLAGER: mediator,
        Role.VOLUNTEER: mediator,
        Role.LEADER: nobody,
        Role.BANNER_ADMIN: nobody,
        Role.REVIEWER: nobody,
    })


def _mediator_scope() -> Scope:
    def nobody(user):
        return None

    return Scope(unit="village", user="user", roles={Role.REVIEWER: nobody})


class Mediator(models.Model):
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="mediators",
                                limit_choices_to={"level": Level.VILLAGE})
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.PROTECT, related_name="mediator_posts")
    background = models.CharField(_("background"), max_length=20, choices=Background.choices,
                                  default=Background.OTHER)
    note = models.CharField(_("note"), max_length=200, blank=True)
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(
        _("active to"), null=True, blank=True,
        help_text=_("The day the appointment ended. Empty: until further notice."))
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("appointed by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ended by"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = _mediator_scope()

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["village__path", "active_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="%(app_label)s_%(class)s_active_to_after_from"),
            models.UniqueConstraint(
                fields=["village", "user"], condition=Q(active_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_post"),
        ]

    def __str__(self):
        return f"{self.village.name} · {self.user.real_name or self.user.username}"

    @property
    def name(self) -> str:
        return self.user.real_name or self.user.username

    def is_active(self, on=None) -> bool:
        """In force on ``on`` (default today): the rule of :func:`serving_q`."""
        on = on or timezone.localdate()
        return self.active_from <= on and (self.active_to is None or on < self.active_to)

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("A mediator serves a village.")})


class MediationCase(models.Model):
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="mediation_cases",
                                limit_choices_to={"level": Level.VILLAGE})
    kind = models.CharField(_("kind of dispute"), max_length=16, choices=DisputeKind.choices,
                            db_index=True)
    parties = models.TextField(_("parties"),
                               help_text=_("Names and contacts of the parties (private)."))
    summary = models.TextField(_("what it is about"))
    mediator = models.ForeignKey(Mediator, verbose_name=_("mediator"),
                                 on_delete=models.PROTECT, related_name="cases")
    opened_on = models.DateField(_("opened on"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices,
                              default=CaseStatus.OPEN, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices,
                               blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    scope = case_scope()

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["village", "opened_on"],
                                name="mediation_case_village_opened")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed", closed_on__isnull=False)
                           & ~Q(outcome="")) | Q(status="open", closed_on__isnull=True,
                                                  outcome=""),
                name="%(app_label)s_%(class)s_closed_has_outcome"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="%(app_label)s_%(class)s_closed_after_opened"),
        ]

    def __str__(self):
        return _("Case %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        return f"{self.opened_on:%Y}-{self.pk}"


class CaseSession(models.Model):
    """A mediation session: when, what was done (append-only: a correction is a new one)."""

    case = models.ForeignKey(MediationCase, verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="sessions")
    date = models.DateField(_("date"))
    note = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now)

    objects = ScopedManager()
    scope = case_scope("case")

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["date", "pk"]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.case_id} {self.date:%Y-%m-%d}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("History cannot be deleted."))


class CaseEvent(StatusEvent):
    """A move of a case (opened, handed over, closed with its outcome): append-only."""

    case = models.ForeignKey(MediationCase, verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=CaseStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=CaseStatus.choices,
                                 blank=True)

    objects = ScopedManager()
    scope = case_scope("case")

    class Meta(StatusEvent.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.case_id}: {self.from_status} → {self.to_status}"
