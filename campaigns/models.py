"""Campaigns and festivals (活动主题与节庆) the banner and its townships keep as data.

A :class:`Campaign` is one period of one campaign or festival: 学雷锋月 in March of a year,
重阳 care for the elderly, 那达慕, 五比五争, the "3+2+X" customs reform, a township's own (常胜镇's
春风). Activities, service items and honours may belong to one. It belongs to the banner or to a
township (``unit``): a township's campaign is on the calendars of that township's villages only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from practice.language import mongolian_name_field
from practice.models import Level, code_validator
from practice.scoping import Scope, ScopedManager


class CampaignKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Campaign")
    FESTIVAL = "festival", _("Festival")


def _on_own_line(user):
    """Everyone sees the campaigns of the banner and of their own township."""
    if user.unit_id is None:
        return None
    return Q(unit_id__in=user.unit.line_ids())


class Campaign(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices,
                            default=CampaignKind.CAMPAIGN)
    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="campaigns",
                             limit_choices_to={"level__in": [Level.BANNER, Level.TOWNSHIP]},
                             help_text=_("The banner, or the township whose own campaign it "
                                         "is."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target = models.CharField(_("target"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["starts_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="%(app_label)s_%(class)s_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.unit_id and self.unit.level not in (Level.BANNER, Level.TOWNSHIP):
            raise ValidationError({"unit": _("A campaign belongs to the banner or a township.")})
