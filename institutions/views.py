"""Pages of the villages' institutions. Thin: reads through the selectors and scoped querysets,
writes through the services.

* Staff (Chinese): the villages of their area (``index``), a village's compact and councils
  (``village``, ``council-setup``), a new compact version (``compact-new``), and on a council's
  page the forms of its work (``council-action``).
* Villagers, volunteers and the public (bilingual): the compact of a village (``compact``,
  public), their own village's councils (``mine``) and a council's page (``council``), which
  its members, often villagers, read on a phone.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practice.exceptions import DomainError
from practice.models import Level, Unit
from practice.numbers import parse_id, parse_int
from practice.pages import roles_required
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role

from . import selectors, services
from .models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilKind,
    CouncilMeeting,
    CouncilMember,
    Decider,
    Outcome,
    Proposal,
    Seat,
)

STAFF = (*STAFF_ROLES,)


def _village_for(user, pk):
    return get_object_or_404(Unit.objects.for_user(user).filter(level=Level.VILLAGE), pk=pk)


def _errors(exc) -> list[str]:
    return [str(exc.message)]


def _dt(day, hour):
    try:
        d = datetime.date.fromisoformat((day or "").strip())
        h, m = (int(x) for x in (hour or "").strip().split(":")[:2])
        return timezone.make_aware(datetime.datetime.combine(d, datetime.time(h, m)))
    except (ValueError, TypeError):
        return None


# --- staff: the villages of the area --------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def index(request):
    user = request.user
    villages = (Unit.objects.for_user(user).filter(level=Level.VILLAGE)
                .select_related("parent").order_by("path"))
    page = Paginator(villages, 30).get_page(parse_int(request.GET.get("page"), default=1))
    ids = [v.pk for v in page]
    kinds, current = {}, {}
    for vid, kind in Council.objects.filter(village_id__in=ids).values_list("village_id",
                                                                            "kind"):
        kinds.setdefault(vid, set()).add(kind)
    for v in (CompactVersion.objects.filter(village_id__in=ids)
              .only("village_id", "number", "adopted_on").order_by("adopted_on", "number")):
        current[v.village_id] = v
    for v in page:
        v.council_count = len(kinds.get(v.pk, ()))
        v.compact = current.get(v.pk)
    return render(request, "institutions/index.html", {"page": page})


@roles_required(*SUBTREE_ROLES)
def village(request, pk):
    user = request.user
    unit = _village_for(user, pk)
    return render(request, "institutions/village.html", _village_context(user, unit))


def _village_context(user, unit, errors=(), values=None):
    councils = {c.kind: c for c in Council.objects.filter(village=unit)}
    sitting = {}
    for m in (CouncilMember.objects.filter(selectors.sitting(), council__village=unit)
              .select_related("user")):
        sitting.setdefault(m.council_id, []).append(m)
    rows = []
    for kind, label in CouncilKind.choices:
        council = councils.get(kind)
        rows.append({"kind": kind, "label": label, "council": council,
                     "members": sitting.get(council.pk, []) if council else []})
    return {"village": unit, "rows": rows, "compact": selectors.current_compact(unit.pk),
            "can_manage": services.may_manage(user, unit), "deciders": Decider.choices,
            "errors": list(errors), "values": values or {},
            "today": timezone.localdate().isoformat()}


@roles_required(*STAFF)
@require_POST
def council_setup(request, pk):
    user = request.user
    unit = _village_for(user, pk)
    values = request.POST
    try:
        council = services.council_set_up(
            actor=user, village=unit, kind=values.get("kind"),
            decider=values.get("decider") or Decider.ANY_MEMBER,
            founded_on=values.get("founded_on") or None, note=values.get("note", ""))
    except DomainError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(str(exc.message)) from None
        return render(request, "institutions/village.html",
                      _village_context(user, unit, _errors(exc), values), status=400)
    messages.success(request, _("The council was set up."))
    return redirect("institutions:council", council.pk)


# --- the compact --------------------------------------------------------------------------
def compact(request, pk):
    """A village's compact in force and its history: public, like the notice board."""
    unit = get_object_or_404(Unit.objects.filter(level=Level.VILLAGE).select_related("parent"),
                             pk=pk)
    versions = list(CompactVersion.objects.filter(village=unit)
                    .order_by("-adopted_on", "-number"))
    user = request.user
    return render(request, "institutions/compact.html", {
        "village": unit, "current": versions[0] if versions else None,
        "history": versions[1:],
        "can_manage": user.is_authenticated and services.may_manage(user, unit),
    })


