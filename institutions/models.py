"""The villages' own institutions (一约四会): the village compact and the four councils.

* A :class:`Council` is one body of one village: the red-and-white council (红白理事会), the
  moral review council (道德评议会), the villagers' council (村民议事会) or the anti-drug and
  anti-gambling council (禁毒禁赌会). At most one of each kind per village.
* A :class:`CouncilMember` is a person's seat on it (a villager's or a staff member's account),
  as chair or member, for a term. A council is *set up* when it has at least one sitting member
  (selectors.council_set_up): where it is not, station staff act for it as before.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from practice.append_only import APPEND_ONLY
from practice.models import Level
from practice.roles import Role
from practice.scoping import Scope, ScopedManager


class CouncilKind(models.TextChoices):
    RED_WHITE = "red_white", _("Red-and-white council")
    MORAL_REVIEW = "moral_review", _("Moral review council")
    VILLAGERS = "villagers", _("Villagers' council")
    ANTI_DRUG = "anti_drug", _("Anti-drug and anti-gambling council")


class Decider(models.TextChoices):
    """Who decides for the council (the red-and-white council's approval of bookings)."""

    ANY_MEMBER = "any_member", _("Any sitting member")
    CHAIR = "chair", _("The chair")


class Seat(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


def _villager_sees_own_village(lookup):
    def q(user):
        if user.unit_id is None:
            return None
        return Q(**{lookup: user.unit_id})
    return q


def _village_scope(lookup):
    """Staff see their subtree; villagers and volunteers their own village's records."""
    return Scope(unit=lookup, roles={
        Role.VILLAGER: _villager_sees_own_village(f"{lookup}_id"),
        Role.VOLUNTEER: _villager_sees_own_village(f"{lookup}_id"),
    })


class Council(models.Model):
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="councils",
                                limit_choices_to={"level": Level.VILLAGE})
    kind = models.CharField(_("council"), max_length=16, choices=CouncilKind.choices)
    decider = models.CharField(_("who decides"), max_length=16, choices=Decider.choices,
                               default=Decider.ANY_MEMBER,
                               help_text=_("For the red-and-white council: whether any sitting "
                                           "member or only the chair approves bookings."))
    founded_on = models.DateField(_("set up on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager()
    scope = _village_scope("village")

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["village__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["village", "kind"],
                                    name="%(app_label)s_%(class)s_village_kind"),
        ]

    def __str__(self):
        return f"{self.village.name} {self.get_kind_display()}"

    def clean(self):
        if self.village_id and self.village.level != Level.VILLAGE:
            raise ValidationError({"village": _("A council belongs to a village.")})


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE,
                                related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.PROTECT, related_name="council_seats")
    seat = models.CharField(_("seat"), max_length=8, choices=Seat.choices, default=Seat.MEMBER)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True,
                                 help_text=_("Empty: until further notice."))

    objects = ScopedManager()
    scope = _village_scope("council__village")

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "seat", "term_starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends__isnull=True) | Q(term_ends__gte=F("term_starts")),
                name="%(app_label)s_%(class)s_term_ends_after_start"),
        ]
        indexes = [models.Index(fields=["user", "term_starts"])]

    def __str__(self):
        return f"{self.council} · {self.user} ({self.get_seat_display()})"


class CompactVersion(models.Model):
    """One version of a village's compact (村规民约), as its villagers' assembly adopted it.

    A version is never edited once written: a new version replaces it, the old ones stay as
    history. The current version is the newest adopted (selectors.current_compact)."""

    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="compact_versions",
                                limit_choices_to={"level": Level.VILLAGE})
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text of the compact"))
    adopted_on = models.DateField(_("adopted on"))
    minutes = models.TextField(_("minutes of the villagers' assembly"))
    minutes_file = models.FileField(_("minutes (scan or photo)"), upload_to="compacts/%Y/",
                                    blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = _village_scope("village")

    class Meta:
        verbose_name = _("village compact version")
        verbose_name_plural = _("village compact versions")
        ordering = ["village__path", "-adopted_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["village", "number"],
                                    name="%(app_label)s_%(class)s_village_number"),
            models.CheckConstraint(condition=Q(number__gte=1),
                                   name="%(app_label)s_%(class)s_number_positive"),
        ]
        # Adopted is final: a new version replaces it (practice/append_only.py).
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.village.name} · {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("An adopted version of the compact is never changed: "
                                    "record a new version."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An adopted version of the compact is never changed: "
                                "record a new version."))


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE,
                                related_name="meetings")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"))
    topics = models.TextField(_("topics"))
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ScopedManager()
    scope = _village_scope("council__village")

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "held_on"])]

    def __str__(self):
        return f"{self.council} · {self.held_on}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class Proposal(models.Model):
    """A matter raised before the villagers' council (村民议事会)."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE,
                                related_name="proposals")
    text = models.TextField(_("proposal"))
    raised_by = models.CharField(_("raised by"), max_length=60)
    raised_on = models.DateField(_("raised on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ScopedManager()
    scope = _village_scope("council__village")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-raised_on", "-pk"]

    def __str__(self):
        return self.text[:40]


class Decision(models.Model):
    """The villagers' council's decision on a proposal; an adopted one can raise a supervised
    task (supervision's origin ``council_decision``: its ``text`` and its village)."""

    proposal = models.OneToOneField(Proposal, verbose_name=_("proposal"),
                                    on_delete=models.CASCADE, related_name="decision")
    decided_on = models.DateField(_("decided on"))
    text = models.TextField(_("decision"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    present = models.PositiveIntegerField(_("members present"))
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    # Which decisions raise a supervised task: the adopted ones.
    RAISES_TASKS = {"outcome": Outcome.ADOPTED}

    objects = ScopedManager()
    scope = _village_scope("proposal__council__village")

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(present__gte=F("votes_for") + F("votes_against")
                            + F("votes_abstain")),
                name="%(app_label)s_%(class)s_votes_within_present"),
        ]

    def __str__(self):
        return self.text[:40]

    @property
    def unit_id(self):
        """The village (supervision.origins.suggested: the task's responsible unit)."""
        return self.proposal.council.village_id

    @property
    def raises_tasks(self) -> bool:
        return all(getattr(self, field) == value for field, value in self.RAISES_TASKS.items())


class AntiDrugActivity(models.Model):
    """An awareness activity of the anti-drug and anti-gambling council: a practice activity of
    the village (volunteers.Activity), linked here."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE,
                                related_name="antidrug_activities")
    activity = models.OneToOneField("volunteers.Activity", verbose_name=_("activity"),
                                    on_delete=models.CASCADE, related_name="antidrug_record")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ScopedManager()
    scope = _village_scope("council__village")

    class Meta:
        verbose_name = _("anti-drug awareness activity")
        verbose_name_plural = _("anti-drug awareness activities")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.council} · {self.activity_id}"


class AntiDrugVisit(models.Model):
    """Home visits of the anti-drug and anti-gambling council: how many households, on what.
    No names and no personal data: the board shows counts only."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE,
                                related_name="antidrug_visits")
    visited_on = models.DateField(_("visited on"))
    households = models.PositiveIntegerField(_("households visited"))
    topic = models.CharField(_("topic"), max_length=120)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ScopedManager()
    scope = _village_scope("council__village")

    class Meta:
        verbose_name = _("anti-drug visit")
        verbose_name_plural = _("anti-drug visits")
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(households__gte=1),
                                   name="%(app_label)s_%(class)s_households_positive"),
        ]

    def __str__(self):
        return f"{self.council} · {self.visited_on}"
