"""Writes of outreach: a mobile post's profile and menu, its monthly rounds and stops, and the
record of a stop.

Who may do what: staff whose area holds the post — the staff of its township, the banner's
administrators, and station staff whose unit is the post itself — plan and record
(:func:`may_manage`); leaders and reviewers read. Each write checks its input with a Chinese
message on the field it names (400), refuses a move the stop's status does not allow (409,
:data:`STOP_FLOW`), locks the stop it records and writes inside one transaction.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from practice import pictures, text_input
from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.models import Level, Unit, mobile_validator
from practice.numbers import add_months, parse_id, parse_int
from practice.transitions import Machine
from volunteers import activity_services
from volunteers.models import Activity, ServiceCategory, ServiceItem, Team
from volunteers.services import is_staff_for

from . import selectors
from .models import MobilePost, PlaceKind, Round, Stop, StopPhoto, StopService, StopStatus

S = StopStatus
# A done stop may be recorded again (a count corrected, photos added); a planned one is done
# or cancelled; a cancelled one is history.
STOP_FLOW = Machine(Stop, StopStatus, moves={
    "record": ({S.PLANNED, S.DONE}, S.DONE),
    "cancel": ({S.PLANNED}, S.CANCELLED),
})
PHOTOS_MAX = 6
PEOPLE_MAX = 100_000
STOPS_MAX = 200  # stops in one month's round
MONTHS_AHEAD = 12


def clean_text(value, field, *, required=False, max_length=200) -> str:
    return text_input.clean_text(value, field, required=required, max_length=max_length)


# --- who may do what ---------------------------------------------------------------------------
def may_manage(user, post) -> bool:
    """Staff whose area holds the post: its township's, the banner's administrators, and the
    post's own station staff."""
    return post is not None and is_staff_for(user, post)


def _require_manager(actor, post):
    if not may_manage(actor, post):
        raise Forbidden(_("Only staff of the mobile post's township (or of the post itself) "
                          "can do this."))


def _clean_post(post) -> Unit:
    if not selectors.is_mobile_post(post):
        raise InvalidInput(_("Choose a mobile post."), field="post")
    return post


def stop_actions(stop, user) -> list[str]:
    """What ``user`` may do with ``stop`` now (what the pages show)."""
    if not may_manage(user, stop.post):
        return []
    actions = STOP_FLOW.actions(stop)
    if stop.status == S.PLANNED:
        actions.append("remove")
    return actions


# --- the profile and the menu ----------------------------------------------------------------
def _clean_team(post, team):
    if team in (None, ""):
        return None
    pk = team.pk if isinstance(team, Team) else parse_id(team, default=0)
    found = selectors.teams_of(post).filter(pk=pk).first()
    if found is None:
        raise InvalidInput(_("Choose a team of the mobile post's township."), field="team")
    return found


def _clean_phone(phone) -> str:
    phone = "".join(str(phone or "").split()).replace("-", "")
    if phone:
        try:
            mobile_validator(phone)
        except Exception:  # noqa: BLE001 (Django's ValidationError; one message for all)
            raise InvalidInput(_("Enter a valid mainland mobile number (11 digits starting "
                                 "with 1)."), field="phone") from None
    return phone


def profile_update(post, *, actor, team=None, vehicle="", phone="") -> MobilePost:
    """Set the post's team, vehicle or kit and contact phone (the profile is made on first
    use)."""
    post = _clean_post(post)
    _require_manager(actor, post)
    team = _clean_team(post, team)
    vehicle = clean_text(vehicle, "vehicle", max_length=200)
    phone = _clean_phone(phone)
    with transaction.atomic():
        profile, _created = MobilePost.objects.select_for_update().get_or_create(unit=post)
        profile.team, profile.vehicle, profile.phone = team, vehicle, phone
        profile.save()
    return profile


def profile_of(post) -> MobilePost | None:
    return MobilePost.objects.select_related("team").filter(unit=post).first()


def menu_item_add(post, *, actor, name, category=ServiceCategory.OTHER,
                  description="") -> ServiceItem:
    """Add a service item to the post's menu (a volunteers ServiceItem offered by the post)."""
    post = _clean_post(post)
    _require_manager(actor, post)
    name = clean_text(name, "name", required=True, max_length=100)
    if category not in ServiceCategory.values:
        raise InvalidInput(_("Choose a valid category."), field="category")
    description = clean_text(description, "description", max_length=2000)
    existing = ServiceItem.objects.filter(unit=post, name=name).first()
    if existing is not None:
        if existing.active:
            raise Conflict(_("The menu already has “%(name)s”.") % {"name": name},
                           field="name")
        existing.active = True
        existing.category = category
        existing.save(update_fields=["active", "category"])
        return existing
    try:
        with transaction.atomic():
            return ServiceItem.objects.create(unit=post, name=name, category=category,
                                              description=description)
    except IntegrityError:
        raise Conflict(_("The menu already has “%(name)s”.") % {"name": name},
                       field="name") from None


