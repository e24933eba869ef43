"""Campaigns and festivals (活动主题与节庆) and the practice activities' categories, kept as data.

A :class:`Campaign` is one period of one campaign or festival: 学雷锋月 in March of a year,
重阳 care for the elderly, 那达慕, 五比五争, the "3+2+X" customs reform, a township's own (常胜镇's
春风). Activities, service items and honours may belong to one. It belongs to the banner or to a
township (``unit``): a township's campaign is on the calendars of that township's villages only.

An :class:`ActivityCategory` is a kind of practice activity (理论宣讲, 移风易俗 …): the banner adds
its own; the ones the code names (:data:`FIXED_CATEGORIES`, e.g. the volunteer service day)
keep their codes and cannot be deleted. Activities point at a category by its code, so the code
is what the API shows and filters by (``?category=service_day``).

A :class:`CampaignReminder` records that a station was asked to plan an activity for a campaign:
one row per (campaign, station), so that the reminder goes out once however often the task runs.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.utils.translation import gettext_lazy as _

from practice.language import mongolian_name_field
from practice.models import Level, code_validator
from practice.roles import Role
from practice.scoping import Scope, ScopedManager


def _everyone(user):
    return Q()


class ActivityCategory(models.Model):
    """A kind of practice activity. The constants are the codes the code relies on."""

    THEORY_LECTURE = "theory_lecture"
    POLICY_LECTURE = "policy_lecture"
    CUSTOMS_REFORM = "customs_reform"
    ENVIRONMENT = "environment"
    CULTURE = "culture"
    ELDERLY_CARE = "elderly_care"
    HEALTH = "health"
    LEGAL = "legal"
    AGRI_TECH = "agri_tech"
    SERVICE_DAY = "service_day"
    OTHER = "other"
    # Named by the code (the service-day calendar and indicators, the default of a new
    # activity, the demo's titles): :data:`FIXED_CATEGORIES`, created ``is_fixed``: their codes
    # never change and they are never deleted.

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator],
                            help_text=_("Letters, digits, '-' and '_'; what the API shows and "
                                        "filters by. It cannot change later."))
    name = models.CharField(_("name"), max_length=100)
    name_mn = mongolian_name_field()
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_fixed = models.BooleanField(
        _("fixed"), default=False, editable=False,
        help_text=_("The platform relies on this category: it cannot be deleted."))

    objects = ScopedManager()
    scope = Scope(roles=dict.fromkeys(Role.values, _everyone))

    class Meta:
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def __eq__(self, other):
        """A category equals its code too (``activity.category == ActivityCategory.HEALTH``),
        as when the categories were a fixed list of codes."""
        if isinstance(other, str):
            return self.code == other
        return super().__eq__(other)

    __hash__ = models.Model.__hash__


# The fixed categories with the names they were created with (migration 0003 creates them in an
# existing database; :func:`restore_rows` after every migrate and flush).
FIXED_CATEGORIES = [
    # (code, name, Mongolian name)
    ("theory_lecture", "理论宣讲", "ᠣᠨᠣᠯ ᠤᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ"),
    ("policy_lecture", "政策宣讲", "ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ"),
    ("customs_reform", "移风易俗", "ᠵᠠᠩ ᠠᠭᠠᠯᠢ ᠶᠢ ᠱᠢᠨᠡᠴᠢᠯᠡᠬᠦ"),
    ("environment", "环境卫生", "ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ"),
    ("culture", "文化文艺", "ᠰᠣᠶᠤᠯ"),
    ("elderly_care", "关爱老人", "ᠥᠲᠡᠭᠦᠰ ᠢ ᠠᠰᠠᠷᠠᠬᠤ"),
    ("health", "医疗健康", "ᠡᠪᠡᠴᠢᠨ ᠡᠮᠨᠡᠯᠭᠡ"),
    ("legal", "法律服务", "ᠬᠠᠤᠯᠢ"),
    ("agri_tech", "农牧科技", "ᠲᠠᠷᠢᠶ᠎ᠠ ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ ᠶᠢᠨ ᠠᠷᠭ᠎ᠠ"),
    ("service_day", "志愿服务活动日", "ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠦ ᠡᠳᠦᠷ"),
    ("other", "其他", "ᠪᠤᠰᠤ"),
]


def restore_rows(model_label, rows):
    """A ``post_migrate`` receiver creating the rows of ``model_label`` (``"app.Model"``) that the
    code names and that are missing, by ``code``: a database flushed by tests gets them back, as
    Django's content types come back. ``rows``: each row's field values, with its ``code``.
    Nothing while the model is absent (migrated back to before it). Activity categories and
    kinds of honour use it."""

    def receiver(sender, apps=None, using="default", **kwargs):
        from django.apps import apps as installed

        try:  # the model as the migrations left it (a flush sends no migration state)
            model = (apps or installed).get_model(model_label)
        except LookupError:
            return
        have = set(model.objects.using(using).values_list("code", flat=True))
        model.objects.using(using).bulk_create(
            [model(**row) for row in rows if row["code"] not in have])

    return receiver


class CodeKeyDescriptor(ForwardManyToOneDescriptor):
    """Assigning a code (a string) to the key is assigning the row with that code."""

    def __set__(self, instance, value):
        if isinstance(value, str):
            setattr(instance, self.field.attname, value)
            return
        super().__set__(instance, value)


class CodeForeignKey(models.ForeignKey):
    """A foreign key to a row's ``code`` that also takes the code itself:
    ``Activity(category="service_day")`` as before the categories became rows."""

    forward_related_accessor_class = CodeKeyDescriptor


class CampaignKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Campaign")
    FESTIVAL = "festival", _("Festival")


def _on_own_line(user):
    """Everyone sees the campaigns of the banner and of their own township; staff of the banner
    and of a township also those of the townships below them."""
    if user.unit_id is None:
        return None
    return Q(unit_id__in=user.unit.line_ids()) | Q(unit__path__startswith=user.unit.path)


def default_remind_days():
    return settings.CAMPAIGN_REMINDER_DAYS


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
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before"), default=default_remind_days,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
        help_text=_("Stations that have not planned an activity for it are reminded this many "
                    "days before it starts (0: no reminder)."))

    objects = ScopedManager()
    scope = Scope(unit="unit", roles=dict.fromkeys(Role.values, _on_own_line))

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

    def is_on_line_of(self, unit) -> bool:
        """Does ``unit`` take part in this campaign: is it the unit's banner's or its own
        township's? (What activities, service items and honours may belong to.)"""
        return self.unit_id in unit.line_ids()

    NOT_ON_LINE = _("This campaign is not one of this unit's banner or township.")


class CampaignReminder(models.Model):
    """A station asked to plan an activity for a campaign (once per campaign and station)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE,
                                 related_name="reminders")
    station = models.ForeignKey("practice.Unit", verbose_name=_("station"),
                                on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="station")

    class Meta:
        verbose_name = _("campaign reminder")
        verbose_name_plural = _("campaign reminders")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "station"],
                                    name="%(app_label)s_%(class)s_campaign_station"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.station}"
