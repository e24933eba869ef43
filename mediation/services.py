"""Writes of mediation: appointing and ending mediators, opening a case, recording a session,
closing a case with its outcome.

Each function is keyword-only after its subject; a move locks, checks who may make it (403) and
when (409 ``invalid_transition`` through :data:`CASE_FLOW`), changes, records a
:class:`CaseEvent` and notifies after the commit. Who may do what:

* **appoint / end a mediator**: the village's station staff, the staff of its township and the
  banner's administrators (of their area);
* **open a case**: the village's station staff and the staff of its township (the people who
  see cases: the banner's administrators do not);
* **record a session / close a case**: whoever sees the case — its village's station staff, its
  township's staff and its own mediator while the appointment lasts;
* **hand an open case to another mediator** of the village (the former one ended their
  appointment, or cannot go on): the village's station staff and the staff of its township.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from practice import text_input
from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.models import Level, Unit
from practice.numbers import earliest_day
from practice.roles import Role
from practice.scoping import unit_in_scope
from practice.transitions import Machine

from .models import (
    Background,
    CaseEvent,
    CaseSession,
    CaseStatus,
    DisputeKind,
    MediationCase,
    Mediator,
    Outcome,
)

S = CaseStatus
CASE_FLOW = Machine(
    MediationCase, CaseStatus, event=CaseEvent, event_fk="case",
    moves={"close": ({S.OPEN}, S.CLOSED)},
)
TEXT_MAX = 4000
NOTE_MAX = 200


def today() -> datetime.date:
    return timezone.localdate()


def _notify(users, msgid, params):
    """An in-app notification, kept in Chinese with its message id and parameters so that the
    notifications page shows it in the reader's language (volunteers/wording.py)."""
    from volunteers.notifications import notify
    from volunteers.wording import in_chinese

    notify([u for u in users if u is not None], in_chinese(msgid, params), msgid=msgid,
           params=params)


def _text(value, field, *, required=False, max_length=TEXT_MAX) -> str:
    return text_input.clean_text(value, field, required=required, max_length=max_length)


def _date(value, field, *, required=True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise InvalidInput(_("Enter a date."), field=field)
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), field=field)
    if value < earliest_day():
        raise InvalidInput(_("Enter a date after %(day)s.") % {"day": earliest_day()},
                           field=field)
    return value


def _choice(value, choices, field, message):
    if not isinstance(value, str) or value not in choices.values:
        raise InvalidInput(message, field=field)
    return value


# --- who may do what ---------------------------------------------------------------------
def _staff_of_village(user, village) -> bool:
    """The village's own station staff or the staff of its township (not their leaders)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.unit_id is None:
        return False
    if user.role == Role.STATION_STAFF:
        return user.unit_id == village.pk
    if user.role == Role.TOWNSHIP_STAFF:
        return user.unit_id == village.parent_id
    return False


def may_manage_mediators(user, village) -> bool:
    if _staff_of_village(user, village):
        return True
    return bool(user.is_authenticated and user.role == Role.BANNER_ADMIN
                and unit_in_scope(user, village))


def may_manage_mediators_somewhere(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or user.role in (Role.STATION_STAFF, Role.TOWNSHIP_STAFF,
                                           Role.BANNER_ADMIN)))


def may_open_cases(user, village) -> bool:
    return _staff_of_village(user, village)


def may_open_cases_somewhere(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or user.role in (Role.STATION_STAFF, Role.TOWNSHIP_STAFF)))


def may_handle(user, case) -> bool:
    """Record a session, close: the case's viewers (its own mediator, while serving)."""
    return (_staff_of_village(user, case.village)
            or (user.is_authenticated and user.pk == case.mediator.user_id
                and case.mediator.is_active()))


def may_hand_over(user, case) -> bool:
    return _staff_of_village(user, case.village)


def case_actions(case, user) -> list[str]:
    """What ``user`` may do with ``case`` now (what pages show)."""
    if not may_handle(user, case):
        return []
    actions = ["session", *CASE_FLOW.actions(case)]
    if case.status == CaseStatus.OPEN and may_hand_over(user, case):
        actions.append("hand_over")
    return actions


