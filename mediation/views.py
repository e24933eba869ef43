"""Pages of mediation.

Staff (Chinese only): the cases of their area (list, detail, a form to open one, forms to
record a session and to close), the mediators (list, appoint, end) and the counts. The
mediator's own cases on a phone (bilingual, urls.py): the list, a case with its sessions, and
the forms to record a session and to close it. Thin: reads through the selectors, writes
through the services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from practice.exceptions import DomainError, Forbidden, InvalidInput
from practice.models import Level, Unit
from practice.numbers import parse_id, parse_int, parse_year
from practice.pages import roles_required
from practice.roles import Role

from . import selectors, services
from .models import Background, CaseSession, CaseStatus, DisputeKind, Mediator, Outcome

CASE_ROLES = (Role.STATION_STAFF, Role.TOWNSHIP_STAFF)
MEDIATOR_ROLES = (Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN)
MEDIATOR_READERS = (*MEDIATOR_ROLES, Role.LEADER)
ALL_ROLES = tuple(Role.values)


def _errors(exc) -> list[str]:
    return [str(exc.message)]


def _village_filter(request, villages):
    raw = request.GET.get("village")
    if raw in (None, ""):
        return None
    pk = parse_id(raw, default=0)
    village = next((v for v in villages if v.pk == pk), None)
    if village is None:
        raise Http404
    return village


def _villages_for_cases(user):
    """The villages whose cases ``user`` handles: their station's, or their township's."""
    qs = Unit.objects.filter(level=Level.VILLAGE).order_by("path")
    if user.is_superuser:
        return list(qs)
    if user.role == Role.STATION_STAFF:
        return list(qs.filter(pk=user.unit_id))
    if user.role == Role.TOWNSHIP_STAFF:
        return list(qs.filter(parent_id=user.unit_id))
    return []


def _villages_for_mediators(user):
    if user.role == Role.BANNER_ADMIN and not user.is_superuser:
        return list(Unit.objects.for_user(user).filter(level=Level.VILLAGE).order_by("path"))
    return _villages_for_cases(user)


def _case_or_404(user, pk):
    case = selectors.case_detail(user, pk)
    if case is None:
        raise Http404
    return case


def _sessions(case):
    return CaseSession.objects.filter(case=case).select_related("recorded_by")


# --- staff: cases --------------------------------------------------------------------------
@roles_required(*CASE_ROLES)
def case_list(request):
    user = request.user
    villages = _villages_for_cases(user)
    village = _village_filter(request, villages)
    status = request.GET.get("status")
    status = status if status in CaseStatus.values else None
    kind = request.GET.get("kind")
    kind = kind if kind in DisputeKind.values else None
    cases = selectors.cases_for(user, status=status, kind=kind, village=village)
    page = Paginator(cases, 30).get_page(parse_int(request.GET.get("page"), default=1))
    query = "".join(f"{k}={v}&" for k, v in (("status", status), ("kind", kind),
                                              ("village", village.pk if village else None))
                    if v)
    return render(request, "mediation/case_list.html", {
        "page": page, "status": status, "kind": kind, "village": village,
        "villages": villages, "statuses": CaseStatus.choices, "kinds": DisputeKind.choices,
        "query": query, "can_open": services.may_open_cases_somewhere(user),
    })


@roles_required(*CASE_ROLES)
def case_detail(request, pk):
    case = _case_or_404(request.user, pk)
    actions = services.case_actions(case, request.user)
    others = ([m for m in selectors.active_mediators(case.village) if m.pk != case.mediator_id]
              if "hand_over" in actions else [])
    return render(request, "mediation/case_detail.html", {
        "case": case, "sessions": _sessions(case),
        "events": case.events.select_related("actor"),
        "actions": actions, "other_mediators": others,
        "outcomes": Outcome.choices, "today": timezone.localdate().isoformat(),
    })


@roles_required(*CASE_ROLES)
def case_new(request):
    user = request.user
    villages = _villages_for_cases(user)
    mediators = list(Mediator.objects.filter(selectors.active_q(), village__in=villages)
                     .select_related("user", "village").order_by("village__path", "pk"))
    errors, values = [], {}
    if request.method == "POST":
        values = request.POST
        mediator = next((m for m in mediators
                         if m.pk == parse_id(values.get("mediator"), default=0)), None)
        try:
            case = services.case_open(
                actor=user, village=mediator.village if mediator else None,
                kind=values.get("kind"), parties=values.get("parties"),
                summary=values.get("summary"), mediator=mediator,
                opened_on=values.get("opened_on") or None)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            if mediator is None:
                errors = [_("Choose one of the village's active mediators.")]
            else:
                errors = _errors(exc)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("mediation:case", case.pk)
    return render(request, "mediation/case_form.html", {
        "mediators": mediators, "kinds": DisputeKind.choices, "errors": errors,
        "values": values, "today": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)


def _session(request, case):
    services.case_add_session(case, actor=request.user, date=request.POST.get("date") or None,
                              note=request.POST.get("note"))
    return _("The session was recorded.")


def _close(request, case):
    post = request.POST
    if post.get("confirm") != "1":
        raise InvalidInput(_("Tick the box to confirm."), field="confirm")
    services.case_close(case, actor=request.user, outcome=post.get("outcome"),
                        referred_to=post.get("referred_to", ""),
                        closed_on=post.get("closed_on") or None, note=post.get("note", ""))
    return _("The case was closed.")


def _hand_over(request, case):
    post = request.POST
    mediator = (Mediator.objects.filter(pk=parse_id(post.get("mediator"), default=0))
                .first())
    services.case_hand_over(case, actor=request.user, mediator=mediator,
                            note=post.get("note", ""))
    return _("The case was handed over.")


def _act(request, case, do, back):
    try:
        done = do(request, case)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, done)
    return redirect(back, case.pk)


@require_POST
@roles_required(*CASE_ROLES)
def case_session(request, pk):
    return _act(request, _case_or_404(request.user, pk), _session, "mediation:case")


@require_POST
@roles_required(*CASE_ROLES)
def case_close(request, pk):
    return _act(request, _case_or_404(request.user, pk), _close, "mediation:case")


@require_POST
@roles_required(*CASE_ROLES)
def case_hand_over(request, pk):
    return _act(request, _case_or_404(request.user, pk), _hand_over, "mediation:case")


# --- staff: mediators ----------------------------------------------------------------------
@roles_required(*MEDIATOR_READERS)
def mediator_list(request):
    user = request.user
    villages = list(selectors.count_villages(user)) if user.role != Role.STATION_STAFF \
        else _villages_for_cases(user)
    village = _village_filter(request, villages)
    active = {"1": True, "0": False}.get(request.GET.get("active"))
    mediators = selectors.mediators_for(user, village=village, active=active)
    page = Paginator(mediators, 50).get_page(parse_int(request.GET.get("page"), default=1))
    today = timezone.localdate()
    for m in page:
        m.active_now = m.is_active(today)
        m.may_end = m.active_to is None and services.may_manage_mediators(user, m.village)
    query = "".join(f"{k}={v}&" for k, v in (("village", village.pk if village else None),
                                              ("active", request.GET.get("active")))
                    if v not in (None, ""))
    return render(request, "mediation/mediator_list.html", {
        "page": page, "village": village, "villages": villages, "active": active,
        "query": query, "can_appoint": services.may_manage_mediators_somewhere(user),
        "today": today.isoformat(),
    })


@roles_required(*MEDIATOR_ROLES)
def mediator_new(request):
    user = request.user
    villages = _villages_for_mediators(user)
    village = _village_filter(request, villages)
    if village is None and len(villages) == 1:
        village = villages[0]
    people = list(selectors.candidates(village).select_related("household")[:500]) \
        if village is not None else []
    errors, values = [], {}
    if request.method == "POST" and village is not None:
        values = request.POST
        person = next((p for p in people if p.pk == parse_id(values.get("user"), default=0)),
                      None)
        try:
            if person is None:
                raise InvalidInput(_("Choose the person."), field="user")
            services.mediator_appoint(
                actor=user, village=village, user=person,
                background=values.get("background"),
                active_from=values.get("active_from") or None, note=values.get("note", ""))
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The mediator was appointed."))
            return redirect(f"{reverse('mediation:mediators')}?village={village.pk}")
    elif request.method == "POST":
        errors = [_("Choose a village.")]
    return render(request, "mediation/mediator_form.html", {
        "villages": villages, "village": village, "people": people,
        "backgrounds": Background.choices, "errors": errors, "values": values,
        "today": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)


@require_POST
@roles_required(*MEDIATOR_ROLES)
def mediator_end(request, pk):
    mediator = (Mediator.objects.for_user(request.user).select_related("village", "user")
                .filter(pk=pk).first())
    if mediator is None:
        raise Http404
    try:
        mediator = services.mediator_end(mediator, actor=request.user,
                                         on=request.POST.get("active_to") or None)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The appointment was ended."))
        waiting = selectors.open_cases_of(mediator)
        if waiting and not mediator.is_active():
            messages.warning(request, ngettext(
                "%(n)s open case of this mediator waits to be handed over to another mediator.",
                "%(n)s open cases of this mediator wait to be handed over to another mediator.",
                waiting) % {"n": waiting})
    return redirect(f"{reverse('mediation:mediators')}?village={mediator.village_id}")


# --- counts -----------------------------------------------------------------------------------
@roles_required(*selectors.COUNT_ROLES)
def counts(request):
    user = request.user
    today = timezone.localdate()
    year = parse_year(request.GET.get("year"), default=today.year)
    if not 2000 <= year <= today.year + 1:
        year = today.year
    month = parse_int(request.GET.get("month"), default=None, minimum=1, maximum=12)
    villages = list(selectors.count_villages(user))
    village = _village_filter(request, villages)
    kind = request.GET.get("kind")
    kind = kind if kind in DisputeKind.values else None
    rows = selectors.case_counts(user, year=year, month=month, village=village, kind=kind)
    return render(request, "mediation/counts.html", {
        "rows": rows, "totals": selectors.count_totals(rows), "year": year, "month": month,
        "village": village, "villages": villages, "kind": kind, "kinds": DisputeKind.choices,
        "years": list(range(today.year, today.year - 6, -1)), "months": range(1, 13),
    })


# --- the mediator's own cases (bilingual) -------------------------------------------------------
@roles_required(*ALL_ROLES)
def mine(request):
    cases = selectors.my_cases(request.user)
    page = Paginator(cases, 20).get_page(parse_int(request.GET.get("page"), default=1))
    return render(request, "mediation/mine.html", {
        "page": page, "is_mediator": selectors.is_mediator(request.user), "query": "",
    })


def _my_case_or_404(user, pk):
    case = selectors.my_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


@roles_required(*ALL_ROLES)
def mine_case(request, pk):
    case = _my_case_or_404(request.user, pk)
    return render(request, "mediation/mine_case.html", {
        "case": case, "sessions": _sessions(case),
        "actions": services.case_actions(case, request.user),
        "outcomes": Outcome.choices, "today": timezone.localdate().isoformat(),
    })


@require_POST
@roles_required(*ALL_ROLES)
def mine_case_session(request, pk):
    return _act(request, _my_case_or_404(request.user, pk), _session, "mediation:mine-case")


@require_POST
@roles_required(*ALL_ROLES)
def mine_case_close(request, pk):
    return _act(request, _my_case_or_404(request.user, pk), _close, "mediation:mine-case")


