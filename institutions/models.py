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
    scope = Scope(unit="village", roles={
        Role.VILLAGER: _villager_sees_own_village("village_id"),
        Role.VOLUNTEER: _villager_sees_own_village("village_id"),
    })

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
    scope = Scope(unit="council__village", roles={
        Role.VILLAGER: _villager_sees_own_village("council__village_id"),
        Role.VOLUNTEER: _villager_sees_own_village("council__village_id"),
    })

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
