"""Writes of supervision: tasks and their flow, progress, escalation, visits and meetings.

Each function is keyword-only after its subject; a move locks the task, checks who may make it
(403) and when (409 ``invalid_transition`` through :data:`TASK_FLOW`), changes it, records a
:class:`TaskEvent` and notifies after the commit. Who may do what:

* **set** a task: staff or a leader of a unit *above* the responsible unit, and the banner's
  administrators (also for the banner's own tasks);
* **report progress / ask to close**: the head responsible, and the staff and leaders *of* the
  responsible unit;
* **accept / return**: staff of a unit above it (the banner's staff, or the township for a
  village's task) and the banner's administrators.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from practice import indicators, pictures, text_input
from practice.exceptions import Forbidden, InvalidInput
from practice.models import Level, Unit, User
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role
from practice.scoping import unit_in_scope
from practice.transitions import Machine

from . import texts
from .models import (
    MEETING_LEVELS,
    TASK_LEVELS,
    EventKind,
    EvidenceKind,
    FieldVisit,
    JointMeeting,
    MeetingDecision,
    ProgressPhoto,
    ProgressReport,
    SupervisedTask,
    TaskEvent,
    TaskState,
)

S = TaskState
TASK_FLOW = Machine(
    SupervisedTask, TaskState, event=TaskEvent, event_fk="task", field="state",
    moves={
        "progress": ({S.OPEN, S.IN_PROGRESS}, S.IN_PROGRESS),
        "request_close": ({S.OPEN, S.IN_PROGRESS}, S.CLOSE_REQUESTED),
        "accept": ({S.CLOSE_REQUESTED}, S.CLOSED),
        "return": ({S.CLOSE_REQUESTED}, S.IN_PROGRESS),
    },
)
# Days after the deadline when a task still open goes up to the banner's leaders.
ESCALATE_AFTER_DAYS = 3
TITLE_MAX = 200
TEXT_MAX = 4000
PHOTOS_MAX = 6


def today() -> datetime.date:
    return timezone.localdate()


def _notify(users, message):
    """In-app notifications (the volunteers app's rows and backend), sent after commit."""
    from volunteers.notifications import notify

    notify([u for u in users if u is not None], message)


def activity_for(user, pk):
    """The practice activity ``pk`` if the user may see it (a task's evidence), else None."""
    from volunteers.models import Activity

    return Activity.objects.for_user(user).filter(pk=pk).select_related("unit").first()


def clean_text(value, field, *, required=False, max_length=TEXT_MAX) -> str:
    return text_input.clean_text(value, field, required=required, max_length=max_length)


# --- who may do what ----------------------------------------------------------------------------
def _above(user, unit) -> bool:
    """Is ``unit`` strictly below the user's own unit?"""
    return (user.unit_id is not None and unit.pk != user.unit_id
            and unit.path.startswith(user.unit.path))


def may_set_task_for(user, unit) -> bool:
    if user.is_superuser:
        return True
    if has_role(user, Role.BANNER_ADMIN):
        return unit_in_scope(user, unit)
    return has_role(user, *STAFF_ROLES, Role.LEADER) and _above(user, unit)


def may_set_tasks(user) -> bool:
    return user.is_superuser or has_role(user, *STAFF_ROLES, Role.LEADER)


def _is_responsible(user, task) -> bool:
    if user.pk is not None and user.pk in (task.head_id, task.unit.head_id):
        return True
    return (has_role(user, *STAFF_ROLES, Role.LEADER) and user.unit_id == task.unit_id)


def _is_supervisor(user, task) -> bool:
    if user.is_superuser:
        return True
    if has_role(user, Role.BANNER_ADMIN):
        return unit_in_scope(user, task.unit)
    return has_role(user, *STAFF_ROLES) and _above(user, task.unit)


_WHO = {
    "progress": _is_responsible,
    "request_close": _is_responsible,
    "accept": _is_supervisor,
    "return": _is_supervisor,
}


def task_actions(task, user) -> list[str]:
    """The moves ``user`` may make on ``task`` now (what pages show)."""
    return [a for a in TASK_FLOW.actions(task) if _WHO[a](user, task)]


def _require(action, user, task):
    if not _WHO[action](user, task):
        if action in ("accept", "return"):
            raise Forbidden(_("Only the unit above the responsible unit accepts or returns "
                              "a task."))
        raise Forbidden(_("Only the responsible unit and its head report on a task."))


# --- tasks --------------------------------------------------------------------------------------
def _clean_unit(unit):
    if not isinstance(unit, Unit) or unit.level not in TASK_LEVELS:
        raise InvalidInput(_("Choose the banner, a township, a banner department or a "
                             "village."), field="unit")
    return unit


def task_create(*, actor, title, unit, deadline, head=None, description="",
                evidence_kind=EvidenceKind.NOTE, evidence_text="", activity=None,
                indicator_code="", origin=None) -> SupervisedTask:
    """Set a task for ``unit``; its head defaults to the unit's head (一把手)."""
    unit = _clean_unit(unit)
    if not may_set_tasks(actor):
        raise Forbidden()
    if not may_set_task_for(actor, unit):
        raise Forbidden(_("Tasks are set by a unit above the responsible unit."), field="unit")
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Say what must be done.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("This text is too long (at most %(n)d characters).")
                           % {"n": TITLE_MAX}]
    if not isinstance(deadline, datetime.date):
        errors["deadline"] = [_("Enter the deadline as a date.")]
    elif deadline < today():
        errors["deadline"] = [_("The deadline has already passed.")]
    if evidence_kind not in EvidenceKind.values:
        errors["evidence_kind"] = [_("Choose how completion is shown.")]
    elif evidence_kind == EvidenceKind.ACTIVITY:
        if activity is None:
            errors["activity"] = [_("Choose the activity that shows completion.")]
        elif not activity.unit.path.startswith(unit.path):
            errors["activity"] = [_("The activity must be held by the responsible unit or "
                                    "below it.")]
    elif evidence_kind == EvidenceKind.INDICATOR:
        codes = {i.code for i in indicators.all_indicators()}
        if indicator_code not in codes:
            errors["indicator_code"] = [_("Choose an indicator.")]
    if errors:
        raise ValidationError(errors)
    description = clean_text(description, "description")
    evidence_text = clean_text(evidence_text, "evidence_text")
    with transaction.atomic():
        task = SupervisedTask(
            title=title, description=description, unit=unit, head=head or unit.head,
            deadline=deadline, evidence_kind=evidence_kind, evidence_text=evidence_text,
            activity=activity if evidence_kind == EvidenceKind.ACTIVITY else None,
            indicator_code=indicator_code if evidence_kind == EvidenceKind.INDICATOR else "",
            created_by=actor,
        )
        if origin is not None:
            task.origin = origin
        task.save()
        TASK_FLOW.record(task, actor=actor, to_status=S.OPEN)
        recipients = [task.head, *task.unit.users.filter(
            role__in=STAFF_ROLES, is_active=True).order_by("pk")[:20]]
        message = _("New supervised task for %(unit)s: %(title)s (deadline %(deadline)s).") % {
            "unit": unit.name, "title": title, "deadline": deadline.isoformat()}
        _notify(recipients, message)
    return task


