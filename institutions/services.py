"""The writes of the villages' institutions: compact versions, councils and their seats,
meetings, the villagers' council's proposals and decisions, the anti-drug council's work.

Each write checks that the actor is staff (station staff of the village, township staff, the
banner's administrators) whose area holds the village, locks what it must, checks, writes.
Bad input answers a clear Chinese message (InvalidInput, 400), never a 500.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import Conflict, Forbidden, InvalidInput
from practice.models import Level, Unit, User
from practice.roles import STAFF_ROLES, has_role
from practice.scoping import unit_in_scope
from practice.text_input import clean_text

from .models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilKind,
    CouncilMeeting,
    CouncilMember,
    Decider,
    Decision,
    Outcome,
    Proposal,
    Seat,
)

MAX_COUNT = 100000


def may_manage(user, village) -> bool:
    """May ``user`` write the institutions of ``village``?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return has_role(user, *STAFF_ROLES) and unit_in_scope(user, village)


def _require(actor, village):
    if not may_manage(actor, village):
        raise Forbidden(_("Only staff of this village's area may record its institutions."))


def _village(village):
    if not isinstance(village, Unit) or village.level != Level.VILLAGE:
        raise InvalidInput(_("Choose a village."), field="village")
    return village


def _day(value, field, *, required=True, past=True):
    if value in (None, ""):
        if required:
            raise InvalidInput(_("Give the date."), field=field)
        return None
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(_("Give a valid date."), field=field) from None
    if not isinstance(value, datetime.date):
        raise InvalidInput(_("Give a valid date."), field=field)
    if past and value > timezone.localdate():
        raise InvalidInput(_("The date cannot be in the future."), field=field)
    return value


def _count(value, field, *, minimum=0):
    if isinstance(value, str):
        value = value.strip()
        if not value:
            value = 0
        elif not value.isdigit():
            raise InvalidInput(_("Give a whole number of at least %(n)d.") % {"n": minimum},
                               field=field)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(_("Give a whole number of at least %(n)d.") % {"n": minimum},
                           field=field)
    value = int(value)
    if value < minimum or value > MAX_COUNT:
        raise InvalidInput(_("Give a whole number of at least %(n)d.") % {"n": minimum},
                           field=field)
    return value


# --- the compact ----------------------------------------------------------------------------
def compact_adopt(*, actor, village, text, adopted_on, minutes, minutes_file=None
                  ) -> CompactVersion:
    """Record a new version of the village's compact, as its villagers' assembly adopted it.
    Versions are numbered 1, 2, … per village; an adopted version is never changed."""
    village = _village(village)
    _require(actor, village)
    text = clean_text(text, "text", required=True, max_length=20000)
    minutes = clean_text(minutes, "minutes", required=True, max_length=20000)
    adopted_on = _day(adopted_on, "adopted_on")
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=village.pk)
        last = CompactVersion.objects.filter(village=village).aggregate(
            n=Max("number"), day=Max("adopted_on"))
        if last["day"] and adopted_on < last["day"]:
            raise InvalidInput(_("A new version cannot be adopted before the version in force "
                                 "(%(day)s).") % {"day": last["day"].isoformat()},
                               field="adopted_on")
        version = CompactVersion(village=village, number=(last["n"] or 0) + 1, text=text,
                                 adopted_on=adopted_on, minutes=minutes, created_by=actor)
        if minutes_file:
            version.minutes_file = minutes_file
        version.save()
    return version


# --- councils and seats -----------------------------------------------------------------------
def council_set_up(*, actor, village, kind, decider=Decider.ANY_MEMBER, founded_on=None,
                   note="") -> Council:
    """Set up the village's council of ``kind`` (or change who decides for it)."""
    village = _village(village)
    _require(actor, village)
    if kind not in CouncilKind.values:
        raise InvalidInput(_("Choose the kind of council."), field="kind")
    if decider not in Decider.values:
        raise InvalidInput(_("Choose who decides for the council."), field="decider")
    founded_on = _day(founded_on, "founded_on", required=False)
    note = clean_text(note, "note", max_length=200)
    with transaction.atomic():
        council, created = Council.objects.select_for_update().get_or_create(
            village=village, kind=kind,
            defaults={"decider": decider, "founded_on": founded_on, "note": note})
        if not created:
            council.decider = decider
            council.founded_on = founded_on or council.founded_on
            council.note = note or council.note
            council.save(update_fields=["decider", "founded_on", "note"])
    return council


def seat_candidates(council):
    """Who may sit on ``council``: active accounts of its village (its villagers, by their
    household, and the staff and volunteers whose unit it is)."""
    from django.db.models import Q

    return (User.objects.filter(is_active=True)
            .filter(Q(household__village_id=council.village_id) | Q(unit_id=council.village_id))
            .order_by("real_name", "pk"))


def member_seat(council, *, actor, user, seat=Seat.MEMBER, term_starts, term_ends=None
                ) -> CouncilMember:
    """Seat ``user`` on ``council`` for a term. One sitting chair at a time; a person sits
    once per council at a time (the terms may not overlap)."""
    _require(actor, council.village)
    if seat not in Seat.values:
        raise InvalidInput(_("Choose chair or member."), field="seat")
    if user is None or not seat_candidates(council).filter(pk=user.pk).exists():
        raise InvalidInput(_("Choose a person of this village."), field="user")
    term_starts = _day(term_starts, "term_starts", past=False)
    term_ends = _day(term_ends, "term_ends", required=False, past=False)
    if term_ends is not None and term_ends < term_starts:
        raise InvalidInput(_("The term cannot end before it starts."), field="term_ends")
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        seats = CouncilMember.objects.filter(council=council)
        overlapping = seats.filter(term_ends__isnull=True) | seats.filter(
            term_ends__gte=term_starts)
        if term_ends is not None:
            overlapping = overlapping.filter(term_starts__lte=term_ends)
        if overlapping.filter(user=user).exists():
            raise InvalidInput(_("This person already sits on this council in that term."),
                               field="user")
        if seat == Seat.CHAIR and overlapping.filter(seat=Seat.CHAIR).exists():
            raise InvalidInput(_("The council already has a chair in that term: end that "
                                 "term first."), field="seat")
        return CouncilMember.objects.create(council=council, user=user, seat=seat,
                                            term_starts=term_starts, term_ends=term_ends)