@roles_required(*STAFF)
def compact_new(request, pk):
    user = request.user
    unit = _village_for(user, pk)
    if not services.may_manage(user, unit):
        raise PermissionDenied
    current = selectors.current_compact(unit.pk)
    errors, values = [], {"text": current.text if current else ""}
    if request.method == "POST":
        values = request.POST
        try:
            services.compact_adopt(actor=user, village=unit, text=values.get("text"),
                                   adopted_on=values.get("adopted_on"),
                                   minutes=values.get("minutes"),
                                   minutes_file=request.FILES.get("minutes_file"))
        except DomainError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The new version of the compact was recorded."))
            return redirect("institutions:compact", unit.pk)
    return render(request, "institutions/compact_form.html", {
        "village": unit, "current": current, "errors": errors, "values": values,
        "today": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)


# --- villagers: their own village -------------------------------------------------------------
@roles_required(Role.VILLAGER, Role.VOLUNTEER)
def mine(request):
    user = request.user
    village_id = user.household.village_id if user.household_id else user.unit_id
    unit = Unit.objects.filter(pk=village_id, level=Level.VILLAGE).first()
    councils = (Council.objects.for_user(user).filter(village=unit)
                if unit else Council.objects.none())
    seats = set(CouncilMember.objects.filter(selectors.sitting(), user=user)
                .values_list("council_id", flat=True))
    councils = list(councils)
    for c in councils:
        c.mine = c.pk in seats
    return render(request, "institutions/mine.html", {
        "village": unit, "councils": councils,
        "compact": selectors.current_compact(unit.pk) if unit else None,
    })


# --- a council's page -------------------------------------------------------------------------
def _council_context(request, council, errors=(), values=None):
    user = request.user
    today = timezone.localdate()
    members = list(CouncilMember.objects.filter(council=council).select_related("user")
                   .order_by("-term_starts", "seat", "pk")[:60])
    for m in members:
        m.sits = m.term_starts <= today and (m.term_ends is None or m.term_ends >= today)
    ctx = {
        "council": council, "village": council.village, "members": members,
        "sitting": [m for m in members if m.sits],
        "past": [m for m in members if not m.sits],
        "meetings": CouncilMeeting.objects.filter(council=council)[:12],
        "can_manage": services.may_manage(user, council.village),
        "errors": list(errors), "values": values or {}, "today": today.isoformat(),
        "seats": Seat.choices, "outcomes": Outcome.choices,
        "is_villagers": council.kind == CouncilKind.VILLAGERS,
        "is_antidrug": council.kind == CouncilKind.ANTI_DRUG,
    }
    if ctx["can_manage"]:
        ctx["candidates"] = services.seat_candidates(council)[:300]
    if ctx["is_villagers"]:
        from supervision.services import may_set_tasks

        ctx["proposals"] = (Proposal.objects.filter(council=council)
                            .select_related("decision")[:30])
        ctx["can_raise_tasks"] = may_set_tasks(user)
    if ctx["is_antidrug"]:
        ctx["activities"] = (AntiDrugActivity.objects.filter(council=council)
                             .select_related("activity").order_by("-activity__starts_at")[:20])
        ctx["visits"] = AntiDrugVisit.objects.filter(council=council)[:20]
        ctx["results"] = selectors.council_results(council.village)
    return ctx


@login_required
def council(request, pk):
    council = get_object_or_404(Council.objects.for_user(request.user)
                                .select_related("village__parent"), pk=pk)
    return render(request, "institutions/council.html", _council_context(request, council))


def _person(council, raw):
    return services.seat_candidates(council).filter(pk=parse_id(raw, default=0)).first()


VERBS = ("seat", "end-term", "meeting", "proposal", "decide", "activity", "visit")


@roles_required(*STAFF)
@require_POST
def council_action(request, pk, verb):
    user = request.user
    council = get_object_or_404(Council.objects.for_user(user).select_related("village"), pk=pk)
    if verb not in VERBS:
        raise Http404
    if not services.may_manage(user, council.village):
        raise PermissionDenied
    v = request.POST
    try:
        if verb == "seat":
            services.member_seat(council, actor=user, user=_person(council, v.get("user")),
                                 seat=v.get("seat") or Seat.MEMBER,
                                 term_starts=v.get("term_starts"),
                                 term_ends=v.get("term_ends") or None)
            done = _("The member was seated.")
        elif verb == "end-term":
            member = get_object_or_404(CouncilMember, council=council,
                                       pk=parse_id(v.get("member"), default=0))
            services.member_end_term(member, actor=user, term_ends=v.get("term_ends"))
            done = _("The term was ended.")
        elif verb == "meeting":
            services.meeting_record(council, actor=user, held_on=v.get("held_on"),
                                    attendees=v.get("attendees"), topics=v.get("topics"),
                                    place=v.get("place", ""), minutes=v.get("minutes", ""))
            done = _("The meeting was recorded.")
        elif verb == "proposal":
            services.proposal_raise(council, actor=user, text=v.get("text"),
                                    raised_by=v.get("raised_by"), raised_on=v.get("raised_on"))
            done = _("The proposal was recorded.")
        elif verb == "decide":
            proposal = get_object_or_404(Proposal, council=council,
                                         pk=parse_id(v.get("proposal"), default=0))
            services.decision_record(
                proposal, actor=user, decided_on=v.get("decided_on"), text=v.get("text"),
                outcome=v.get("outcome"), present=v.get("present"),
                votes_for=v.get("votes_for", 0), votes_against=v.get("votes_against", 0),
                votes_abstain=v.get("votes_abstain", 0))
            done = _("The decision was recorded.")
        elif verb == "activity":
            starts = _dt(v.get("day"), v.get("starts"))
            ends = _dt(v.get("day"), v.get("ends"))
            services.antidrug_activity_record(council, actor=user, title=v.get("title"),
                                              starts_at=starts, ends_at=ends,
                                              place=v.get("place", ""),
                                              description=v.get("description", ""))
            done = _("The awareness activity was recorded.")
        else:
            services.antidrug_visit_record(council, actor=user, visited_on=v.get("visited_on"),
                                           households=v.get("households"),
                                           topic=v.get("topic"), note=v.get("note", ""))
            done = _("The visit was recorded.")
    except DomainError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(str(exc.message)) from None
        ctx = _council_context(request, council, _errors(exc), v)
        ctx["failed"] = verb
        return render(request, "institutions/council.html", ctx,
                      status=409 if exc.status_code == 409 else 400)
    messages.success(request, done)
    return redirect(reverse("institutions:council", args=[council.pk]))