def _locked(task) -> SupervisedTask:
    return SupervisedTask.objects.select_for_update(of=("self",)).select_related(
        "unit").get(pk=task.pk)


def _check_image(image):
    pictures.picture_check(image, field="photos",
                           max_bytes=int(settings.VOLUNTEERS_PHOTO_MAX_BYTES))


def task_progress(task, *, actor, note, photos=()) -> ProgressReport:
    """Report progress (a note and up to six photos); an open task is then in progress."""
    _require("progress", actor, task)
    note = clean_text(note, "note", required=True)
    photos = [p for p in (photos or []) if p]
    if len(photos) > PHOTOS_MAX:
        raise InvalidInput(_("At most %(n)d photos a report.") % {"n": PHOTOS_MAX},
                           field="photos")
    for image in photos:
        _check_image(image)
    with transaction.atomic():
        locked = _locked(task)
        TASK_FLOW.check(locked, "progress")
        if locked.state == S.OPEN:
            TASK_FLOW.move(locked, "progress", actor=actor, note=note[:200])
        report = ProgressReport.objects.create(task=locked, note=note, author=actor)
        for image in photos:
            photo = ProgressPhoto(report=report)
            photo.image.save(image.name or f"task-{locked.pk}.jpg", image, save=False)
            photo.save()
    return report


