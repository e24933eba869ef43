"""Pages: the public notice board and certificates, the phone voting page, and staff pages for
the ten-star rating, the honours and the satisfaction evaluations. Thin: services do the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practice.clients import client_address
from practice.exceptions import DomainError, Forbidden, NotFound, TooManyRequests
from practice.models import Household, Level, Unit
from practice.numbers import parse_year
from practice.pages import roles_required
from practice.roles import READER_ROLES, STAFF_ROLES, Role, has_role

from . import selectors, services
from .models import (
    EvaluationStatus,
    Honour,
    HonourKind,
    HonourStatus,
    Representative,
    ReviewOpinion,
    SatisfactionEvaluation,
    StarEvaluation,
    StarEvaluationStatus,
    StarObjection,
    VoteChoice,
)

PAGE_ROLES = STAFF_ROLES | READER_ROLES


def _year(request, default=None):
    raw = request.GET.get("year") or request.POST.get("year") or ""
    return parse_year(raw, default=default)


def _run(request, func, *args, ok=None, **kwargs):
    """Call a service; show its domain error as a message. Returns the result or None.
    A limit reached (:class:`TooManyRequests`) is raised for the page to answer 429."""
    try:
        result = func(*args, **kwargs)
    except TooManyRequests:
        raise
    except Forbidden as exc:
        messages.error(request, str(exc.message))
        return None
    except NotFound:
        raise Http404() from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return None
    if ok:
        messages.success(request, ok)
    return result if result is not None else True


# --- public pages -------------------------------------------------------------------------
def board_index(request):
    """The townships with a link to each board; logged-in users go to their own unit's."""
    townships = Unit.objects.filter(level=Level.TOWNSHIP).order_by("code")
    return render(request, "honours/board_index.html", {"townships": townships})


@login_required
def my_board(request):
    unit = request.user.unit
    while unit is not None and unit.level not in (Level.VILLAGE, Level.TOWNSHIP):
        if unit.level == Level.BASE:
            unit = unit.parent
        else:
            return redirect("honours:index")
    if unit is None:
        return redirect("honours:index")
    return redirect("honours:board", pk=unit.pk)


def board(request, pk):
    unit = selectors.board_unit(pk)
    if unit is None:
        raise Http404()
    return _board_page(request, unit)


def _board_page(request, unit, *, objection=None, status=200):
    """The board of ``unit``; ``objection`` (``{evaluation_id, field, message, values}``) shows
    a refused objection again, with its message beside the field and what was typed."""
    data = selectors.board_for(unit, year=_year(request))
    if objection is not None:
        objection["general"] = objection["field"] not in ("objector_name", "objector_phone", "text")
        for row in data["in_notice"]:
            if row["evaluation_id"] == objection["evaluation_id"]:
                row["objection"] = objection
    villages = []
    if unit.level == Level.TOWNSHIP:
        villages = list(Unit.objects.filter(parent=unit, level=Level.VILLAGE).order_by("code"))
    honours_by_kind = []
    for kind in data["honour_kinds"]:
        if kind["kind"] == HonourKind.TEN_STAR:
            continue  # the ten-star households have their own section, from the final ratings
        rows = [h for h in data["honours"] if h["kind"] == kind["kind"]]
        if rows:
            honours_by_kind.append({"kind": kind["kind"], "label": kind["label"], "rows": rows})
    return render(
        request,
        "honours/board.html",
        {"unit": unit, "board": data, "villages": villages, "honours_by_kind": honours_by_kind,
         "name_max": services.OBJECTOR_NAME_MAX,
         "text_max": services.OBJECTION_TEXT_MAX},
        status=status,
    )


def certificate(request, pk, honour_pk):
    honour = get_object_or_404(Honour.objects.select_related("village__parent", "kind"),
                               pk=honour_pk, village_id=pk, status=HonourStatus.AWARDED)
    return render(request, "honours/certificate.html", {"honour": honour})


