"""Writes of the dispatch mechanism: create the month's submissions, fill in, submit, sign off,
return, remind; record dispatch meetings and their decisions.

Each move of a submission goes through :data:`SUBMISSION_FLOW` (a compare-and-set update, so of
two heads signing off at once exactly one wins; the other gets 409 ``invalid_transition``) and is
recorded as a :class:`SubmissionEvent`. Notifications are written in the same transaction and
sent after the commit (volunteers.notifications).

Who takes part: every township, every banner department and every village station. Villages
report to their township the same way; the township's submission lists theirs. (No opt-in
switch per township: every station submits, which is the simplest honest rule.)
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from practice import text_input
from practice.exceptions import Forbidden, InvalidInput, NotFound
from practice.indicators import Period, evaluate
from practice.models import Level, Unit, User
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import unit_in_scope
from practice.sms import send_to_many
from practice.transitions import Machine
from volunteers.notifications import notify

from .models import (
    Decision,
    Meeting,
    ReminderOccasion,
    Submission,
    SubmissionEvent,
    SubmissionReminder,
)
from .models import SubmissionStatus as S

SUBMISSION_LEVELS = (Level.TOWNSHIP, Level.DEPARTMENT, Level.VILLAGE)
MEETING_LEVELS = (Level.BANNER, Level.TOWNSHIP)
TEXT_FIELDS = ("work_done", "problems", "help_requested", "next_plan")
TEXT_MAX = 4000
REASON_MAX = 500

SUBMISSION_FLOW = Machine(
    Submission, S, event=SubmissionEvent, event_fk="submission",
    moves={
        "submit": ({S.DRAFT}, S.SUBMITTED),
        "sign_off": ({S.SUBMITTED}, S.SIGNED_OFF),
        "return": ({S.SUBMITTED}, S.DRAFT),
    },
)


def local_today() -> date:
    return timezone.localdate()


def deadline_for(year: int, month: int) -> date:
    """The ``DISPATCH_SUBMISSION_DEADLINE_DAY`` (default the 5th) of the following month."""
    day = int(getattr(settings, "DISPATCH_SUBMISSION_DEADLINE_DAY", 5))
    return date(year + (month == 12), month % 12 + 1, max(1, min(day, 28)))


def previous_month(today: date | None = None) -> tuple[int, int]:
    today = today or local_today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def validate_month(year, month, *, ended=True) -> tuple[int, int]:
    try:
        year, month = int(year), int(month)
    except (TypeError, ValueError):
        raise InvalidInput(_("Give the year and month as numbers."), field="month") from None
    if not 1 <= month <= 12:
        raise InvalidInput(_("The month must be between 1 and 12."), field="month")
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("The year must lie between 2000 and 2100."), field="year")
    today = local_today()
    if ended and (year, month) >= (today.year, today.month):
        raise InvalidInput(_("Submissions are made for months that have ended."), field="month")
    return year, month


def _in_chinese(message) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


# --- creating the month's submissions -----------------------------------------------------
def _figures(year, month, units) -> dict[int, list[dict]]:
    """The month's figures of each unit: its stored monthly report when there is one (the
    townships), else the same indicators computed now (departments, villages)."""
    from reports.models import ReportValue

    out: dict[int, list[dict]] = {}
    rows = (ReportValue.objects.filter(report__year=year, report__month=month,
                                       report__unit__in=units)
            .values_list("report__unit_id", "code", "label", "measure", "value")
            .order_by("report__unit_id", "order", "code"))
    for unit_id, code, label, measure, value in rows:
        out.setdefault(unit_id, []).append(
            {"code": code, "label": label, "measure": measure,
             "value": None if value is None else float(value)})
    rest = [u for u in units if u.pk not in out]
    if rest:
        from practice.indicators import all_indicators

        with translation.override(settings.LANGUAGE_CODE):
            meta = [(i.code, str(i.label)[:100], str(i.unit)[:30])
                    for i in all_indicators() if not i.code.startswith("dispatch.")]
        values = evaluate(Period.month(year, month), rest, [c for c, _l, _m in meta])
        for unit in rest:
            got = values.get(unit.pk, {})
            out[unit.pk] = [
                {"code": code, "label": label, "measure": measure,
                 "value": None if got.get(code) is None else round(float(got[code]), 4)}
                for code, label, measure in meta]
    return out


def submissions_create(year, month) -> list[Submission]:
    """Create the month's submissions of every township, department and village station that
    has none yet, with the month's figures frozen in. Safe to run any number of times: a unit's
    existing submission is left as it is. Returns the submissions created."""
    year, month = validate_month(year, month)
    have = set(Submission.objects.filter(year=year, month=month).values_list("unit_id", flat=True))
    units = [u for u in Unit.objects.filter(level__in=SUBMISSION_LEVELS).order_by("path")
             if u.pk not in have]
    if not units:
        return []
    figures = _figures(year, month, units)
    deadline = deadline_for(year, month)
    with transaction.atomic():
        Submission.objects.bulk_create(
            [Submission(unit=u, year=year, month=month, deadline=deadline,
                        figures=figures.get(u.pk, [])) for u in units],
            ignore_conflicts=True, batch_size=500)
    return list(Submission.objects.filter(year=year, month=month, unit__in=units)
                .exclude(unit_id__in=have))


# --- who may do what ------------------------------------------------------------------------
def may_fill(user, submission) -> bool:
    """Staff of the unit (or above it, or the banner's administrators) fill in and submit."""
    return bool(user and user.is_authenticated and user.is_active) and (
        user.is_superuser or (has_role(user, *STAFF_ROLES)
                              and unit_in_scope(user, submission.unit)))


def may_sign_off(user, submission) -> bool:
    """The unit's head (一把手), for a village also its township's head, or the banner's
    administrators."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or (has_role(user, Role.BANNER_ADMIN)
                             and unit_in_scope(user, submission.unit)):
        return True
    unit = submission.unit
    if unit.head_id == user.pk:
        return True
    # (the API and pages load ``unit__parent``: no query per row)
    return unit.level == Level.VILLAGE and unit.parent_id is not None and (
        unit.parent.head_id == user.pk)


_MAY = {"edit": may_fill, "submit": may_fill, "sign_off": may_sign_off,
        "return": may_sign_off}


def submission_actions(user, submission) -> list[str]:
    """What ``user`` may do with ``submission`` now (``edit`` while it is a draft)."""
    out = []
    if submission.status == S.DRAFT and may_fill(user, submission):
        out.append("edit")
    out += [a for a in SUBMISSION_FLOW.actions(submission) if _MAY[a](user, submission)]
    return out


def _recipients(unit) -> list:
    """The unit's active staff and its head."""
    users = list(User.objects.filter(unit=unit, role__in=STAFF_ROLES, is_active=True)
                 .order_by("pk"))
    if unit.head_id and unit.head.is_active and unit.head not in users:
        users.append(unit.head)
    return users


def _heads(unit) -> list:
    heads = [unit.head] if unit.head_id else []
    if unit.level == Level.VILLAGE and unit.parent_id and unit.parent.head_id:
        heads.append(unit.parent.head)
    return heads


def _locked(submission) -> Submission:
    try:
        return (Submission.objects.select_for_update(of=("self",))
                .select_related("unit", "unit__parent").get(pk=submission.pk))
    except Submission.DoesNotExist:
        raise NotFound() from None


# --- filling in, submitting, signing off ---------------------------------------------------
def clean_text(value, field, *, required=False, max_length=TEXT_MAX) -> str:
    return text_input.clean_text(value, field, required=required, max_length=max_length)


def submission_update(submission, *, actor, **fields) -> Submission:
    """Change the text of a draft (work done, problems, help asked, next month's plan)."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise InvalidInput(_("This field cannot be changed."), field=sorted(unknown)[0])
    cleaned = {name: clean_text(value, name) for name, value in fields.items()}
    with transaction.atomic():
        locked = _locked(submission)
        if not may_fill(actor, locked):
            raise Forbidden(_("Only the unit's staff fill in its submission."))
        if locked.status != S.DRAFT:
            raise SUBMISSION_FLOW.refuse(
                locked.status, _("Only a draft can be changed; this submission is “%(status)s”.")
                % {"status": locked.get_status_display()})
        changed = {k: v for k, v in cleaned.items() if getattr(locked, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*changed, "updated_at"])
    return locked


def submission_submit(submission, *, actor) -> Submission:
    """Staff hand the draft to the head to sign off. Work done and next month's plan are
    required."""
    with transaction.atomic():
        locked = _locked(submission)
        if not may_fill(actor, locked):
            raise Forbidden(_("Only the unit's staff submit its submission."))
        SUBMISSION_FLOW.check(locked, "submit")
        for name in ("work_done", "next_plan"):
            clean_text(getattr(locked, name), name, required=True)
        SUBMISSION_FLOW.move(locked, "submit", actor=actor, submitted_at=timezone.now(),
                             submitted_by=actor, return_reason="")
        notify(_heads(locked.unit), _in_chinese(
            _("%(unit)s's monthly submission for %(year)s-%(month)02d awaits your sign-off.")
            % {"unit": locked.unit.name, "year": locked.year, "month": locked.month}))
    return locked


def submission_sign_off(submission, *, actor) -> Submission:
    """The head signs the submission off; it is on time when that happens by the deadline."""
    with transaction.atomic():
        locked = _locked(submission)
        if not may_sign_off(actor, locked):
            raise Forbidden(_("Only the unit's head or the banner's administrators sign off."))
        now = timezone.now()
        on_time = timezone.localdate(now) <= locked.deadline
        SUBMISSION_FLOW.move(locked, "sign_off", actor=actor, signed_off_at=now,
                             signed_off_by=actor, on_time=on_time)
        notify(_recipients(locked.unit), _in_chinese(
            _("%(unit)s's monthly submission for %(year)s-%(month)02d was signed off.")
            % {"unit": locked.unit.name, "year": locked.year, "month": locked.month}))
    return locked


def submission_return(submission, *, actor, reason) -> Submission:
    """The head sends the submission back to the staff as a draft, saying why."""
    reason = clean_text(reason, "reason", required=True, max_length=REASON_MAX)
    with transaction.atomic():
        locked = _locked(submission)
        if not may_sign_off(actor, locked):
            raise Forbidden(_("Only the unit's head or the banner's administrators return a "
                              "submission."))
        SUBMISSION_FLOW.move(locked, "return", actor=actor, note=reason, return_reason=reason)
        notify(_recipients(locked.unit), _in_chinese(
            _("%(unit)s's monthly submission for %(year)s-%(month)02d was returned: %(reason)s")
            % {"unit": locked.unit.name, "year": locked.year, "month": locked.month,
               "reason": reason}))
    return locked


# --- reminders ------------------------------------------------------------------------------
def submission_reminders(*, today: date | None = None) -> int:
    """Remind the staff and head of each submission not signed off yet, two days before its
    deadline and on the deadline: in-app, and by text message to those with a phone. Safe to
    run any number of times: a submission is reminded once per occasion. Returns how many
    submissions were reminded."""
    from datetime import timedelta

    today = today or local_today()
    occasions = {today + timedelta(days=2): ReminderOccasion.BEFORE,
                 today: ReminderOccasion.DUE}
    due = (Submission.objects.filter(deadline__in=list(occasions))
           .exclude(status=S.SIGNED_OFF).select_related("unit", "unit__head").order_by("pk"))
    reminded = 0
    for submission in due:
        occasion = occasions[submission.deadline]
        with transaction.atomic():
            reminder, created = SubmissionReminder.objects.get_or_create(
                submission=submission, occasion=occasion)
            if not created:
                continue
            users = _recipients(submission.unit)
            params = {"unit": submission.unit.name, "year": submission.year,
                      "month": submission.month,
                      "deadline": submission.deadline.strftime("%m月%d日")}
            from .texts import TEMPLATES

            text = _in_chinese(TEMPLATES["submission_reminder"]).format(**params)
            notify(users, text)
            send_to_many([(u.phone, u, submission.unit_id) for u in users if u.phone],
                         template="submission_reminder", params=params)
            SubmissionReminder.objects.filter(pk=reminder.pk).update(recipients=len(users))
            reminded += 1
    return reminded


# --- dispatch meetings ---------------------------------------------------------------------
MEETING_FIELDS = ("date", "chair", "other_attendees", "notes")


def _check_meeting_staff(actor, unit):
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    if not unit_in_scope(actor, unit):
        raise Forbidden(_("Only staff of the meeting's unit or above may record it."),
                        field="unit")


def _clean_meeting(data: dict) -> dict:
    out = {}
    if "date" in data and data["date"] is None:
        raise InvalidInput(_("Give the date the meeting was held."), field="date")
    for name in MEETING_FIELDS:
        if name in data:
            out[name] = data[name]
    for name in ("other_attendees", "notes"):
        if name in out:
            out[name] = clean_text(out[name], name, max_length=10000)
    return out


def meeting_create(*, actor, unit, year, month, attendees=(), **data) -> Meeting:
    if unit is None or unit.level not in MEETING_LEVELS:
        raise InvalidInput(_("Dispatch meetings are held by the banner or a township."),
                           field="unit")
    _check_meeting_staff(actor, unit)
    year, month = validate_month(year, month, ended=False)
    fields = _clean_meeting(data)
    if "date" not in fields:
        raise InvalidInput(_("Give the date the meeting was held."), field="date")
    with transaction.atomic():
        if Meeting.objects.filter(unit=unit, year=year, month=month).exists():
            raise InvalidInput(_("This unit already has a dispatch meeting for this month."),
                               field="month")
        meeting = Meeting.objects.create(unit=unit, year=year, month=month, created_by=actor,
                                         **fields)
        if attendees:
            meeting.attendees.set(attendees)
    return meeting


def meeting_update(meeting, *, actor, attendees=None, **data) -> Meeting:
    _check_meeting_staff(actor, meeting.unit)
    for name in ("unit", "year", "month"):
        data.pop(name, None)  # a meeting stays the one of its unit and month
    fields = _clean_meeting(data)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(meeting, name, value)
        if fields:
            meeting.save(update_fields=list(fields))
        if attendees is not None:
            meeting.attendees.set(attendees)
    return meeting


def meeting_delete(meeting, *, actor) -> None:
    _check_meeting_staff(actor, meeting.unit)
    meeting.delete()


def decision_add(meeting, *, actor, text, unit=None, order=None) -> Decision:
    """Record a decision of the meeting; ``unit`` (optional) is the unit it concerns, which
    must lie in the meeting's unit's subtree."""
    _check_meeting_staff(actor, meeting.unit)
    text = clean_text(text, "text", required=True)
    if unit is not None and not unit.path.startswith(meeting.unit.path):
        raise InvalidInput(_("The unit concerned must belong to the meeting's unit."),
                           field="unit")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if order is None:
            last = meeting.decisions.order_by("-order").values_list("order", flat=True).first()
            order = (last or 0) + 1
        return Decision.objects.create(meeting=meeting, text=text, unit=unit, order=order)