def belongs_to_village(user, village) -> bool:
    """May ``user`` be a mediator of ``village``: a villager of it (their household is there)
    or its station staff."""
    if not user.is_active:
        return False
    if user.household_id and user.household.village_id == village.pk:
        return True
    return user.role == Role.STATION_STAFF and user.unit_id == village.pk


# --- mediators ------------------------------------------------------------------------------
@transaction.atomic
def mediator_appoint(*, actor, village, user, background=Background.OTHER, active_from=None,
                     note="") -> Mediator:
    if village is None or village.level != Level.VILLAGE:
        raise InvalidInput(_("Choose a village."), field="village")
    if not may_manage_mediators(actor, village):
        raise Forbidden(_("Only the village's station, its township and the banner's "
                          "administrators appoint mediators."))
    if user is None:
        raise InvalidInput(_("Choose the person."), field="user")
    if not belongs_to_village(user, village):
        raise InvalidInput(_("A mediator is a villager or the station staff of the village."),
                           field="user")
    background = _choice(background, Background, "background",
                         _("Choose the mediator's background."))
    active_from = _date(active_from, "active_from", required=False) or today()
    note = _text(note, "note", max_length=NOTE_MAX)
    Unit.objects.select_for_update().filter(pk=village.pk).first()  # one appointment at a time
    if Mediator.objects.filter(village=village, user=user, active_to__isnull=True).exists():
        raise Conflict(_("This person is already a mediator of the village."))
    mediator = Mediator.objects.create(village=village, user=user, background=background,
                                       active_from=active_from, note=note,
                                       appointed_by=actor)
    transaction.on_commit(lambda: _notify(
        [user], gettext_noop("You were appointed a mediator of %(village)s."),
        {"village": village.name}))
    return mediator


@transaction.atomic
def mediator_end(mediator, *, actor, on=None) -> Mediator:
    if not may_manage_mediators(actor, mediator.village):
        raise Forbidden(_("Only the village's station, its township and the banner's "
                          "administrators end a mediator's appointment."))
    on = _date(on, "active_to", required=False) or today()
    mediator = Mediator.objects.select_for_update().get(pk=mediator.pk)
    if mediator.active_to is not None:
        raise Conflict(_("This appointment has already ended."))
    if on < mediator.active_from:
        raise InvalidInput(_("The appointment cannot end before it began."), field="active_to")
    mediator.active_to = on
    mediator.ended_by = actor
    mediator.save(update_fields=["active_to", "ended_by"])
    return mediator


# --- cases ------------------------------------------------------------------------------------
def _serving_mediator(mediator, village, on) -> Mediator:
    """``mediator`` as it is now, locked (its appointment may have just ended), if it serves
    ``village`` on ``on``; else the field's error."""
    if mediator is not None:
        mediator = (Mediator.objects.select_for_update().select_related("user")
                    .filter(pk=mediator.pk).first())
    if mediator is None or mediator.village_id != village.pk or not mediator.is_active(on):
        raise InvalidInput(_("Choose one of the village's active mediators."),
                           field="mediator")
    return mediator


@transaction.atomic
def case_open(*, actor, village, kind, parties, summary, mediator, opened_on=None
              ) -> MediationCase:
    if village is None or village.level != Level.VILLAGE:
        raise InvalidInput(_("Choose a village."), field="village")
    if not may_open_cases(actor, village):
        raise Forbidden(_("Only the village's station and its township open mediation cases."))
    kind = _choice(kind, DisputeKind, "kind", _("Choose the kind of dispute."))
    parties = _text(parties, "parties", required=True)
    summary = _text(summary, "summary", required=True)
    opened_on = _date(opened_on, "opened_on", required=False) or today()
    if opened_on > today():
        raise InvalidInput(_("A case cannot be opened in the future."), field="opened_on")
    mediator = _serving_mediator(mediator, village, opened_on)
    case = MediationCase.objects.create(
        village=village, kind=kind, parties=parties, summary=summary, mediator=mediator,
        opened_on=opened_on, created_by=actor)
    CASE_FLOW.record(case, actor=actor, to_status=CaseStatus.OPEN)
    person = mediator.user
    if person.pk != getattr(actor, "pk", None):
        transaction.on_commit(lambda: _notify(
            [person], gettext_noop("You are the mediator of a new case in %(village)s."),
            {"village": village.name}))
    return case