@require_http_methods(["GET", "POST"])
def vote(request, pk):
    """A representative's phone page: their one-time code and one of three choices."""
    evaluation = get_object_or_404(SatisfactionEvaluation.objects.select_related("village"), pk=pk)
    done, status, retry_after = False, 200, None
    if request.method == "POST" and evaluation.status == EvaluationStatus.OPEN:
        try:
            done = bool(_run(
                request, services.vote_cast_with_code, evaluation,
                code=request.POST.get("code", ""), choice=request.POST.get("choice", ""),
                client=client_address(request),
            ))
        except TooManyRequests as exc:  # the same count of wrong codes as the API's
            messages.error(request, str(exc.message))
            status, retry_after = exc.status_code, exc.retry_after
    response = render(
        request,
        "honours/vote.html",
        {"evaluation": evaluation, "choices": VoteChoice.choices, "done": done},
        status=status,
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


# --- ten-star rating ----------------------------------------------------------------------
@roles_required(*PAGE_ROLES)
def stars(request):
    year = _year(request, timezone.localdate().year)
    status = request.GET.get("status") or None
    evaluations = selectors.star_evaluations_for(
        request.user, year=year, status=status if status in StarEvaluationStatus.values else None
    )[:200]
    households = []
    if has_role(request.user, Role.STATION_STAFF):
        rated = StarEvaluation.objects.filter(year=year).values("household_id")
        households = (
            Household.objects.for_user(request.user)
            .exclude(pk__in=rated)
            .select_related("village")
            .order_by("number")[:200]
        )
    return render(
        request,
        "honours/stars.html",
        {
            "year": year,
            "status": status,
            "statuses": StarEvaluationStatus.choices,
            "evaluations": evaluations,
            "households": households,
        },
    )


@roles_required(*PAGE_ROLES)
@require_http_methods(["GET", "POST"])
def household_stars(request, pk, year):
    household = get_object_or_404(
        Household.objects.for_user(request.user).select_related("village"), pk=pk
    )
    evaluation = StarEvaluation.objects.filter(household=household, year=year).first()
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "propose":
            _run(request, services.star_evaluation_propose, household, actor=user, year=year,
                 star_codes=request.POST.getlist("stars"), note=request.POST.get("note", ""),
                 ok=_("The stars have been proposed."))
        elif evaluation is None:
            messages.error(request, _("This household has not been rated this year."))
        elif action == "approve":
            _run(request, services.star_evaluation_approve, evaluation, actor=user,
                 ok=_("Approved: the public notice period has started."))
        elif action == "return":
            _run(request, services.star_evaluation_return, evaluation, actor=user,
                 reason=request.POST.get("reason", ""), ok=_("Returned to the station."))
        elif action == "finalize":
            _run(request, services.star_evaluation_finalize, evaluation, actor=user,
                 ok=_("The rating is final."))
        elif action == "answer":
            objection = get_object_or_404(
                StarObjection, pk=request.POST.get("objection") or 0, evaluation=evaluation
            )
            _run(request, services.star_objection_answer, objection, actor=user,
                 answer=request.POST.get("answer", ""),
                 upheld=request.POST.get("upheld") == "yes", ok=_("The objection is answered."))
        elif action == "object":
            _run(request, services.star_objection_file, evaluation, actor=user,
                 text=request.POST.get("text", ""), ok=_("The objection has been recorded."))
        elif action == "review":
            _run(request, services.star_evaluation_review, evaluation, actor=user,
                 opinion=request.POST.get("opinion", ""), text=request.POST.get("text", ""),
                 ok=_("The council's opinion has been recorded."))
        return redirect("honours:household-stars", pk=household.pk, year=year)
    services.star_list_ensure(year)
    data = selectors.household_stars(household, year)
    if evaluation is not None:
        evaluation = selectors.star_evaluation_detail(StarEvaluation.objects).get(pk=evaluation.pk)
    return render(
        request,
        "honours/household_stars.html",
        {
            "household": household,
            "year": year,
            "stars": data["stars"],
            "evaluation": evaluation,
            "actions": services.star_evaluation_actions(evaluation, user),
            "reviews": selectors.reviews_of(evaluation) if evaluation is not None else [],
            "review_required": services.moral_review_required(household.village_id),
            "opinions": ReviewOpinion.choices,
            "show_objector": services.objector_visible_to(user),
            "now": timezone.now(),
        },
    )


# --- honours ------------------------------------------------------------------------------
@roles_required(*PAGE_ROLES)
@require_http_methods(["GET", "POST"])
def honours(request):
    year = _year(request, timezone.localdate().year)
    villages = Unit.objects.for_user(request.user).filter(level=Level.VILLAGE).order_by("code")
    if request.method == "POST" and request.POST.get("action") in ("award", "decline"):
        honour = get_object_or_404(Honour.objects.for_user(request.user),
                                   pk=request.POST.get("honour") or 0)
        if request.POST["action"] == "award":
            _run(request, services.honour_confirm, honour, actor=request.user,
                 ok=_("The honour has been awarded."))
        else:
            _run(request, services.honour_decline, honour, actor=request.user,
                 reason=request.POST.get("reason", ""), ok=_("The honour is not awarded."))
        return redirect(f"{request.path}?year={honour.year}")
    if request.method == "POST":
        village = villages.filter(pk=request.POST.get("village") or 0).first()
        household = None
        number = (request.POST.get("household_number") or "").strip()
        if number and village is not None:
            household = Household.objects.filter(village=village, number=number).first()
            if household is None:
                messages.error(request, _("No household with this number in the village."))
                return redirect(f"{request.path}?year={year}")
        _run(request, services.honour_award, actor=request.user, village=village, year=year,
             kind=request.POST.get("kind", ""), household=household,
             person_name=request.POST.get("person_name", ""),
             citation=request.POST.get("citation", ""),
             campaign=request.POST.get("campaign", ""), ok=_("The honour has been saved."))
        return redirect(f"{request.path}?year={year}")
    rows = list(selectors.honours_for(request.user, year=year)
                .prefetch_related("reviews__member")
                .order_by("village__code", "kind__order", "person_name")[:300])
    councils = services.honour_actions_context(rows, request.user)
    for h in rows:
        h.actions = (services.honour_actions(h, request.user, **councils)
                     if h.status == "proposed" else ())
    from campaigns.models import Campaign

    return render(
        request,
        "honours/honours.html",
        {"year": year, "honours": rows, "kinds": selectors.honour_kinds(),
         "campaigns": Campaign.objects.for_user(request.user).order_by("-starts_on")[:100],
         "villages": villages[:400] if has_role(request.user, *STAFF_ROLES) else []},
    )


# --- the moral review council's page (a member's phone) -------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def review(request):
    """A member of a village's moral review council: the proposals waiting for its opinion
    (star ratings and honours), and the form to record it."""
    user = request.user
    if request.method == "POST":
        opinion, text = request.POST.get("opinion", ""), request.POST.get("text", "")
        ok = _("The council's opinion has been recorded.")
        if request.POST.get("evaluation"):
            evaluation = selectors.evaluations_for_review(user).filter(
                pk=request.POST.get("evaluation") or 0).first()
            if evaluation is None:
                raise Http404()
            _run(request, services.star_evaluation_review, evaluation, actor=user,
                 opinion=opinion, text=text, ok=ok)
        else:
            honour = selectors.honours_for_review(user).filter(
                pk=request.POST.get("honour") or 0).first()
            if honour is None:
                raise Http404()
            _run(request, services.honour_review, honour, actor=user, opinion=opinion,
                 text=text, ok=ok)
        return redirect("honours:review")
    evaluations = list(selectors.evaluations_for_review(user)[:200])
    for e in evaluations:
        e.star_names = [selectors.star_name(s) for s in e.stars.all()]
    return render(
        request,
        "honours/review.html",
        {"member": bool(selectors.moral_review_villages(user)),
         "evaluations": evaluations,
         "honours": selectors.honours_for_review(user)[:200],
         "opinions": ReviewOpinion.choices},
    )


# --- satisfaction evaluations -------------------------------------------------------------
@roles_required(*PAGE_ROLES)
@require_http_methods(["GET", "POST"])
def evaluations(request):
    user = request.user
    villages = Unit.objects.for_user(user).filter(level=Level.VILLAGE).order_by("code")
    if request.method == "POST":
        village = villages.filter(pk=request.POST.get("village") or 0).first()
        people = []
        for line in (request.POST.get("representatives") or "").splitlines():
            parts = line.replace("，", ",").split(",")
            if parts[0].strip():
                people.append({"name": parts[0].strip(),
                               "phone": parts[1].strip() if len(parts) > 1 else ""})
        result = _run(request, services.evaluation_open, actor=user, village=village,
                      year=_year(request), representatives=people,
                      title=request.POST.get("title", ""))
        if result:
            evaluation, codes = result
            # The codes are shown this once, to print or to send; only hashes are kept.
            return render(request, "honours/codes.html",
                          {"evaluation": evaluation, "codes": codes})
        return redirect("honours:evaluations")
    rows = selectors.evaluations_for(user).order_by("-year", "village__code")[:200]
    return render(
        request,
        "honours/evaluations.html",
        {"evaluations": rows, "villages": villages[:400] if has_role(user, *STAFF_ROLES) else [],
         "year": timezone.localdate().year},
    )


@roles_required(*PAGE_ROLES)
@require_http_methods(["GET", "POST"])
def evaluation(request, pk):
    ev = get_object_or_404(
        SatisfactionEvaluation.objects.for_user(request.user).select_related("village"), pk=pk
    )
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "paper":
            rep = Representative.objects.filter(
                pk=request.POST.get("representative") or 0, evaluation=ev
            ).first()
            _run(request, services.vote_cast_on_paper, ev, actor=user, representative=rep,
                 choice=request.POST.get("choice", ""), ok=_("The paper ballot is recorded."))
        elif action == "close":
            closed = _run(request, services.evaluation_close, ev, actor=user)
            if closed:
                say = messages.success if closed.has_result else messages.warning
                say(request, services.evaluation_close_message(closed))
        elif action == "add":
            result = _run(request, services.representative_add, ev, actor=user,
                          name=request.POST.get("name", ""), phone=request.POST.get("phone", ""))
            if result:
                return render(request, "honours/codes.html",
                              {"evaluation": ev, "codes": [result]})
        elif action == "new_code":
            rep = get_object_or_404(Representative, pk=request.POST.get("representative") or 0,
                                    evaluation=ev)
            code = _run(request, services.representative_new_code, rep, actor=user)
            if code and code is not True:
                return render(request, "honours/codes.html",
                              {"evaluation": ev, "codes": [(rep, code)]})
        return redirect("honours:evaluation", pk=ev.pk)
    reps = selectors.representatives_with_ballots(ev)
    return render(
        request,
        "honours/evaluation.html",
        {
            "evaluation": ev,
            "representatives": reps,
            "voted": sum(1 for r in reps if r.has_voted),
            "result": selectors.evaluation_result(ev),
            "quorum_needed": services.quorum_needed(len(reps)),
            "choices": VoteChoice.choices,
            "can_act": ev.status == EvaluationStatus.OPEN
            and (user.is_superuser or has_role(user, *STAFF_ROLES)),
        },
    )


@require_http_methods(["POST"])
def board_objection(request, pk):
    """Anyone objects on the public board to a rating in its notice period (name and phone kept
    for the station only). Refused input shows the board again with the message beside the
    field (400, 409); past the per-address limit, 429."""
    evaluation = get_object_or_404(StarEvaluation.objects.select_related("village"), pk=pk)
    # The form's names are the model's: the board's HTML holds no bare "name"/"phone" key.
    values = {k: request.POST.get(k, "") for k in ("objector_name", "objector_phone", "text")}
    try:
        services.star_objection_file_public(
            evaluation, name=values["objector_name"], phone=values["objector_phone"],
            text=values["text"], client=client_address(request), user=request.user,
        )
    except DomainError as exc:
        response = _board_page(
            request, evaluation.village,
            objection={"evaluation_id": evaluation.pk, "field": exc.field,
                       "message": str(exc.message), "values": values},
            status=exc.status_code,
        )
        if isinstance(exc, TooManyRequests):
            response["Retry-After"] = str(exc.retry_after)
        return response
    messages.success(request, _("Your objection has been received. The station will look into "
                                "it and may call you back."))
    return redirect(f"{reverse('honours:board', args=[evaluation.village_id])}#in-notice")
