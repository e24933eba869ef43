"""The business rules of practice activities (文明实践活动) and volunteer attendance.

Staff of a station, institute or the centre plan an activity, edit it, mark it held (or cancel
it) through :data:`ACTIVITY_FLOW`, and upload its photos; :func:`activity_actions` says which of
these a user may do now (what the activity page offers). Volunteers check in and out by scanning the
activity's QR code: a signed link that expires (:func:`checkin_token`). Their hours go into
the time bank (``services.timebank_deposit``) once per attendance:

* **hours** = the time between check-in and check-out, rounded to the nearest quarter hour
  (half up: 7 min 30 s and more count as a quarter, less as nothing), then capped by the
  activity's length (its end minus its start, to the hundredth of an hour);
* **verified** hours come from a QR check-in *and* a QR check-out and are deposited as
  ``activity`` entries; anything staff recorded (a staff check-in or check-out, or hours added
  for a volunteer who forgot to check out) is **staff-entered** and deposited as
  ``staff_entered`` entries. Both name the attendance as their source, so a retry or a
  parallel check-out never deposits twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice import pictures
from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.models import Level
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import path_in_scope
from practice.transitions import Machine

from .models import (
    Activity,
    ActivityCategory,
    ActivityEvent,
    ActivityPhoto,
    ActivityStatus,
    Attendance,
    CheckMethod,
    EntryKind,
    HoursSource,
    Team,
    Volunteer,
)
from .selectors import volunteer_of
from .services import clean_hours, clean_text, is_staff_for, timebank_deposit

A = ActivityStatus
# The state machine: action → (statuses it may start from, status it leads to). Only a
# planned activity is edited; held and cancelled ones are history.
ACTIVITY_FLOW = Machine(
    Activity, ActivityStatus, event=ActivityEvent, event_fk="activity",
    moves={
        "hold": ({A.PLANNED}, A.HELD),
        "cancel": ({A.PLANNED}, A.CANCELLED),
        "edit": ({A.PLANNED}, A.PLANNED),
    },
)
# Statuses in which volunteers attend (check in and out, hours) and photos are added.
OPEN = frozenset({A.PLANNED, A.HELD})
TOKEN_SALT = "volunteers.activity-checkin"  # noqa: S105 (a signing salt, not a secret)
QUARTER = Decimal("0.25")
MAX_PARTICIPANTS = 100_000


def link_max_age() -> int:
    """Seconds a check-in link (QR code) stays valid after it is made."""
    return int(settings.VOLUNTEERS_CHECKIN_LINK_MAX_AGE)


def _opens_before() -> timedelta:
    return timedelta(minutes=settings.VOLUNTEERS_CHECKIN_OPENS_BEFORE_MINUTES)


def _closes_after() -> timedelta:
    return timedelta(minutes=settings.VOLUNTEERS_CHECKOUT_CLOSES_AFTER_MINUTES)


def photo_max_bytes() -> int:
    return int(settings.VOLUNTEERS_PHOTO_MAX_BYTES)


# --- who may do what --------------------------------------------------------------------------
def may_plan(user) -> bool:
    return user.is_superuser or has_role(user, *STAFF_ROLES)


def _require_staff(actor, unit):
    if not is_staff_for(actor, unit):
        raise Forbidden(_("Only staff of the activity's unit can do this."))


def activity_actions(activity, user) -> list[str]:
    """What ``user`` may do with ``activity`` now: staff of its unit take the moves its status
    allows (:data:`ACTIVITY_FLOW`: ``edit``, ``hold``, ``cancel``) and, while it is open,
    ``attendance`` (the QR code, check-ins, hours) and ``photo``. The page shows these; each
    action checks again when taken."""
    if not is_staff_for(user, activity.unit):
        return []
    actions = ACTIVITY_FLOW.actions(activity)
    if activity.status in OPEN:
        actions += ["attendance", "photo"]
    return actions


# --- hours ------------------------------------------------------------------------------------
def round_to_quarter(duration: timedelta) -> Decimal:
    """Hours in ``duration`` to the nearest quarter hour, half up (7½ minutes → 0.25)."""
    seconds = max(Decimal(int(duration.total_seconds())), Decimal(0))
    quarters = (seconds / 900).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (quarters * QUARTER).quantize(Decimal("0.01"))


def hours_present(activity, checked_in_at, checked_out_at) -> Decimal:
    """Rounded time present, capped by the activity's length."""
    return min(round_to_quarter(checked_out_at - checked_in_at), activity.length_hours)