def _locked(case) -> MediationCase:
    return (MediationCase.objects.select_for_update(of=("self",))
            .select_related("village", "mediator").get(pk=case.pk))


@transaction.atomic
def case_add_session(case, *, actor, date=None, note) -> CaseSession:
    if not may_handle(actor, case):
        raise Forbidden(_("Only the case's mediator, its village's station and its township "
                          "record its sessions."))
    date = _date(date, "date", required=False) or today()
    note = _text(note, "note", required=True)
    case = _locked(case)
    if not may_handle(actor, case):  # as it is now: handed over meanwhile?
        raise Forbidden(_("Only the case's mediator, its village's station and its township "
                          "record its sessions."))
    if case.status != CaseStatus.OPEN:
        raise CASE_FLOW.refuse(case.status, _("The case is closed; no more sessions."))
    if date > today():
        raise InvalidInput(_("A session cannot be recorded in the future."), field="date")
    if date < case.opened_on:
        raise InvalidInput(_("A session cannot be before the case was opened."), field="date")
    return CaseSession.objects.create(case=case, date=date, note=note, recorded_by=actor)


@transaction.atomic
def case_hand_over(case, *, actor, mediator, note="") -> MediationCase:
    """Give the open ``case`` to ``mediator``, another of its village's serving mediators; the
    former one no longer sees it. Recorded as an event; the new mediator is notified."""
    if not may_hand_over(actor, case):
        raise Forbidden(_("Only the village's station and its township hand a case over."))
    note = _text(note, "note", max_length=NOTE_MAX)
    case = _locked(case)
    if case.status != CaseStatus.OPEN:
        raise CASE_FLOW.refuse(case.status, _("The case is closed; it cannot be handed over."))
    mediator = _serving_mediator(mediator, case.village, today())
    if mediator.pk == case.mediator_id:
        raise InvalidInput(_("The case already has this mediator."), field="mediator")
    former = case.mediator
    case.mediator = mediator
    case.save(update_fields=["mediator", "updated_at"])
    with translation.override(settings.LANGUAGE_CODE):  # the history is kept in Chinese
        moved = _("Handed over from %(former)s to %(mediator)s.") % {
            "former": former.name, "mediator": mediator.name}
    CASE_FLOW.record(case, actor=actor, from_status=CaseStatus.OPEN, to_status=CaseStatus.OPEN,
                     note=f"{moved} {note}".strip())
    person = mediator.user
    if person.pk != getattr(actor, "pk", None):
        village = case.village.name
        transaction.on_commit(lambda: _notify(
            [person], gettext_noop("A mediation case in %(village)s was handed to you."),
            {"village": village}))
    return case


@transaction.atomic
def case_close(case, *, actor, outcome, referred_to="", closed_on=None, note=""
               ) -> MediationCase:
    if not may_handle(actor, case):
        raise Forbidden(_("Only the case's mediator, its village's station and its township "
                          "close it."))
    outcome = _choice(outcome, Outcome, "outcome",
                      _("Choose the outcome: settled, referred or dropped."))
    referred_to = _text(referred_to, "referred_to", max_length=200)
    if outcome == Outcome.REFERRED and not referred_to:
        raise InvalidInput(_("Say to whom the case was referred."), field="referred_to")
    if outcome != Outcome.REFERRED:
        referred_to = ""
    note = _text(note, "note")
    closed_on = _date(closed_on, "closed_on", required=False) or today()
    if closed_on > today():
        raise InvalidInput(_("A case cannot be closed in the future."), field="closed_on")
    CASE_FLOW.check(case, "close")
    if closed_on < case.opened_on:
        raise InvalidInput(_("A case cannot be closed before it was opened."),
                           field="closed_on")
    # Compare-and-set: of two concurrent closes exactly one changes the row; the other gets
    # 409 with the status the case has now.
    CASE_FLOW.move(case, "close", actor=actor, note=note,
                   changes={"outcome": outcome, "referred_to": referred_to,
                            "closed_on": closed_on})
    return case
