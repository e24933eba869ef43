"""Reads of the ten-star rating, the honours, the satisfaction evaluations and the public board.

The board functions return plain dicts holding names and results only: the board never selects a
phone number, an address or an ID number, so none can leak into its HTML or JSON.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from institutions.models import CouncilKind
from institutions.selectors import villages_where_sitting
from practice.board import sections_for
from practice.language import MONGOLIAN, local_name
from practice.models import Level, Unit

from .models import (
    BallotCast,
    EvaluationStatus,
    Honour,
    HonourKind,
    HonourStatus,
    MoralReview,
    Representative,
    SatisfactionEvaluation,
    Star,
    StarEvaluation,
    StarEvaluationStatus,
)

S = StarEvaluationStatus
# What the board, the API and the evaluation's page say instead of a result.
NO_QUORUM_NOTICE = _("Quorum not reached; no result is published.")


def star_evaluations_for(user, *, year=None, village=None, status=None):
    qs = StarEvaluation.objects.for_user(user).select_related(
        "household", "village", "village__parent"
    ).annotate(
        open_objections=Count("objections", filter=Q(objections__answered_at__isnull=True))
    )
    if year:
        qs = qs.filter(year=year)
    if village:
        qs = qs.filter(village_id=village)
    if status:
        qs = qs.filter(status__in=status if isinstance(status, list | tuple) else [status])
    return qs.order_by("-year", "household__number")


def star_evaluation_detail(evaluation_qs):
    return evaluation_qs.select_related(
        "household", "village", "proposed_by", "approved_by", "finalized_by"
    ).prefetch_related("stars", "objections", "events__actor")


def household_stars(household, year: int) -> dict:
    """The year's stars with the household's earned flags, and its evaluation (or None)."""
    stars = list(Star.objects.filter(year=year))
    evaluation = (
        StarEvaluation.objects.filter(household=household, year=year)
        .prefetch_related("stars", "objections")
        .first()
    )
    earned = {s.pk for s in evaluation.stars.all()} if evaluation else set()
    return {
        "stars": [
            {"code": s.code, "name": s.name, "earned": s.pk in earned} for s in stars
        ],
        "evaluation": evaluation,
    }


def honours_for(user, *, year=None, village=None, kind=None, campaign=None, status=None):
    qs = Honour.objects.for_user(user).select_related("village", "village__parent", "kind",
                                                      "campaign")
    if year:
        qs = qs.filter(year=year)
    if village:
        qs = qs.filter(village_id=village)
    if kind:
        qs = qs.filter(kind=kind)
    if campaign:
        qs = qs.filter(campaign__code=campaign)
    if status:
        qs = qs.filter(status=status)
    return qs


def honour_kinds():
    """Every kind of honour, in the banner's order (the forms' choices)."""
    return HonourKind.objects.order_by("order", "code")


# --- the moral review council's queue -------------------------------------------------------
def moral_review_villages(user) -> list[int]:
    """The villages whose moral review council ``user`` sits on now."""
    return villages_where_sitting(user, CouncilKind.MORAL_REVIEW)


def evaluations_for_review(user):
    """The star proposals waiting for the township in the villages whose moral review council
    ``user`` sits on (villagers do not otherwise see proposals: membership is the key), each
    with ``reviewed``: the council has given its opinion on the current round."""
    villages = moral_review_villages(user)
    if not villages:
        return StarEvaluation.objects.none()
    current = MoralReview.objects.filter(evaluation=OuterRef("pk"),
                                         proposal_round=OuterRef("proposal_round"))
    return (StarEvaluation.objects.filter(village_id__in=villages, status=S.PROPOSED)
            .select_related("household", "village")
            .prefetch_related(Prefetch("stars", queryset=Star.objects.order_by("order")))
            .annotate(reviewed=Exists(current))
            .order_by("reviewed", "village__path", "household__number"))


def honours_for_review(user):
    """Honours proposed in the villages whose moral review council ``user`` sits on."""
    villages = moral_review_villages(user)
    if not villages:
        return Honour.objects.none()
    return (Honour.objects.filter(village_id__in=villages, status=HonourStatus.PROPOSED)
            .select_related("village", "kind", "campaign")
            .annotate(reviewed=Exists(MoralReview.objects.filter(honour=OuterRef("pk"))))
            .order_by("reviewed", "village__path", "kind__order", "person_name"))


def reviewable_evaluation(user, pk):
    """The evaluation ``pk`` if ``user`` may see it (scope) or sits on its village's moral
    review council; else None (404)."""
    found = StarEvaluation.objects.for_user(user).filter(pk=pk).first()
    if found is None:
        found = evaluations_for_review(user).filter(pk=pk).first()
    return found


def reviewable_honour(user, pk):
    found = Honour.objects.for_user(user).filter(pk=pk).first()
    if found is None:
        found = honours_for_review(user).filter(pk=pk).first()
    return found


def reviews_of(obj) -> list[MoralReview]:
    """The council's opinions on a star evaluation (every round) or an honour."""
    field = "evaluation" if isinstance(obj, StarEvaluation) else "honour"
    return list(MoralReview.objects.filter(**{field: obj}).select_related("member")
                .order_by("at", "id"))