# --- the QR link --------------------------------------------------------------------------------
def checkin_token(activity) -> str:
    """A signed, timestamped token naming the activity (see :func:`activity_id_from_token`)."""
    return signing.dumps({"activity": activity.pk}, salt=TOKEN_SALT)


def activity_id_from_token(token) -> int:
    """The activity a token names; 400 on ``token`` when it is missing, forged or expired."""
    if not token:
        raise InvalidInput(_("Scan the activity's QR code to check in or out."), field="token")
    try:
        data = signing.loads(str(token), salt=TOKEN_SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise InvalidInput(_("This QR code has expired. Ask the staff to show the current "
                             "code."), field="token") from None
    except signing.BadSignature:
        raise InvalidInput(_("This QR code is not valid. Scan the code shown by the staff "
                             "again."), field="token") from None
    try:
        return int(data["activity"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(_("This QR code is not valid. Scan the code shown by the staff "
                           "again."), field="token") from None


OFFLINE_MAX_AGE = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)


def clean_offline_at(token, at, *, now=None) -> int:
    """The activity of a check-in queued offline at ``at`` (the phone's clock) with the QR
    link ``token``: the link must have been valid then (made at most 24 h before), though it
    may have expired since; ``at`` is at most 7 days old and not in the future (a few minutes'
    clock difference count as now). Anything else: 400 on ``at`` or ``token``."""
    now = now or timezone.now()
    if not token:
        raise InvalidInput(_("Scan the activity's QR code to check in or out."), field="token")
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        data = signer.unsign_object(str(token),
                                    max_age=link_max_age() + OFFLINE_MAX_AGE.total_seconds())
        made = signing.b62_decode(str(token).rsplit(signer.sep, 2)[-2])
        pk = int(data["activity"])
    except signing.SignatureExpired:
        raise InvalidInput(_("This QR code has expired. Ask the staff to show the current "
                             "code."), field="token") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidInput(_("This QR code is not valid. Scan the code shown by the staff "
                             "again."), field="token") from None
    made_at = datetime.fromtimestamp(made, tz=UTC)
    if at > now + CLOCK_SKEW:
        raise InvalidInput(_("The check-in time is in the future: check the clock of your "
                             "phone."), field="at")
    if at < now - OFFLINE_MAX_AGE:
        raise InvalidInput(_("This check-in is more than 7 days old and can no longer be "
                           "sent. Ask the staff to add your hours."), field="at")
    if at < made_at - CLOCK_SKEW or at > made_at + timedelta(seconds=link_max_age()):
        raise InvalidInput(_("The QR code was not valid at the time of this check-in. Ask the "
                             "staff to add your hours."), field="at")
    return pk


def activity_from_token(token, *, expected_pk=None, offline_at=None) -> Activity:
    pk = (clean_offline_at(token, offline_at) if offline_at is not None
          else activity_id_from_token(token))
    if expected_pk is not None and str(pk) != str(expected_pk):
        raise InvalidInput(_("This QR code belongs to another activity."), field="token")
    activity = Activity.objects.select_related("unit").filter(pk=pk).first()
    if activity is None:
        raise InvalidInput(_("This activity no longer exists."), field="token")
    return activity


# --- activities -------------------------------------------------------------------------------
def _record(activity, *, actor, from_status="", to_status="", note=""):
    return ACTIVITY_FLOW.record(activity, actor=actor, from_status=from_status,
                                to_status=to_status, note=str(note)[:300])


def _clean_category(category) -> str:
    """The code of an existing category (``category`` is a code or a category)."""
    code = getattr(category, "code", category)
    if not isinstance(code, str) or not ActivityCategory.objects.filter(code=code).exists():
        raise InvalidInput(_("Choose a valid category."), field="category")
    return code


def _clean_campaign(campaign, unit, starts_at):
    """The campaign (given as itself or its code) the activity belongs to, or None: one of the
    banner's or of the unit's own township, whose period includes the activity's day."""
    from campaigns.services import campaign_of_line

    campaign = campaign_of_line(campaign, unit)
    if campaign is None:
        return None
    day = timezone.localdate(starts_at)
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise InvalidInput(_("The activity must take place during the campaign "
                             "(%(start)s – %(end)s).") % {"start": campaign.starts_on,
                                                          "end": campaign.ends_on},
                           field="campaign")
    return campaign


def _clean_fields(actor, *, unit, category, title, starts_at, ends_at, place, description,
                  teams, campaign=None):
    if unit is None:
        raise InvalidInput(_("This field is required."), field="unit")
    if not path_in_scope(actor, unit.path):
        raise InvalidInput(_("This unit is outside your area."), field="unit")
    category = _clean_category(category)
    if starts_at is None:
        raise InvalidInput(_("This field is required."), field="starts_at")
    if ends_at is None:
        raise InvalidInput(_("This field is required."), field="ends_at")
    if ends_at <= starts_at:
        raise InvalidInput(_("The activity must end after it starts."), field="ends_at")
    if ends_at - starts_at > timedelta(hours=24):
        raise InvalidInput(_("An activity lasts at most 24 hours."), field="ends_at")
    if category == ActivityCategory.SERVICE_DAY and unit.level != Level.VILLAGE:
        raise InvalidInput(_("A volunteer service day is held by a village."), field="unit")
    line = set(unit.path.strip("/").split("/"))
    for team in teams:
        if not (team.unit.code in line or path_in_scope(actor, team.unit.path)):
            raise InvalidInput(_("The team “%(team)s” is outside your area.")
                               % {"team": team.name}, field="teams")
    return {
        "unit": unit, "category_id": category, "starts_at": starts_at, "ends_at": ends_at,
        "campaign": _clean_campaign(campaign, unit, starts_at),
        "title": clean_text(title, "title", required=True, max_length=120),
        "place": clean_text(place, "place", max_length=120),
        "description": clean_text(description, "description", max_length=4000),
    }


def activity_create(*, actor, unit, title, starts_at, ends_at, category=ActivityCategory.OTHER,
                    place="", description="", teams=(), campaign=None) -> Activity:
    """Plan an activity. ``category`` and ``campaign`` are given as rows or by their codes."""
    if not may_plan(actor):
        raise Forbidden(_("Only staff can plan activities."))
    teams = list(teams or [])
    fields = _clean_fields(actor, unit=unit, category=category, title=title,
                           starts_at=starts_at, ends_at=ends_at, place=place,
                           description=description, teams=teams, campaign=campaign)
    with transaction.atomic():
        activity = Activity.objects.create(created_by=actor, **fields)
        activity.teams.set(teams)
        _record(activity, actor=actor, to_status=A.PLANNED)
    return activity


def activity_update(activity, *, actor, **changes) -> Activity:
    """Change a planned activity (a held or cancelled one is history: 409)."""
    _require_staff(actor, activity.unit)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
        ACTIVITY_FLOW.check(locked, "edit")  # under the row lock: nobody moves it meanwhile
        teams = changes.pop("teams", None)
        current = {f: getattr(locked, f) for f in (
            "unit", "title", "starts_at", "ends_at", "place", "description", "campaign")}
        current["category"] = locked.category_id
        current.update({k: v for k, v in changes.items() if k in current})
        team_list = list(teams) if teams is not None else list(
            locked.teams.select_related("unit"))
        fields = _clean_fields(actor, teams=team_list, **current)
        for field, value in fields.items():
            setattr(locked, field, value)
        locked.save()
        if teams is not None:
            locked.teams.set(team_list)
        _record(locked, actor=actor, note=str(_("Details changed.")))
    return locked


def activity_delete(activity, *, actor) -> Activity | None:
    """Take an activity off the plan (``DELETE``, the page's "delete").

    History is never deleted (its events are append-only; the database refuses to delete them),
    so only a planned activity without any history — no event, nobody attended — is deleted:
    ``None``. One with a history is **cancelled instead** and returned, its events kept (409 if
    hours were recorded, as for any cancellation); a cancelled one is returned as it is; a held
    one is history and answers 409. Activities planned on the pages or the API record their
    planning as an event, so in practice a ``DELETE`` cancels them.
    """
    _require_staff(actor, activity.unit)
    with transaction.atomic():
        locked = Activity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
        if locked.status == A.CANCELLED:
            return locked
        if locked.status != A.PLANNED:
            raise ACTIVITY_FLOW.refuse(locked.status, _(
                "A held activity is part of the record and cannot be deleted."))
        if locked.events.exists() or locked.attendances.exists():
            return activity_cancel(locked, actor=actor,
                                   reason=str(_("Deleted; cancelled instead to keep its history.")))
        for photo in locked.photos.all():
            photo.image.delete(save=False)
        locked.delete()
    return None


def _clean_participants(value):
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(_("The number of participants must be a whole number."),
                           field="participants") from None
    if not 0 <= value <= MAX_PARTICIPANTS:
        raise InvalidInput(_("The number of participants must be between 0 and 100000."),
                           field="participants")
    return value


def activity_mark_held(activity, *, actor, participants=None, note="") -> Activity:
    """planned → held, once it has started; ``participants`` counts everyone who came."""
    _require_staff(actor, activity.unit)
    participants = _clean_participants(participants)
    now = timezone.now()
    with transaction.atomic():
        if ACTIVITY_FLOW.can(activity, "hold") and activity.starts_at > now:
            raise ACTIVITY_FLOW.refuse(activity.status, _("The activity has not started yet."))
        changes = {"held_at": now}
        if participants is None:
            participants = max(activity.participants,
                               Attendance.objects.filter(activity=activity).count())
        changes["participants"] = participants
        ACTIVITY_FLOW.move(activity, "hold", actor=actor,
                           note=clean_text(note, "note", max_length=300), **changes)
    return activity


def activity_cancel(activity, *, actor, reason="") -> Activity:
    _require_staff(actor, activity.unit)
    reason = clean_text(reason, "reason", max_length=300)
    with transaction.atomic():
        if Attendance.objects.filter(activity=activity, hours__isnull=False).exists():
            raise ACTIVITY_FLOW.refuse(activity.status, _(
                "Hours have been recorded for this activity; it cannot be cancelled."))
        ACTIVITY_FLOW.move(activity, "cancel", actor=actor, note=reason,
                           cancelled_at=timezone.now())
    return activity


def activity_add_photo(activity, *, actor, image, caption="") -> ActivityPhoto:
    """Store a photo (JPEG, PNG, GIF or WebP, at most 5 MB) through the default storage."""
    _require_staff(actor, activity.unit)
    _check_open(activity)
    if image is None:
        raise InvalidInput(_("Choose a photo to upload."), field="image")
    pictures.picture_check(image, field="image", max_bytes=photo_max_bytes())
    caption = clean_text(caption, "caption", max_length=120)
    with transaction.atomic():
        photo = ActivityPhoto(activity=activity, caption=caption, uploaded_by=actor)
        photo.image.save(image.name or f"activity-{activity.pk}.jpg", image, save=False)
        photo.save()
    return photo


# --- attendance ---------------------------------------------------------------------------------
def _require_volunteer(actor) -> Volunteer:
    volunteer = volunteer_of(actor)
    if volunteer is None:
        raise Forbidden(_("You are not registered as a volunteer."))
    return volunteer


def _subject(activity, *, actor, volunteer, token, offline_at=None):
    """Who is checking in or out, and how: (volunteer, method).

    A volunteer checks themselves in with the QR token; staff of the activity's unit check
    in any volunteer of their area or of the organising teams.
    """
    if token is not None or not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        if not has_role(actor, Role.VOLUNTEER) and not actor.is_superuser:
            raise Forbidden(_("Only volunteers check in with the QR code."))
        pk = (clean_offline_at(token, offline_at) if offline_at is not None
              else activity_id_from_token(token))
        if pk != activity.pk:
            raise InvalidInput(_("This QR code belongs to another activity."), field="token")
        return _require_volunteer(actor), CheckMethod.QR
    _require_staff(actor, activity.unit)
    if volunteer is None:
        raise InvalidInput(_("Choose the volunteer."), field="volunteer")
    allowed = Volunteer.objects.for_user(actor).filter(pk=volunteer.pk).exists() or \
        Volunteer.objects.filter(pk=volunteer.pk, memberships__team__activities=activity).exists()
    if not allowed:
        raise InvalidInput(_("This volunteer is outside your area."), field="volunteer")
    return volunteer, CheckMethod.STAFF


def _check_open(activity):
    if activity.status not in OPEN:
        raise ACTIVITY_FLOW.refuse(activity.status)


def attendance_check_in(activity, *, actor, volunteer=None, token=None, at=None,
                        offline_at=None) -> Attendance:
    """Record the volunteer's arrival; a second check-in returns the first one unchanged.

    ``offline_at``: a check-in the volunteer's phone queued offline at that time (its clock)
    and sends now: accepted when the QR link was valid then, within 7 days
    (:func:`clean_offline_at`); its time is the phone's, bounded by the activity's window
    like any QR check-in; it is marked ``offline`` (hours staff-entered until confirmed).
    """
    if offline_at is not None and token is None:
        raise InvalidInput(_("Only a check-in with the QR code is sent from an offline "
                             "queue."), field="at")
    volunteer, method = _subject(activity, actor=actor, volunteer=volunteer, token=token,
                                 offline_at=offline_at)
    at = offline_at or at or timezone.now()
    _check_open(activity)
    if method == CheckMethod.QR:
        if at < activity.starts_at - _opens_before():
            raise Conflict(_("Check-in opens two hours before the activity starts."),
                           code="not_open", extra={"status": activity.status})
        if at > activity.ends_at:
            raise Conflict(_("The activity is over; ask the staff to add your hours."),
                           code="closed", extra={"status": activity.status})
    with transaction.atomic():
        attendance, created = Attendance.objects.get_or_create(
            activity=activity, volunteer=volunteer,
            defaults={"checked_in_at": at, "check_in_method": method, "recorded_by": actor,
                      "offline": offline_at is not None})
        if not created:
            attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
            if attendance.checked_in_at is None:
                raise Conflict(_("Hours have already been recorded for this volunteer."),
                               code="hours_recorded", extra={"status": activity.status})
    return attendance


def attendance_check_out(activity, *, actor, volunteer=None, token=None, at=None) -> Attendance:
    """Record the volunteer's departure, compute the hours and deposit them, once."""
    volunteer, method = _subject(activity, actor=actor, volunteer=volunteer, token=token)
    at = at or timezone.now()
    _check_open(activity)
    if method == CheckMethod.QR and at > activity.ends_at + _closes_after():
        raise Conflict(_("Check-out has closed; ask the staff to add your hours."),
                       code="closed", extra={"status": activity.status})
    with transaction.atomic():
        attendance = (Attendance.objects.select_for_update()
                      .filter(activity=activity, volunteer=volunteer).first())
        if attendance is None or attendance.checked_in_at is None:
            raise Conflict(_("Check in first."), code="not_checked_in",
                           extra={"status": activity.status})
        if attendance.checked_out_at is not None:
            return attendance  # a retry, or the parallel twin of this request
        if attendance.hours is not None:
            raise Conflict(_("Hours have already been recorded for this volunteer."),
                           code="hours_recorded", extra={"status": activity.status})
        if at < attendance.checked_in_at:
            raise InvalidInput(_("Check-out cannot be before check-in."), field="at")
        hours = hours_present(activity, attendance.checked_in_at, at)
        verified = (attendance.check_in_method == CheckMethod.QR and method == CheckMethod.QR
                    and (not attendance.offline or attendance.offline_confirmed_at is not None))
        attendance.checked_out_at = at
        attendance.check_out_method = method
        attendance.hours = hours
        attendance.hours_source = HoursSource.VERIFIED if verified else HoursSource.STAFF_ENTERED
        if not verified:
            attendance.recorded_by = actor
        attendance.save(update_fields=["checked_out_at", "check_out_method", "hours",
                                       "hours_source", "recorded_by"])
        _deposit(attendance, actor=actor)
    return attendance


def attendance_add_hours(activity, *, actor, volunteer, hours, note="") -> Attendance:
    """Staff enter hours for a volunteer (who forgot to check out, or had no phone)."""
    _require_staff(actor, activity.unit)
    volunteer, _method = _subject(activity, actor=actor, volunteer=volunteer, token=None)
    _check_open(activity)
    hours = clean_hours(hours, most=activity.length_hours)
    if activity.starts_at > timezone.now():
        raise Conflict(_("The activity has not started yet."), code="not_started",
                       extra={"status": activity.status})
    note = clean_text(note, "note", max_length=200)
    with transaction.atomic():
        attendance, _created = Attendance.objects.get_or_create(
            activity=activity, volunteer=volunteer)
        attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
        if attendance.hours is not None:
            raise Conflict(_("Hours have already been recorded for this volunteer."),
                           code="hours_recorded", extra={"status": activity.status})
        attendance.hours = hours
        attendance.hours_source = HoursSource.STAFF_ENTERED
        attendance.recorded_by = actor
        attendance.note = note
        attendance.save(update_fields=["hours", "hours_source", "recorded_by", "note"])
        _deposit(attendance, actor=actor)
        _record(activity, actor=actor, note=f"{volunteer.name} +{hours} h {note}".strip())
    return attendance


def attendance_confirm_offline(activity, *, actor, volunteer) -> Attendance:
    """Staff of the activity's unit confirm a check-in sent from an offline queue: from now on
    it counts like any QR check-in. Hours already deposited as staff-entered for a QR
    check-in and check-out become verified (the staff-entered entry is reversed and an
    activity entry deposited, once). Confirming again changes nothing."""
    _require_staff(actor, activity.unit)
    with transaction.atomic():
        attendance = (Attendance.objects.select_for_update()
                      .filter(activity=activity, volunteer=volunteer).first())
        if attendance is None or not attendance.offline:
            raise Conflict(_("This volunteer has no offline check-in at this activity."),
                           code="not_offline", extra={"status": activity.status})
        if attendance.offline_confirmed_at is not None:
            return attendance
        attendance.offline_confirmed_at = timezone.now()
        attendance.offline_confirmed_by = actor
        fields = ["offline_confirmed_at", "offline_confirmed_by"]
        both_qr = (attendance.check_in_method == CheckMethod.QR
                   and attendance.check_out_method == CheckMethod.QR)
        if attendance.hours is not None and both_qr and \
                attendance.hours_source == HoursSource.STAFF_ENTERED:
            from .models import TimeBankEntry
            from .services import timebank_reverse

            entered = TimeBankEntry.objects.filter(
                kind=EntryKind.STAFF_ENTERED, source_type="attendance",
                source_id=attendance.pk, reversed_by__isnull=True).first()
            if entered is not None:
                timebank_reverse(entered, actor=actor, note=str(_("Offline check-in confirmed.")))
            attendance.hours_source = HoursSource.VERIFIED
            fields.append("hours_source")
            attendance.save(update_fields=fields)
            _deposit(attendance, actor=actor)
        else:
            attendance.save(update_fields=fields)
        _record(activity, actor=actor,
                note=str(_("Offline check-in of %(name)s confirmed.") % {"name": volunteer.name}))
    return attendance


def _deposit(attendance, *, actor):
    if not attendance.hours:
        return None
    kind = (EntryKind.ACTIVITY if attendance.hours_source == HoursSource.VERIFIED
            else EntryKind.STAFF_ENTERED)
    return timebank_deposit(attendance.volunteer, hours=attendance.hours, kind=kind,
                            source_type="attendance", source_id=attendance.pk, actor=actor,
                            note=attendance.activity.title)


def teams_for_activity_choice(actor, unit=None):
    """Teams staff may name as organisers: their area's and those above the unit."""
    from django.db.models import Q

    q = Q(pk__in=Team.objects.for_user(actor).values("pk"))
    if unit is not None:
        q |= Q(unit__code__in=unit.path.strip("/").split("/"))
    elif actor.unit_id:
        q |= Q(unit__code__in=actor.unit.path.strip("/").split("/"))
    return Team.objects.filter(q, active=True).select_related("unit").order_by("unit__path",
                                                                                 "name")