def member_end_term(member, *, actor, term_ends) -> CouncilMember:
    """End a seat's term on ``term_ends`` (not before it started; only a term still open or
    ending later can be ended earlier)."""
    _require(actor, member.council.village)
    term_ends = _day(term_ends, "term_ends", past=False)
    with transaction.atomic():
        locked = CouncilMember.objects.select_for_update().get(pk=member.pk)
        if term_ends < locked.term_starts:
            raise InvalidInput(_("The term cannot end before it starts."), field="term_ends")
        if locked.term_ends is not None and locked.term_ends <= term_ends:
            raise Conflict(_("This term already ends on %(day)s.")
                           % {"day": locked.term_ends.isoformat()})
        locked.term_ends = term_ends
        locked.save(update_fields=["term_ends"])
    return locked


# --- meetings ---------------------------------------------------------------------------------
def meeting_record(council, *, actor, held_on, attendees, topics, place="", minutes=""
                   ) -> CouncilMeeting:
    _require(actor, council.village)
    return CouncilMeeting.objects.create(
        council=council, held_on=_day(held_on, "held_on"),
        attendees=_count(attendees, "attendees", minimum=1),
        topics=clean_text(topics, "topics", required=True, max_length=4000),
        place=clean_text(place, "place", max_length=120),
        minutes=clean_text(minutes, "minutes", max_length=20000), created_by=actor)


# --- the villagers' council -------------------------------------------------------------------
def _villagers_council(council):
    if council.kind != CouncilKind.VILLAGERS:
        raise InvalidInput(_("Proposals and decisions belong to the villagers' council."),
                           field="council")


def proposal_raise(council, *, actor, text, raised_by, raised_on) -> Proposal:
    _require(actor, council.village)
    _villagers_council(council)
    return Proposal.objects.create(
        council=council, text=clean_text(text, "text", required=True, max_length=4000),
        raised_by=clean_text(raised_by, "raised_by", required=True, max_length=60),
        raised_on=_day(raised_on, "raised_on"), created_by=actor)


def decision_record(proposal, *, actor, decided_on, text, outcome, present, votes_for=0,
                    votes_against=0, votes_abstain=0) -> Decision:
    """The council's decision on ``proposal`` (one per proposal)."""
    council = proposal.council
    _require(actor, council.village)
    _villagers_council(council)
    if outcome not in Outcome.values:
        raise InvalidInput(_("Choose adopted or rejected."), field="outcome")
    decided_on = _day(decided_on, "decided_on")
    if decided_on < proposal.raised_on:
        raise InvalidInput(_("The decision cannot come before the proposal was raised."),
                           field="decided_on")
    present = _count(present, "present", minimum=1)
    votes = {f: _count(v, f) for f, v in (("votes_for", votes_for),
                                          ("votes_against", votes_against),
                                          ("votes_abstain", votes_abstain))}
    if sum(votes.values()) > present:
        raise InvalidInput(_("Votes for, against and abstentions together cannot exceed the "
                             "members present (%(n)d).") % {"n": present}, field="present")
    text = clean_text(text, "text", required=True, max_length=4000)
    try:
        with transaction.atomic():
            Proposal.objects.select_for_update().get(pk=proposal.pk)
            if Decision.objects.filter(proposal=proposal).exists():
                raise Conflict(_("This proposal has already been decided."))
            return Decision.objects.create(proposal=proposal, decided_on=decided_on, text=text,
                                           outcome=outcome, present=present, created_by=actor,
                                           **votes)
    except IntegrityError:
        raise Conflict(_("This proposal has already been decided.")) from None


# --- the anti-drug and anti-gambling council -------------------------------------------------
def _antidrug_council(council):
    if council.kind != CouncilKind.ANTI_DRUG:
        raise InvalidInput(_("This is work of the anti-drug and anti-gambling council."),
                           field="council")


def antidrug_activity_record(council, *, actor, title, starts_at, ends_at, place="",
                             description="") -> AntiDrugActivity:
    """An awareness activity: a practice activity of the village (volunteers' own rules),
    linked to the council."""
    from volunteers.activity_services import activity_create
    from volunteers.models import ActivityCategory

    _require(actor, council.village)
    _antidrug_council(council)
    with transaction.atomic():
        activity = activity_create(actor=actor, unit=council.village, title=title,
                                   starts_at=starts_at, ends_at=ends_at,
                                   category=ActivityCategory.LEGAL, place=place,
                                   description=description)
        return AntiDrugActivity.objects.create(council=council, activity=activity,
                                               created_by=actor)


def antidrug_visit_record(council, *, actor, visited_on, households, topic, note=""
                          ) -> AntiDrugVisit:
    _require(actor, council.village)
    _antidrug_council(council)
    return AntiDrugVisit.objects.create(
        council=council, visited_on=_day(visited_on, "visited_on"),
        households=_count(households, "households", minimum=1),
        topic=clean_text(topic, "topic", required=True, max_length=120),
        note=clean_text(note, "note", max_length=4000), created_by=actor)