def evaluations_for(user, *, year=None, village=None, status=None):
    qs = SatisfactionEvaluation.objects.for_user(user).select_related("village", "village__parent")
    if year:
        qs = qs.filter(year=year)
    if village:
        qs = qs.filter(village_id=village)
    if status:
        qs = qs.filter(status=status)
    return qs


def representatives_with_ballots(evaluation):
    """The list of representatives and, for each, whether they have voted (never how)."""
    voted = set(
        BallotCast.objects.filter(evaluation=evaluation).values_list("representative_id", flat=True)
    )
    reps = list(Representative.objects.filter(evaluation=evaluation).order_by("id"))
    for r in reps:
        r.has_voted = r.pk in voted
    return reps


def evaluation_result(evaluation) -> dict | None:
    """The published result of a closed evaluation; None while it is open. Closed without a
    quorum, it publishes no count and no rate, only the notice that says why."""
    if evaluation.status != EvaluationStatus.CLOSED:
        return None
    published = evaluation.has_result
    return {
        "quorum_met": published,
        "notice": None if published else str(NO_QUORUM_NOTICE),
        "satisfied": evaluation.satisfied,
        "basically_satisfied": evaluation.basically_satisfied,
        "dissatisfied": evaluation.dissatisfied,
        "votes": evaluation.votes_cast,
        "representatives": evaluation.representatives_count,
        "satisfaction_rate": (
            str(evaluation.satisfaction_rate) if evaluation.satisfaction_rate is not None else None
        ),
        "closed_at": evaluation.closed_at.isoformat() if evaluation.closed_at else None,
    }


# --- the public board ---------------------------------------------------------------------
def board_unit(unit_id):
    """A village or township that has a public board, or None."""
    return (
        Unit.objects.filter(pk=unit_id, level__in=[Level.VILLAGE, Level.TOWNSHIP])
        .select_related("parent__parent")
        .first()
    )


def _in_unit(unit, field="village"):
    return Q(**{f"{field}__path__startswith": unit.path})


