"""The rules of campaigns, festivals and activity categories; views, the API, the admin and the
task call these.

* The banner's administrators edit every campaign; township staff edit their own township's
  (a campaign of the banner is the banner's). Everyone reads those of their own line
  (``Campaign.objects.for_user``).
* Activity categories are the banner's: its administrators add and rename them; the fixed ones
  (``is_fixed``: those the code names) and any one in use are never deleted.
* Reminders (:func:`campaigns_remind`): ``remind_days_before`` days before a campaign starts,
  each practice station (a village unit whose site is a station) under the campaign's unit that
  has not planned an activity belonging to it is asked to, once: a :class:`CampaignReminder`
  row per (campaign, station) is claimed first, and only the run that creates it notifies.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.language import validate_mongolian_script
from practice.models import Level, SiteKind, Unit, User, code_validator
from practice.roles import Role, has_role
from practice.scoping import path_in_scope
from practice.text_input import clean_text

from .models import ActivityCategory, Campaign, CampaignKind, CampaignReminder

EDITABLE = ("code", "name", "name_mn", "kind", "unit", "starts_on", "ends_on", "target",
            "description", "remind_days_before")


# --- campaigns -------------------------------------------------------------------------------
def may_edit_campaigns(user) -> bool:
    """May ``user`` add campaigns at all (the banner's administrators, township staff)?"""
    return bool(user.is_authenticated and (
        user.is_superuser or has_role(user, Role.BANNER_ADMIN, Role.TOWNSHIP_STAFF)))


def may_edit(user, campaign) -> bool:
    """May ``user`` change ``campaign``: the banner's administrators any, township staff their
    own township's."""
    if not may_edit_campaigns(user):
        return False
    if user.is_superuser or has_role(user, Role.BANNER_ADMIN):
        return True
    return campaign.unit_id is not None and campaign.unit_id == user.unit_id


def _clean_name_mn(value) -> str:
    name_mn = clean_text(value or "", "name_mn", max_length=200)
    if name_mn:
        try:
            validate_mongolian_script(name_mn)
        except ValidationError as e:
            raise InvalidInput(_("Write the Mongolian name in the traditional Mongolian "
                                 "script."), field="name_mn") from e
    return name_mn


def _clean(actor, fields: dict) -> dict:
    out = dict(fields)
    code = str(out.get("code") or "").strip()
    if not code:
        raise InvalidInput(_("This field is required."), field="code")
    try:
        code_validator(code)
    except ValidationError as e:
        raise InvalidInput(_("The code may contain only letters, digits, '-' and '_'."),
                           field="code") from e
    if len(code) > 40:
        raise InvalidInput(_("The code is at most 40 characters."), field="code")
    out["code"] = code
    out["name"] = clean_text(out.get("name"), "name", required=True, max_length=100)
    out["name_mn"] = _clean_name_mn(out.get("name_mn"))
    if out.get("kind") not in CampaignKind.values:
        raise InvalidInput(_("Choose a valid kind."), field="kind")
    unit = out.get("unit")
    if unit is None:
        raise InvalidInput(_("This field is required."), field="unit")
    if unit.level not in (Level.BANNER, Level.TOWNSHIP):
        raise InvalidInput(_("A campaign belongs to the banner or a township."), field="unit")
    if not (actor.is_superuser or has_role(actor, Role.BANNER_ADMIN)) and (
            unit.pk != actor.unit_id or not path_in_scope(actor, unit.path)):
        raise InvalidInput(_("Township staff set their own township's campaigns only."),
                           field="unit")
    starts_on, ends_on = out.get("starts_on"), out.get("ends_on")
    if starts_on is None:
        raise InvalidInput(_("This field is required."), field="starts_on")
    if ends_on is None:
        raise InvalidInput(_("This field is required."), field="ends_on")
    if ends_on < starts_on:
        raise InvalidInput(_("A campaign ends on or after the day it starts."), field="ends_on")
    if (ends_on - starts_on).days > 366:
        raise InvalidInput(_("A campaign lasts at most a year."), field="ends_on")
    out["target"] = clean_text(out.get("target") or "", "target", max_length=200)
    out["description"] = clean_text(out.get("description") or "", "description",
                                    max_length=4000)
    days = out.get("remind_days_before")
    if days is not None and not (0 <= days <= 90):
        raise InvalidInput(_("Remind between 0 and 90 days before."),
                           field="remind_days_before")
    return out


def campaign_create(*, actor, **fields) -> Campaign:
    if not may_edit_campaigns(actor):
        raise Forbidden(_("Only the banner's administrators and township staff set "
                          "campaigns."))
    fields.setdefault("kind", CampaignKind.CAMPAIGN)
    data = _clean(actor, {k: v for k, v in fields.items() if k in EDITABLE})
    if data.get("remind_days_before") is None:
        data.pop("remind_days_before", None)
    with transaction.atomic():
        if Campaign.objects.filter(code=data["code"]).exists():
            raise InvalidInput(_("A campaign with this code already exists."), field="code")
        return Campaign.objects.create(**data)


def campaign_update(campaign, *, actor, **changes) -> Campaign:
    if not may_edit(actor, campaign):
        raise Forbidden(_("You may change your own township's campaigns only."))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().select_related("unit").get(pk=campaign.pk)
        current = {f: getattr(locked, f) for f in EDITABLE}
        current.update({k: v for k, v in changes.items() if k in EDITABLE})
        data = _clean(actor, current)
        if data["code"] != locked.code and Campaign.objects.filter(code=data["code"]).exists():
            raise InvalidInput(_("A campaign with this code already exists."), field="code")
        for field, value in data.items():
            setattr(locked, field, value)
        locked.save()
    return locked


def campaign_delete(campaign, *, actor) -> None:
    """Delete a campaign nothing belongs to (409 while activities, items or honours do)."""
    if not may_edit(actor, campaign):
        raise Forbidden(_("You may change your own township's campaigns only."))
    try:
        with transaction.atomic():
            campaign.delete()
    except ProtectedError as e:
        raise Conflict(_("Activities, service items or honours belong to this campaign: it "
                         "cannot be deleted.")) from e


def campaign_of_line(campaign, unit) -> Campaign | None:
    """The campaign given as itself or by its code that ``unit`` takes part in: the banner's
    or its own township's (what activities and honours may belong to). None for none."""
    if campaign in (None, ""):
        return None
    if not isinstance(campaign, Campaign):
        found = (Campaign.objects.filter(code=campaign).first()
                 if isinstance(campaign, str) else None)
        if found is None:
            raise InvalidInput(_("There is no campaign with this code."), field="campaign")
        campaign = found
    if not campaign.is_on_line_of(unit):
        raise InvalidInput(Campaign.NOT_ON_LINE, field="campaign")
    return campaign


# --- activity categories ---------------------------------------------------------------------
def may_edit_categories(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser
                                           or has_role(user, Role.BANNER_ADMIN)))


