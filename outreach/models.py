"""Mobile posts (流动驿站) and their rounds.

A mobile post is a :class:`practice.models.Unit` of level "base" and site kind "mobile_post"
under a township. Its :class:`MobilePost` profile names its volunteer team, its vehicle or kit
and a contact phone; its menu is the volunteers app's :class:`~volunteers.models.ServiceItem`
rows offered by the post's unit (as a station's menu is its village's items).

Each month the post's staff plan a :class:`Round`: a schedule of :class:`Stop` rows (a date,
a time, a village of the post's township, maybe a group of it, a place and the services it
brings). After a stop they record it done (people served, the services given with their
counts, photos, the activities held) or cancelled with a reason. Rules in ``services.py``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from practice.models import Level, SiteKind, mobile_validator
from practice.roles import Role
from practice.scoping import Scope, ScopedManager

MOBILE_POST = {"level": Level.BASE, "site_kind": SiteKind.MOBILE_POST}


class MobilePost(models.Model):
    """The profile of a mobile post unit."""

    unit = models.OneToOneField("practice.Unit", verbose_name=_("mobile post"),
                                on_delete=models.PROTECT, related_name="mobile_post",
                                limit_choices_to=MOBILE_POST)
    team = models.ForeignKey("volunteers.Team", verbose_name=_("team"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    vehicle = models.CharField(_("vehicle or kit"), max_length=200, blank=True)
    phone = models.CharField(_("contact phone"), max_length=11, blank=True,
                             validators=[mobile_validator])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("mobile post profile")
        verbose_name_plural = _("mobile post profiles")
        ordering = ["unit__path"]

    def __str__(self):
        return self.unit.name


class Round(models.Model):
    """A month's round of a mobile post."""

    post = models.ForeignKey("practice.Unit", verbose_name=_("mobile post"),
                             on_delete=models.PROTECT, related_name="outreach_rounds",
                             limit_choices_to=MOBILE_POST)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("planned by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="post")

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-month", "post__path"]
        constraints = [
            models.UniqueConstraint(fields=["post", "month"],
                                    name="%(app_label)s_%(class)s_post_month"),
        ]

    def __str__(self):
        return f"{self.post.name} {self.month:%Y-%m}"


class PlaceKind(models.TextChoices):
    HAMLET = "hamlet", _("Hamlet or group (自然村/组)")
    SCHOOL = "school", _("School")
    COMPANY = "company", _("Company")
    SETTLEMENT = "settlement", _("Herders' settlement")
    OTHER = "other", _("Other place")


class StopStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


def _stops_for_area(user):
    """Staff and readers see the stops of the posts in their area and the stops made in the
    villages of their area (a village's station knows when the post comes)."""
    if user.unit_id is None:
        return None
    if user.unit.parent_id is None:
        return Q()
    path = user.unit.path
    return Q(post__path__startswith=path) | Q(village__path__startswith=path)


class Stop(models.Model):
    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="stops")
    post = models.ForeignKey("practice.Unit", verbose_name=_("mobile post"),
                             on_delete=models.PROTECT, related_name="outreach_stops")
    date = models.DateField(_("date"), db_index=True)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place_kind = models.CharField(_("kind of place"), max_length=16, choices=PlaceKind.choices,
                                  default=PlaceKind.HAMLET)
    village = models.ForeignKey("practice.Unit", verbose_name=_("village"),
                                on_delete=models.PROTECT, related_name="outreach_visits",
                                limit_choices_to={"level": Level.VILLAGE})
    group = models.CharField(_("group"), max_length=50, blank=True,
                             help_text=_("The group (组) of the village the stop is for; "
                                         "empty: the whole village."))
    place = models.CharField(_("place"), max_length=120)
    services = models.ManyToManyField("volunteers.ServiceItem", verbose_name=_("services"),
                                      blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=StopStatus.choices,
                              default=StopStatus.PLANNED, db_index=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    people_served = models.PositiveIntegerField(_("people served"), null=True, blank=True)
    activities = models.ManyToManyField("volunteers.Activity", verbose_name=_("activities"),
                                        blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="post", roles=dict.fromkeys(
        (Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER, Role.REVIEWER,
         Role.BANNER_ADMIN), _stops_for_area))

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="%(app_label)s_%(class)s_ends_after_start"),
        ]
        indexes = [models.Index(fields=["village", "status", "date"],
                                name="outreach_stop_village_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.place}"


class StopService(models.Model):
    """A service given at a stop and how many times (people) it was given."""

    stop = models.ForeignKey(Stop, verbose_name=_("stop"), on_delete=models.CASCADE,
                             related_name="given")
    service_item = models.ForeignKey("volunteers.ServiceItem", verbose_name=_("service item"),
                                     on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("count"))

    objects = ScopedManager()
    scope = Scope(unit="stop__post")

    class Meta:
        verbose_name = _("service given")
        verbose_name_plural = _("services given")
        constraints = [
            models.UniqueConstraint(fields=["stop", "service_item"],
                                    name="%(app_label)s_%(class)s_stop_item"),
        ]

    def __str__(self):
        return f"{self.service_item} × {self.count}"


class StopPhoto(models.Model):
    stop = models.ForeignKey(Stop, verbose_name=_("stop"), on_delete=models.CASCADE,
                             related_name="photos")
    image = models.ImageField(_("photo"), upload_to="outreach/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="stop__post")

    class Meta:
        verbose_name = _("stop photo")
        verbose_name_plural = _("stop photos")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.image.name