def task_request_close(task, *, actor, note="") -> SupervisedTask:
    _require("request_close", actor, task)
    note = clean_text(note, "note")
    with transaction.atomic():
        locked = _locked(task)
        TASK_FLOW.move(locked, "request_close", actor=actor, note=note)
        _notify(_supervisors(locked), _("%(unit)s asks to close the supervised task "
                                        "“%(title)s”.") % {"unit": locked.unit.name,
                                                           "title": locked.title})
    return locked


def _supervisors(task):
    """Staff of the unit directly above the task's unit (the banner's administrators for the
    banner's own tasks)."""
    parent_id = task.unit.parent_id or task.unit_id
    return list(User.objects.filter(unit_id=parent_id, role__in=STAFF_ROLES, is_active=True)
                .order_by("pk")[:20])


def task_accept(task, *, actor, note="") -> SupervisedTask:
    _require("accept", actor, task)
    note = clean_text(note, "note")
    with transaction.atomic():
        locked = _locked(task)
        TASK_FLOW.move(locked, "accept", actor=actor, note=note, closed_on=today())
        _notify([locked.responsible_head], _("The supervised task “%(title)s” was accepted as "
                                             "done.") % {"title": locked.title})
    return locked


def task_return(task, *, actor, reason) -> SupervisedTask:
    _require("return", actor, task)
    if not (reason or "").strip():
        raise InvalidInput(_("Give the reason for sending the task back."), field="reason")
    reason = clean_text(reason, "reason")
    with transaction.atomic():
        locked = _locked(task)
        TASK_FLOW.move(locked, "return", actor=actor, note=reason)
        _notify([locked.responsible_head], _("The supervised task “%(title)s” was sent back: "
                                             "%(reason)s") % {"title": locked.title,
                                                              "reason": reason})
    return locked


# --- overdue tasks ------------------------------------------------------------------------------
def banner_leaders(unit) -> list:
    """The leaders of the banner above ``unit`` (role leader at the banner) and its head."""
    banner = Unit.objects.filter(level=Level.BANNER, code=unit.path.split("/", 1)[0]).first()
    if banner is None:
        return []
    people = list(User.objects.filter(unit=banner, role=Role.LEADER, is_active=True)
                  .order_by("pk"))
    if banner.head is not None and banner.head not in people:
        people.append(banner.head)
    return people


def tasks_escalate(*, on: datetime.date | None = None) -> dict:
    """The day's run over tasks not closed: the deadline notice to the head (on the deadline
    or, if the run missed it, the first run after), and three days later the escalation to
    the banner's leaders. Each happens once per task, whoever runs beside it."""
    on = on or today()
    open_states = [S.OPEN, S.IN_PROGRESS, S.CLOSE_REQUESTED]
    noticed = escalated = 0
    due = (SupervisedTask.objects.filter(state__in=open_states, deadline__lte=on,
                                         deadline_noticed_at__isnull=True)
           .select_related("unit__head", "head").order_by("pk"))
    for task in due:
        with transaction.atomic():
            won = SupervisedTask.objects.filter(
                pk=task.pk, deadline_noticed_at__isnull=True, state__in=open_states,
            ).update(deadline_noticed_at=timezone.now())
            if not won:
                continue
            TASK_FLOW.record(task, actor=None, from_status=task.state, to_status=task.state,
                             kind=EventKind.DEADLINE_NOTICE)
            head = task.responsible_head
            _notify([head], _("The supervised task “%(title)s” (%(unit)s) is due on "
                              "%(deadline)s and not closed.") % {
                "title": task.title, "unit": task.unit.name,
                "deadline": task.deadline.isoformat()})
            texts.text([head], "supervision_deadline", task)
            noticed += 1
    late = (SupervisedTask.objects.filter(
        state__in=open_states, escalated_at__isnull=True,
        deadline__lte=on - datetime.timedelta(days=ESCALATE_AFTER_DAYS))
        .select_related("unit").order_by("pk"))
    for task in late:
        with transaction.atomic():
            won = SupervisedTask.objects.filter(
                pk=task.pk, escalated_at__isnull=True, state__in=open_states,
            ).update(escalated_at=timezone.now())
            if not won:
                continue
            TASK_FLOW.record(task, actor=None, from_status=task.state, to_status=task.state,
                             kind=EventKind.ESCALATED)
            leaders = banner_leaders(task.unit)
            _notify(leaders, _("Escalated: the supervised task “%(title)s” (%(unit)s) is "
                               "%(days)d days past its deadline %(deadline)s.") % {
                "title": task.title, "unit": task.unit.name, "days": (on - task.deadline).days,
                "deadline": task.deadline.isoformat()})
            texts.text(leaders, "supervision_escalated", task)
            escalated += 1
    return {"noticed": noticed, "escalated": escalated}