def board_years(unit) -> list[int]:
    """Years with a published result for ``unit`` (final ratings, honours, closed
    evaluations), newest first. Ratings still in public notice are shown whatever the year."""
    years = set(
        StarEvaluation.objects.filter(_in_unit(unit), status=S.FINAL)
        .values_list("year", flat=True)
        .distinct()
    )
    years |= set(Honour.objects.filter(_in_unit(unit), status=HonourStatus.AWARDED)
                 .values_list("year", flat=True).distinct())
    years |= set(
        SatisfactionEvaluation.objects.filter(_in_unit(unit), status=EvaluationStatus.CLOSED)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


# The default stars (services.DEFAULT_STARS) in traditional-script Mongolian, by their Chinese
# name: a star renamed by the banner shows its own (Chinese) name. A draft for the banner's
# translators, like the catalogues.
STAR_NAMES_MN = {
    "爱国守法": "ᠡᠬᠡ ᠣᠷᠣᠨ\u202fᠢᠶᠠᠨ ᠬᠠᠢᠷᠯᠠᠵᠤ ᠬᠠᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ ᠳᠠᠭᠠᠬᠤ",
    "诚信友善": "ᠦᠨᠡᠨᠴᠢ ᠰᠢᠳᠤᠷᠭᠤ ᠨᠠᠢᠷᠠᠮᠳᠠᠭᠤ",
    "勤劳致富": "ᠬᠥᠳᠡᠯᠮᠦᠷᠢᠯᠡᠵᠦ ᠪᠠᠶᠠᠵᠢᠬᠤ",
    "孝老爱亲": "ᠥᠲᠡᠭᠡᠰ\u202fᠢ ᠬᠦᠨᠳᠦᠯᠡᠵᠦ ᠰᠠᠳᠤ\u202fᠪᠠᠨ ᠬᠠᠢᠷᠯᠠᠬᠤ",
    "移风易俗": "ᠵᠠᠩᠴᠢᠯ\u202fᠢ ᠰᠢᠨᠡᠳᠭᠡᠬᠦ",
    "环境卫生": "ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ\u202fᠤ ᠡᠷᠡᠭᠦᠯ ᠠᠬᠤᠢ",
    "遵纪守法": "ᠳᠦᠷᠢᠮ ᠵᠠᠰᠠᠭ\u202fᠢ ᠰᠠᠬᠢᠬᠤ",
    "团结互助": "ᠡᠪ ᠨᠠᠢᠷᠠᠮᠳᠠᠭᠠᠢ ᠬᠠᠮᠵᠢᠯᠴᠠᠬᠤ",
    "文明礼貌": "ᠰᠣᠶᠣᠯᠲᠠᠢ ᠶᠣᠰᠣᠲᠠᠢ",
    "学习进取": "ᠰᠤᠷᠤᠯᠴᠠᠵᠤ ᠳᠡᠪᠰᠢᠬᠦ",
}


def star_name(star) -> str:
    """A star's name in the page's language: the Mongolian of a default star in the Mongolian
    interface, else its own name."""
    if translation.get_language() == MONGOLIAN:
        return STAR_NAMES_MN.get(star.name, star.name)
    return star.name


def board_for(unit, *, year: int | None = None) -> dict:
    """Everything the public board of a village or township shows, public-safe.

    Honours, the ten-star households (final ones, and those in public notice with the date
    objections close), the satisfaction results, and the sections other apps registered.
    """
    years = board_years(unit)
    if year is None:
        year = years[0] if years else None
    township_view = unit.level == Level.TOWNSHIP

    # With no year published yet, ``year=None`` matches nothing: only ratings in notice show.
    honours, ten_star, in_notice, satisfaction = [], [], [], []
    for h in (
        Honour.objects.filter(_in_unit(unit), year=year, status=HonourStatus.AWARDED)
        .select_related("village", "kind")
        .order_by("village__path", "kind__order", "person_name")
    ):
        honours.append(
            {
                "id": h.pk,
                "kind": h.kind_id,
                "kind_display": local_name(h.kind),
                "name": h.person_name,
                "village": local_name(h.village),
                "citation": h.citation,
            }
        )
    evaluations = (
        StarEvaluation.objects.filter(
            Q(year=year, status=S.FINAL, is_ten_star=True) | Q(status=S.IN_NOTICE),
            _in_unit(unit),
        )
        .select_related("household", "village")
        .prefetch_related(Prefetch("stars", queryset=Star.objects.order_by("order")))
        .order_by("village__path", "household__number")
    )
    for e in evaluations:
        row = {
            "name": e.household.head_name,
            "village": local_name(e.village),
            "stars": [star_name(s) for s in e.stars.all()],
            "star_count": e.star_count,
            "ten_star": e.is_ten_star,
        }
        if e.status == S.FINAL:
            if e.is_ten_star:
                ten_star.append(row)
        else:
            row["notice_ends_at"] = e.notice_ends_at.isoformat()
            row["evaluation_id"] = e.pk
            in_notice.append(row)
    for ev in (
        SatisfactionEvaluation.objects.filter(
            _in_unit(unit), year=year, status=EvaluationStatus.CLOSED
        )
        .select_related("village")
        .order_by("village__path")
    ):
        satisfaction.append(
            {"village": local_name(ev.village), "title": ev.title, **evaluation_result(ev)}
        )

    return {
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "level": unit.level,
            "full_name": unit.full_name,
        },
        "township_view": township_view,
        "year": year,
        "years": years,
        "honours": honours,
        "honour_kinds": [{"kind": k.code, "label": local_name(k)} for k in honour_kinds()],
        "ten_star_households": ten_star,
        "in_notice": in_notice,
        "satisfaction": satisfaction,
        "sections": sections_for(unit),
    }