def category_create(*, actor, code, name, name_mn="", order=100) -> ActivityCategory:
    if not may_edit_categories(actor):
        raise Forbidden(_("Only the banner's administrators edit activity categories."))
    code = str(code or "").strip()
    try:
        code_validator(code)
    except ValidationError as e:
        raise InvalidInput(_("The code may contain only letters, digits, '-' and '_'."),
                           field="code") from e
    if not code or len(code) > 40:
        raise InvalidInput(_("The code is 1 to 40 characters."), field="code")
    name = clean_text(name, "name", required=True, max_length=100)
    name_mn = _clean_name_mn(name_mn)
    with transaction.atomic():
        if ActivityCategory.objects.filter(code=code).exists():
            raise InvalidInput(_("A category with this code already exists."), field="code")
        return ActivityCategory.objects.create(code=code, name=name, name_mn=name_mn,
                                               order=order)


def category_delete_refusal(category) -> str | None:
    """Why ``category`` cannot be deleted, or None."""
    if category.is_fixed:
        return _("The platform relies on the category “%(name)s”: it cannot be deleted.") % {
            "name": category.name}
    if category.activities.exists():
        return _("Activities belong to the category “%(name)s”: it cannot be deleted.") % {
            "name": category.name}
    return None


def category_delete(category, *, actor) -> None:
    if not may_edit_categories(actor):
        raise Forbidden(_("Only the banner's administrators edit activity categories."))
    refusal = category_delete_refusal(category)
    if refusal:
        raise Conflict(refusal)
    try:
        with transaction.atomic():
            category.delete()
    except ProtectedError as e:
        raise Conflict(_("Activities belong to the category “%(name)s”: it cannot be "
                         "deleted.") % {"name": category.name}) from e


# --- reminders -------------------------------------------------------------------------------
def stations_under(unit):
    """The practice stations (village units with a station site) at or below ``unit``."""
    return Unit.objects.filter(path__startswith=unit.path, level=Level.VILLAGE,
                               site_kind=SiteKind.STATION)


def _claim(campaign, station) -> bool:
    """Claim the reminder of ``station`` for ``campaign``: True for the one run that creates
    its row (a unique pair; get_or_create finds the row a run beside us created meanwhile),
    False if it exists already."""
    return CampaignReminder.objects.get_or_create(campaign=campaign, station=station)[1]


def campaigns_due(on: datetime.date):
    """Campaigns whose reminder day is ``on`` or passed and that have not started yet (a run
    missed for a day still reminds before the start)."""
    return [c for c in Campaign.objects.filter(starts_on__gt=on, remind_days_before__gt=0,
                                               starts_on__lte=on + datetime.timedelta(days=90))
            .select_related("unit").order_by("starts_on", "pk")
            if c.starts_on - datetime.timedelta(days=c.remind_days_before) <= on]


def campaign_remind(campaign) -> int:
    """Ask the stations under ``campaign``'s unit that have planned (or held) no activity of it
    to plan one; once per station. Returns how many stations were asked."""
    from volunteers.models import Activity, ActivityStatus
    from volunteers.notifications import notify

    stations = list(stations_under(campaign.unit).order_by("path"))
    if not stations:
        return 0
    planned = set(Activity.objects.filter(
        campaign=campaign, status__in=[ActivityStatus.PLANNED, ActivityStatus.HELD])
        .values_list("unit__path", flat=True))
    reminded = set(CampaignReminder.objects.filter(campaign=campaign)
                   .values_list("station_id", flat=True))
    staff = {}
    for user in User.objects.filter(unit__in=stations, role=Role.STATION_STAFF,
                                     is_active=True).order_by("pk"):
        staff.setdefault(user.unit_id, []).append(user)
    message = _("%(campaign)s starts on %(day)s: please plan an activity for it.") % {
        "campaign": campaign.name, "day": campaign.starts_on.isoformat()}
    asked = 0
    for station in stations:
        if station.pk in reminded or any(p.startswith(station.path) for p in planned):
            continue
        if not staff.get(station.pk):  # nobody to ask yet: a later run asks whoever comes
            continue
        with transaction.atomic():
            if not _claim(campaign, station):
                continue
            notify(staff[station.pk], message)
        asked += 1
    return asked


def campaigns_remind(*, on: datetime.date | None = None) -> int:
    """The daily run: every campaign due on ``on`` (default today). Safe to run twice."""
    on = on or timezone.localdate()
    return sum(campaign_remind(c) for c in campaigns_due(on))