# --- field visits and joint meetings --------------------------------------------------------------
def _villages(actor, villages) -> list:
    villages = list(villages or [])
    if not villages:
        raise InvalidInput(_("Choose at least one village."), field="villages")
    for v in villages:
        if v.level != Level.VILLAGE:
            raise InvalidInput(_("Choose villages only."), field="villages")
        if not unit_in_scope(actor, v):
            raise InvalidInput(_("This village is outside your area."), field="villages")
    return villages


def may_record_visits(user) -> bool:
    return user.is_superuser or has_role(user, Role.LEADER, *STAFF_ROLES)


def visit_record(*, actor, villages, started_on, ended_on, findings, leader=None) -> FieldVisit:
    """Record a leader's field stay (a leader their own; staff for a leader of their area)."""
    if not may_record_visits(actor):
        raise Forbidden()
    leader = leader or actor
    if leader.pk != actor.pk and not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden(_("Leaders record their own field visits."), field="leader")
    if leader.role not in SUBTREE_ROLES or not unit_in_scope(actor, leader.unit):
        raise InvalidInput(_("Choose a leader of your area."), field="leader")
    villages = _villages(actor, villages)
    errors = {}
    if not isinstance(started_on, datetime.date):
        errors["started_on"] = [_("Enter the first day as a date.")]
    if not isinstance(ended_on, datetime.date):
        errors["ended_on"] = [_("Enter the last day as a date.")]
    if not errors:
        if ended_on < started_on:
            errors["ended_on"] = [_("The last day cannot be before the first.")]
        elif started_on > today():
            errors["started_on"] = [_("A visit is recorded once it has begun.")]
        elif (ended_on - started_on).days > 60:
            errors["ended_on"] = [_("A field stay lasts at most 60 days.")]
    if errors:
        raise ValidationError(errors)
    findings = clean_text(findings, "findings", required=True)
    with transaction.atomic():
        visit = FieldVisit.objects.create(leader=leader, started_on=started_on,
                                          ended_on=ended_on, findings=findings,
                                          recorded_by=actor)
        visit.villages.set(villages)
    return visit


def meeting_record(*, actor, unit, date, topics, participants=(), other_participants="",
                   decisions=()) -> JointMeeting:
    """Record a joint meeting with its decisions (one text each, in order)."""
    if not (actor.is_superuser or has_role(actor, Role.LEADER, *STAFF_ROLES)):
        raise Forbidden()
    if not isinstance(unit, Unit) or unit.level not in MEETING_LEVELS:
        raise InvalidInput(_("Choose the banner or a township."), field="unit")
    if not unit_in_scope(actor, unit):
        raise Forbidden(_("This unit is outside your area."), field="unit")
    if not isinstance(date, datetime.date):
        raise InvalidInput(_("Enter the date."), field="date")
    if date > today():
        raise InvalidInput(_("A meeting is recorded once it has been held."), field="date")
    topics = clean_text(topics, "topics", required=True)
    other_participants = clean_text(other_participants, "other_participants")
    decisions = [clean_text(d, "decisions", max_length=1000) for d in decisions or []]
    decisions = [d for d in decisions if d]
    with transaction.atomic():
        meeting = JointMeeting.objects.create(unit=unit, date=date, topics=topics,
                                              other_participants=other_participants,
                                              recorded_by=actor)
        meeting.participants.set(list(participants or []))
        MeetingDecision.objects.bulk_create(
            [MeetingDecision(meeting=meeting, text=d, order=i) for i, d in
             enumerate(decisions, 1)])
    return meeting