def menu_item_withdraw(item, *, actor) -> ServiceItem:
    """Take an item off the post's menu (kept for the stops that named it)."""
    _require_manager(actor, item.unit)
    if item.active:
        item.active = False
        item.save(update_fields=["active"])
    return item


# --- rounds and stops --------------------------------------------------------------------------
def _first_of(year, month) -> datetime.date:
    year = parse_int(year, minimum=2000, maximum=9999)
    month = parse_int(month, minimum=1, maximum=12)
    if year is None or month is None:
        raise InvalidInput(_("Give the month as a year and a month (1–12)."), field="month")
    return datetime.date(year, month, 1)


def _prefix(index) -> str:
    return "" if index is None else _("Stop %(n)d: ") % {"n": index + 1}


def _as_date(value, field, prefix):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise InvalidInput(prefix + _("Enter the date as YYYY-MM-DD."), field=field) from None


def _as_time(value, field, prefix):
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    try:
        return datetime.time.fromisoformat(str(value or "").strip()).replace(
            second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise InvalidInput(prefix + _("Enter the time as HH:MM."), field=field) from None


def _clean_village(post, village, prefix):
    if not isinstance(village, Unit):
        village = Unit.objects.filter(pk=parse_id(village, default=0)).first()
    if (village is None or village.level != Level.VILLAGE
            or village.township_id != post.township_id):
        raise InvalidInput(prefix + _("The village must be a village of the mobile post's "
                                      "township."), field="village")
    return village


def _clean_services(post, services, prefix, field="services") -> list[ServiceItem]:
    if services is not None and not isinstance(services, list | tuple | set) and not hasattr(
            services, "model"):
        raise InvalidInput(prefix + _("Choose services from the mobile post's menu."),
                           field=field)
    wanted = list(services or [])
    ids = [s.pk if isinstance(s, ServiceItem) else parse_id(s, default=0) for s in wanted]
    menu = {item.pk: item for item in selectors.menu_of(post)}
    chosen = []
    for pk in ids:
        if pk not in menu:
            raise InvalidInput(prefix + _("Choose services from the mobile post's menu."),
                               field=field)
        if menu[pk] not in chosen:
            chosen.append(menu[pk])
    return chosen


def clean_stop(post, first: datetime.date, data: dict, *, index=None,
               today=None) -> tuple[dict, list]:
    """The fields of one stop of the round of ``first``'s month, and its services; 400 with the
    stop's number and a Chinese message naming what is wrong."""
    prefix = _prefix(index)
    today = today or timezone.localdate()
    day = _as_date(data.get("date"), "date", prefix)
    if not first <= day < add_months(first, 1):
        raise InvalidInput(prefix + _("The date must fall in the round's month (%(month)s).")
                           % {"month": first.strftime("%Y-%m")}, field="date")
    if day < today:
        raise InvalidInput(prefix + _("The date has already passed."), field="date")
    starts = _as_time(data.get("starts_at"), "starts_at", prefix)
    ends = _as_time(data.get("ends_at"), "ends_at", prefix)
    if ends <= starts:
        raise InvalidInput(prefix + _("The stop must end after it starts."), field="ends_at")
    kind = data.get("place_kind") or PlaceKind.HAMLET
    if kind not in PlaceKind.values:
        raise InvalidInput(prefix + _("Choose a valid kind of place."), field="place_kind")
    village = _clean_village(post, data.get("village"), prefix)
    fields = {
        "date": day, "starts_at": starts, "ends_at": ends, "place_kind": kind,
        "village": village,
        "group": clean_text(data.get("group"), "group", max_length=50),
        "place": clean_text(data.get("place"), "place", required=True, max_length=120),
    }
    return fields, _clean_services(post, data.get("services"), prefix)


def round_plan(*, actor, post, year, month, stops=(), note="") -> Round:
    """Plan ``post``'s round of a month (this month or one of the next twelve) with its
    stops; one round a month (409 when it exists: add stops to it)."""
    post = _clean_post(post)
    _require_manager(actor, post)
    first = _first_of(year, month)
    this_month = timezone.localdate().replace(day=1)
    if first < this_month:
        raise InvalidInput(_("A round is planned for this month or a later one."),
                           field="month")
    if first > this_month.replace(year=this_month.year + 1):
        raise InvalidInput(_("A round is planned at most twelve months ahead."), field="month")
    note = clean_text(note, "note", max_length=2000)
    stops = list(stops or [])
    if len(stops) > STOPS_MAX:
        raise InvalidInput(_("At most %(n)d stops a month.") % {"n": STOPS_MAX},
                           field="stops")
    cleaned = [clean_stop(post, first, data, index=i) for i, data in enumerate(stops)]
    try:
        with transaction.atomic():
            round_ = Round.objects.create(post=post, month=first, note=note, created_by=actor)
            for fields, services in cleaned:
                stop = Stop.objects.create(round=round_, post=post, **fields)
                stop.services.set(services)
    except IntegrityError:
        raise Conflict(_("The round of %(month)s is planned already: add stops to it.")
                       % {"month": first.strftime("%Y-%m")}, field="month") from None
    return round_


def stop_add(round_, *, actor, **data) -> Stop:
    post = round_.post
    _require_manager(actor, post)
    if round_.stops.count() >= STOPS_MAX:
        raise InvalidInput(_("At most %(n)d stops a month.") % {"n": STOPS_MAX},
                           field="stops")
    fields, services = clean_stop(post, round_.month, data)
    with transaction.atomic():
        stop = Stop.objects.create(round=round_, post=post, **fields)
        stop.services.set(services)
    return stop


def stop_remove(stop, *, actor) -> None:
    """Take a planned stop off the round (a done or cancelled one is history: 409)."""
    _require_manager(actor, stop.post)
    with transaction.atomic():
        deleted, _rows = Stop.objects.filter(pk=stop.pk, status=S.PLANNED).delete()
        if not deleted:
            current = Stop.objects.filter(pk=stop.pk).values_list("status", flat=True).first()
            raise STOP_FLOW.refuse(current or stop.status, _(
                "Only a planned stop can be taken off the round."))


def round_copy_previous(round_, *, actor) -> int:
    """Copy the stops of the post's previous month into ``round_``: the same day of the month
    (the last day of a shorter month), times, place, village, group and the services still on
    the menu. Days already past and stops already planned alike are skipped. Returns how many
    were copied."""
    post = round_.post
    _require_manager(actor, post)
    previous = selectors.previous_round(round_)
    if previous is None:
        raise InvalidInput(_("There is no round of the previous month to copy."),
                           field="month")
    today = timezone.localdate()
    menu = set(selectors.menu_of(post).values_list("pk", flat=True))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        have = set(locked.stops.values_list("date", "starts_at", "village_id", "group"))
        copied = 0
        for old in previous.stops.prefetch_related("services").order_by("date", "starts_at"):
            day = add_months(old.date, 1)
            key = (day, old.starts_at, old.village_id, old.group)
            if day < today or key in have:
                continue
            stop = Stop.objects.create(
                round=locked, post=post, date=day, starts_at=old.starts_at, ends_at=old.ends_at,
                place_kind=old.place_kind, village_id=old.village_id, group=old.group,
                place=old.place)
            stop.services.set([s for s in old.services.all() if s.pk in menu])
            have.add(key)
            copied += 1
    return copied


# --- recording a stop --------------------------------------------------------------------------
def _clean_people(value):
    if value in (None, ""):
        raise InvalidInput(_("Give the number of people served."), field="people_served")
    number = parse_int(value, minimum=0, maximum=PEOPLE_MAX)
    if number is None:
        raise InvalidInput(_("The number of people served must be a whole number from 0 to "
                             "100000."), field="people_served")
    return number


def _clean_given(post, given) -> dict:
    """{ServiceItem: count} from {item or id: count}; items from the post's menu (or already
    named by the stop), counts whole and not negative."""
    if not given:
        return {}
    if not isinstance(given, dict):
        raise InvalidInput(_("Give each service with its count."), field="given")
    menu = {item.pk: item for item in ServiceItem.objects.filter(unit=post)}
    out = {}
    for key, count in given.items():
        pk = key.pk if isinstance(key, ServiceItem) else parse_id(key, default=0)
        if pk not in menu:
            raise InvalidInput(_("Choose services from the mobile post's menu."), field="given")
        if count in (None, ""):
            continue
        number = parse_int(count, minimum=0, maximum=PEOPLE_MAX)
        if number is None:
            raise InvalidInput(_("The count of “%(name)s” must be a whole number from 0 to "
                                 "100000.") % {"name": menu[pk].name}, field="given")
        out[menu[pk]] = number
    return out


def _clean_activities(actor, stop, activities) -> list[Activity]:
    if activities is not None and not isinstance(activities, list | tuple | set):
        raise InvalidInput(_("Link activities held by the mobile post or the stop's village."),
                           field="activities")
    ids = [a.pk if isinstance(a, Activity) else parse_id(a, default=0)
           for a in (activities or [])]
    if not ids:
        return []
    found = {a.pk: a for a in Activity.objects.for_user(actor).filter(
        pk__in=ids, unit_id__in=[stop.post_id, stop.village_id])}
    if len(found) != len(set(ids)):
        raise InvalidInput(_("Link activities held by the mobile post or the stop's village."),
                           field="activities")
    return list(found.values())


def _check_photos(stop, photos) -> list:
    photos = [p for p in (photos or []) if p]
    if stop.photos.count() + len(photos) > PHOTOS_MAX:
        raise InvalidInput(_("At most %(n)d photos a stop.") % {"n": PHOTOS_MAX},
                           field="photos")
    for image in photos:
        pictures.picture_check(image, field="photos",
                               max_bytes=activity_services.photo_max_bytes())
    return photos


def _activity_unit(stop, activity_unit):
    if activity_unit in (None, "", "post"):
        return stop.post
    if activity_unit == "village":
        return stop.village
    raise InvalidInput(_("The activity is held by the mobile post or the village."),
                       field="activity_unit")


def stop_record(stop, *, actor, people_served, given=None, photos=(), activities=(),
                activity_title="", activity_unit="post", note="") -> Stop:
    """Record a stop as done: the people served, the services given with their counts, up to
    six photos, the activities it held — existing ones linked, or a new one (``activity_title``)
    created through the volunteers app's activity services at the post or the village and
    marked held. Once it has started; a done stop may be recorded again (counts replaced,
    photos and activities added)."""
    _require_manager(actor, stop.post)
    people = _clean_people(people_served)
    given = _clean_given(stop.post, given)
    linked = _clean_activities(actor, stop, activities)
    activity_title = clean_text(activity_title, "activity_title", max_length=120)
    unit = _activity_unit(stop, activity_unit) if activity_title else None
    photos = _check_photos(stop, photos)
    now = timezone.now()
    STOP_FLOW.check(stop, "record")
    if selectors.stop_start(stop) > now:
        raise Conflict(_("The stop has not started yet; record it once it has been made."),
                       code="not_started")
    with transaction.atomic():
        locked = Stop.objects.select_for_update().select_related("post", "village").get(
            pk=stop.pk)
        STOP_FLOW.move(locked, "record", actor=actor, people_served=people, recorded_by=actor,
                       recorded_at=now, cancel_reason="")
        if given:
            StopService.objects.filter(stop=locked).exclude(service_item__in=list(given)).delete()
            for item, count in given.items():
                StopService.objects.update_or_create(stop=locked, service_item=item,
                                                     defaults={"count": count})
        for image in photos:
            photo = StopPhoto(stop=locked, uploaded_by=actor)
            photo.image.save(image.name or f"stop-{locked.pk}.jpg", image, save=False)
            photo.save()
        if activity_title:
            profile = profile_of(locked.post)
            teams = [profile.team] if profile and profile.team_id else []
            activity = activity_services.activity_create(
                actor=actor, unit=unit, title=activity_title,
                starts_at=selectors.stop_start(locked), ends_at=selectors.stop_end(locked),
                place=locked.place,
                description=clean_text(note, "note", max_length=2000), teams=teams)
            if selectors.stop_start(locked) <= now:
                activity_services.activity_mark_held(activity, actor=actor, participants=people)
            linked.append(activity)
        if linked:
            locked.activities.add(*linked)
    return locked


def stop_cancel(stop, *, actor, reason) -> Stop:
    _require_manager(actor, stop.post)
    reason = clean_text(reason, "reason", required=True, max_length=200)
    with transaction.atomic():
        STOP_FLOW.move(stop, "cancel", actor=actor, cancel_reason=reason, recorded_by=actor,
                       recorded_at=timezone.now())
    return stop


def stop_add_photo(stop, *, actor, image) -> StopPhoto:
    """One photo of a done stop (at most six a stop), checked by its content."""
    _require_manager(actor, stop.post)
    if stop.status != S.DONE:
        raise STOP_FLOW.refuse(stop.status, _("Photos are added to a stop once it is done."))
    if image is None:
        raise InvalidInput(_("Choose a photo to upload."), field="image")
    with transaction.atomic():
        locked = Stop.objects.select_for_update().get(pk=stop.pk)
        _check_photos(locked, [image])
        photo = StopPhoto(stop=locked, uploaded_by=actor)
        photo.image.save(image.name or f"stop-{locked.pk}.jpg", image, save=False)
        photo.save()
    return photo
