"""Writes of the ten-star rating, the honours and the satisfaction evaluation.

Each function is keyword-only after its object, runs in one transaction, locks or
compare-and-sets the row it changes, and records what happened.

Ten-star flow (who may do what)::

    station staff propose ──► proposed ──(township: approve)──► in_notice ──(township: finalize,
        ▲                         │                               │        notice over, every
        └──── returned ◄──────────┘(township: return)             │        objection answered)
                 ▲                                                ▼
                 └────────────(an objection upheld)────────── objections          ──► final

Where the village has a moral review council (道德评议会) set up (institutions: at least one
sitting member), the township approves a proposal only once the council has given its opinion on
that proposal round (:func:`star_evaluation_review`; a return and a new proposal need a new
opinion). Honours there are first proposed; the council gives its opinion; the township awards
(or declines) them. Where the village has no such council, both steps are skipped, as before.

Satisfaction evaluation: staff open it with the representatives (each gets a one-time code,
shown once and stored hashed); each representative votes once (phone code or paper ballot
entered by staff); staff close it: the counts and the rate are written once and frozen. An
evaluation lists at most ``HONOURS_EVALUATION_MAX_REPRESENTATIVES``; its result is published only
if at least ``HONOURS_EVALUATION_QUORUM`` of them voted. Closed below that quorum, it is closed
for good without a result (``no_quorum``): one vote of 5,000 never reads "100 % satisfied".
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import uuid
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.services import campaign_of_line
from institutions.models import CouncilKind
from institutions.selectors import council_set_up, sits_on, villages_set_up, villages_where_sitting
from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound, TooManyRequests
from practice.models import Household, Level, Unit
from practice.roles import STAFF_ROLES, Role, has_role
from practice.scoping import unit_in_scope
from practice.star_blockers import star_blocked
from practice.throttling import DatabaseLimit
from practice.transitions import Machine

from .models import (
    BallotCast,
    BallotChannel,
    EvaluationStatus,
    Honour,
    HonourKind,
    HonourStatus,
    MoralReview,
    Representative,
    ReviewOpinion,
    SatisfactionEvaluation,
    Star,
    StarEvaluation,
    StarEvaluationEvent,
    StarEvaluationStatus,
    StarObjection,
    Vote,
    VoteChoice,
)

# The default list of ten stars (十星), used for a year that has none configured yet.
STAR_CUSTOMS_REFORM = "customs_reform"
DEFAULT_STARS = [
    ("patriotic", "爱国守法"),
    ("honest", "诚信友善"),
    ("hardworking", "勤劳致富"),
    ("filial", "孝老爱亲"),
    (STAR_CUSTOMS_REFORM, "移风易俗"),
    ("sanitation", "环境卫生"),
    ("law_abiding", "遵纪守法"),
    ("solidarity", "团结互助"),
    ("courtesy", "文明礼貌"),
    ("learning", "学习进取"),
]
NOTICE_DAYS = 7
MIN_YEAR = 2000

PROPOSE_ROLES = frozenset({Role.STATION_STAFF})
APPROVE_ROLES = frozenset({Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})
ANSWER_ROLES = STAFF_ROLES
HONOUR_ROLES = STAFF_ROLES
KIND_ROLES = frozenset({Role.BANNER_ADMIN})
EVALUATION_ROLES = STAFF_ROLES
STAR_LIST_ROLES = frozenset({Role.BANNER_ADMIN})

S = StarEvaluationStatus
# The rating's way: proposed by the station (again after a return), approved into public notice
# by the township, returned (by the township, or by an upheld objection), final.
STAR_FLOW = Machine(
    StarEvaluation, S, event=StarEvaluationEvent, event_fk="evaluation",
    moves={
        "propose": ({S.PROPOSED, S.RETURNED}, S.PROPOSED),
        "approve": ({S.PROPOSED}, S.IN_NOTICE),
        "return": ({S.PROPOSED}, S.RETURNED),
        "objection_upheld": ({S.IN_NOTICE}, S.RETURNED),
        "finalize": ({S.IN_NOTICE}, S.FINAL),
    },
)
H = HonourStatus
# An honour proposed where the village has a moral review council: awarded by the township
# after the council's opinion, or not awarded.
HONOUR_FLOW = Machine(
    Honour, H,
    moves={
        "award": ({H.PROPOSED}, H.AWARDED),
        "decline": ({H.PROPOSED}, H.DECLINED),
    },
)


# --- checks shared by every write ---------------------------------------------------------
def _require_role(actor, roles):
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden()
    if not (actor.is_superuser or has_role(actor, *roles)):
        raise Forbidden()


def _require_scope(actor, unit):
    if not unit_in_scope(actor, unit):
        raise NotFound()


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter a valid year."), field="year") from None
    if year < MIN_YEAR or year > timezone.localdate().year + 1:
        raise InvalidInput(_("Enter a valid year."), field="year")
    return year


# --- the stars of a year --------------------------------------------------------------------
def star_list_ensure(year: int) -> list[Star]:
    """The year's stars, creating the default ten when the year has none yet."""
    year = _check_year(year)
    stars = list(Star.objects.filter(year=year))
    if not stars:
        Star.objects.bulk_create(
            [Star(year=year, code=c, name=n, order=i) for i, (c, n) in enumerate(DEFAULT_STARS)],
            ignore_conflicts=True,
        )
        stars = list(Star.objects.filter(year=year))
    return stars


@transaction.atomic
def star_list_set(*, actor, year: int, stars: list[tuple[str, str]]) -> list[Star]:
    """Replace the year's list of stars; refused once the year has evaluations."""
    _require_role(actor, STAR_LIST_ROLES)
    year = _check_year(year)
    if not stars:
        raise InvalidInput(_("Give at least one star."), field="stars")
    codes = [c for c, _n in stars]
    if len(set(codes)) != len(codes) or any(not c or not n for c, n in stars):
        raise InvalidInput(_("Each star needs a unique code and a name."), field="stars")
    if StarEvaluation.objects.filter(year=year).exists():
        raise Conflict(
            _("The stars of a year cannot change once households have been rated."),
            code="year_in_use",
        )
    Star.objects.filter(year=year).delete()
    Star.objects.bulk_create(
        [Star(year=year, code=c, name=n, order=i) for i, (c, n) in enumerate(stars)]
    )
    return list(Star.objects.filter(year=year))


# --- the ten-star evaluation --------------------------------------------------------------
def _record(evaluation, *, action, actor, note=""):
    """An event that does not move the status (an objection filed or answered)."""
    STAR_FLOW.record(evaluation, actor=actor, from_status=evaluation.status,
                     to_status=evaluation.status, note=note, action=action)


def _move(evaluation, action, *, actor, reason="", **fields):
    STAR_FLOW.move(evaluation, action, actor=actor, note=reason, event_fields={"action": action},
                   changes=fields)


def _may(actor, roles) -> bool:
    return bool(actor and actor.is_authenticated and actor.is_active
                and (actor.is_superuser or has_role(actor, *roles)))


def star_evaluation_actions(evaluation: StarEvaluation | None, user) -> set[str]:
    """What ``user`` may do with a household's rating now (``None``: not rated yet). The pages
    show these actions' forms; each action's service still checks on its own."""
    actions = set()
    if _may(user, PROPOSE_ROLES) and (evaluation is None or STAR_FLOW.can(evaluation, "propose")):
        actions.add("propose")
    if evaluation is None:
        return actions
    if _may(user, APPROVE_ROLES):
        actions.update(a for a in ("approve", "return", "finalize") if STAR_FLOW.can(evaluation, a))
        if "approve" in actions and star_review_missing(evaluation):
            actions.discard("approve")
            actions.add("await_review")
    if STAR_FLOW.can(evaluation, "approve") and user_sits_on_moral_review(
            user, evaluation.village_id) and current_review(evaluation) is None:
        actions.add("review")
    if _may(user, ANSWER_ROLES) and STAR_FLOW.can(evaluation, "objection_upheld"):
        actions.update({"answer", "object"})
    return actions


def _check_blockers(household, year, stars):
    for star in stars:
        reason = star_blocked(star.code, household, year)
        if reason:
            raise InvalidInput(
                _("The star “%(star)s” cannot be given: %(reason)s")
                % {"star": star.name, "reason": reason},
                field="stars",
                code="star_blocked",
            )


def star_evaluation_propose(
    household: Household, *, actor, year, star_codes, note: str = ""
) -> StarEvaluation:
    """Station staff propose the stars a household of their village earned in ``year``.

    A new proposal, or a revision of one still proposed or returned to the station.
    """
    _require_role(actor, PROPOSE_ROLES)
    _require_scope(actor, household.village)
    year = _check_year(year)
    if star_codes is None or isinstance(star_codes, str):
        raise InvalidInput(_("Choose the stars as a list."), field="stars")
    star_codes = list(dict.fromkeys(star_codes))
    stars = {s.code: s for s in star_list_ensure(year)}
    unknown = [c for c in star_codes if c not in stars]
    if unknown:
        raise InvalidInput(
            _("Unknown stars for %(year)s: %(codes)s")
            % {"year": year, "codes": ", ".join(unknown)},
            field="stars",
        )
    chosen = [stars[c] for c in star_codes]
    _check_blockers(household, year, chosen)
    fields = {
        "star_count": len(chosen),
        "is_ten_star": len(chosen) == len(stars),
        "note": (note or "")[:200],
        "proposed_by": actor,
        "proposed_at": timezone.now(),
    }
    with transaction.atomic():
        evaluation = (
            StarEvaluation.objects.select_for_update()
            .filter(household=household, year=year)
            .first()
        )
        if evaluation is None:
            try:
                with transaction.atomic():
                    evaluation = StarEvaluation.objects.create(
                        household=household, village_id=household.village_id, year=year, **fields
                    )
            except IntegrityError:
                current = StarEvaluation.objects.filter(household=household, year=year).first()
                raise STAR_FLOW.refuse(
                    current.status if current else S.PROPOSED,
                    _("This household was rated meanwhile; reload it."),
                ) from None
            STAR_FLOW.record(evaluation, actor=actor, to_status=evaluation.status, note=note,
                             action="propose")
        else:
            STAR_FLOW.check(evaluation, "propose",
                            _("The evaluation is %(status)s and can no longer be changed.")
                            % {"status": evaluation.get_status_display()})
            fields["proposal_round"] = evaluation.proposal_round + 1
            _move(evaluation, "propose", actor=actor, reason=note, **fields)
        evaluation.stars.set(chosen)
    return evaluation


def _locked(evaluation) -> StarEvaluation:
    return (
        StarEvaluation.objects.select_for_update()
        .select_related("household", "village")
        .get(pk=evaluation.pk)
    )


def star_evaluation_approve(
    evaluation: StarEvaluation, *, actor, notice_days: int = NOTICE_DAYS
) -> StarEvaluation:
    """The township approves the station's proposal: the public notice period starts."""
    _require_role(actor, APPROVE_ROLES)
    _require_scope(actor, evaluation.village)
    with transaction.atomic():
        evaluation = _locked(evaluation)
        STAR_FLOW.check(evaluation, "approve", _("Only a proposed evaluation can be approved."))
        if star_review_missing(evaluation):
            raise Conflict(_review_missing_message(), code="review_missing")
        # A violation may have been recorded since the proposal.
        _check_blockers(evaluation.household, evaluation.year, list(evaluation.stars.all()))
        now = timezone.now()
        _move(
            evaluation,
            "approve",
            actor=actor,
            approved_by=actor,
            approved_at=now,
            notice_ends_at=now + timedelta(days=notice_days),
        )
    return evaluation


def star_evaluation_return(evaluation: StarEvaluation, *, actor, reason: str) -> StarEvaluation:
    """The township sends a proposal back to the station with a reason."""
    _require_role(actor, APPROVE_ROLES)
    _require_scope(actor, evaluation.village)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for returning it."), field="reason")
    with transaction.atomic():
        evaluation = _locked(evaluation)
        STAR_FLOW.check(evaluation, "return", _("Only a proposed evaluation can be returned."))
        _move(evaluation, "return", actor=actor, reason=reason)
    return evaluation


def star_objection_file(evaluation: StarEvaluation, *, actor, text: str) -> StarObjection:
    """During the notice period a villager of the village (or staff who received it) objects."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden()
    own_village = actor.household.village_id if actor.household_id else actor.unit_id
    if has_role(actor, Role.VILLAGER) and (
        own_village == evaluation.village_id or not has_role(actor, *STAFF_ROLES)
    ):
        if own_village != evaluation.village_id:
            raise NotFound()
    else:
        _require_role(actor, STAFF_ROLES)
        _require_scope(actor, evaluation.village)
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Write the objection."), field="text")
    if len(text) > 1000:
        raise InvalidInput(_("Keep the objection under 1000 characters."), field="text")
    with transaction.atomic():
        evaluation = _locked(evaluation)
        if evaluation.status != S.IN_NOTICE or timezone.now() >= evaluation.notice_ends_at:
            raise Conflict(
                _("Objections can be filed only during the public notice period."),
                code="not_in_notice",
            )
        objection = StarObjection.objects.create(evaluation=evaluation, text=text, filed_by=actor)
        _record(evaluation, action="object", actor=actor, note=text)
    return objection


def objections_from_the_board() -> DatabaseLimit:
    """Objections filed on the public board, counted per client address in the database."""
    return DatabaseLimit("board_objection", limit=settings.HONOURS_OBJECTIONS_PER_ADDRESS,
                         window=settings.HONOURS_OBJECTION_WINDOW)


OBJECTOR_NAME_MAX = StarObjection._meta.get_field("objector_name").max_length
OBJECTION_TEXT_MAX = 1000


def _too_many_objections(retry_after: int) -> TooManyRequests:
    return TooManyRequests(
        _("Too many objections from this address. Try again in %(minutes)s minutes, "
          "or tell the village committee in person.")
        % {"minutes": math.ceil(retry_after / 60)},
        code="too_many_objections", retry_after=retry_after,
    )


def _is_mobile(phone: str) -> bool:
    return len(phone) == 11 and phone.isascii() and phone.isdigit() and phone.startswith("1")


def objector_visible_to(user) -> bool:
    """Whether ``user`` may see who objected on the board (name and phone): the staff who answer
    objections, on pages already scoped to their area; readers see the objection alone."""
    return user.is_superuser or has_role(user, *STAFF_ROLES)


def star_objection_file_public(
    evaluation: StarEvaluation, *, name: str, phone: str, text: str, client: str | None,
    user=None,
) -> StarObjection:
    """Anyone objects on the public board to a rating in its notice period, giving a name and a
    mobile number the station can call back on (kept private: only staff of the village's area
    see them). The station answers it as any objection (:func:`star_objection_answer`).

    Objections are counted per client address (``HONOURS_OBJECTIONS_PER_ADDRESS`` within
    ``HONOURS_OBJECTION_WINDOW``, in the database); past the limit every one answers 429 until
    the oldest leaves the window. Input is checked only under the limit, so a flood of bad
    posts costs no more than good ones. The count is read and written under the rating's row
    lock: objections to different ratings from one address may, racing, pass it by one or two,
    which spares the station's list all the same."""
    limit, ident = objections_from_the_board(), str(client)
    if (wait := limit.retry_after(ident)) is not None:
        raise _too_many_objections(wait)
    name = (name or "").strip()
    phone = "".join((phone or "").split()).replace("-", "")
    text = (text or "").strip()
    if not name:
        raise InvalidInput(_("Give your name."), field="objector_name")
    if len(name) > OBJECTOR_NAME_MAX:
        raise InvalidInput(_("Keep the name under %(n)d characters.") % {"n": OBJECTOR_NAME_MAX},
                           field="objector_name")
    if not phone:
        raise InvalidInput(_("Give a mobile number the station can call you back on."),
                           field="objector_phone")
    if not _is_mobile(phone):
        raise InvalidInput(
            _("Enter a valid mainland mobile number (11 digits starting with 1)."),
            field="objector_phone",
        )
    if not text:
        raise InvalidInput(_("Write the objection."), field="text")
    if len(text) > OBJECTION_TEXT_MAX:
        raise InvalidInput(_("Keep the objection under 1000 characters."), field="text")
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        evaluation = _locked(evaluation)
        if evaluation.status != S.IN_NOTICE or timezone.now() >= evaluation.notice_ends_at:
            raise Conflict(
                _("Objections can be filed only during the public notice period."),
                code="not_in_notice",
            )
        if (wait := limit.retry_after(ident)) is not None:
            raise _too_many_objections(wait)
        objection = StarObjection.objects.create(
            evaluation=evaluation, text=text, filed_by=user, objector_name=name,
            objector_phone=phone,
        )
        # The history is shown to staff; the objector's name and phone stay on the objection.
        _record(evaluation, action="object", actor=user, note=text)
        limit.hit(ident)
    return objection


def star_objection_answer(
    objection: StarObjection, *, actor, answer: str, upheld: bool
) -> StarObjection:
    """Staff answer an objection; an upheld objection returns the evaluation to the station."""
    _require_role(actor, ANSWER_ROLES)
    _require_scope(actor, objection.evaluation.village)
    answer = (answer or "").strip()
    if not answer:
        raise InvalidInput(_("Write the answer."), field="answer")
    if not isinstance(upheld, bool):
        raise InvalidInput(_("Say whether the objection is upheld."), field="upheld")
    with transaction.atomic():
        evaluation = _locked(objection.evaluation)
        if evaluation.status != S.IN_NOTICE:
            raise Conflict(
                _("Objections can be answered only during the public notice period."),
                code="not_in_notice",
            )
        updated = StarObjection.objects.filter(pk=objection.pk, answered_at__isnull=True).update(
            answer=answer, upheld=upheld, answered_by=actor, answered_at=timezone.now()
        )
        if updated != 1:
            raise Conflict(_("This objection has already been answered."), code="answered")
        objection.refresh_from_db()
        if upheld:
            _move(evaluation, "objection_upheld", actor=actor, reason=answer)
        else:
            _record(evaluation, action="objection_answered", actor=actor, note=answer)
    return objection


def star_evaluation_finalize(evaluation: StarEvaluation, *, actor, now=None) -> StarEvaluation:
    """After the notice period, with every objection answered, the rating becomes final.

    A final ten-star rating names the household a ten-star household (an :class:`Honour`).
    """
    _require_role(actor, APPROVE_ROLES)
    _require_scope(actor, evaluation.village)
    now = now or timezone.now()
    with transaction.atomic():
        evaluation = _locked(evaluation)
        STAR_FLOW.check(evaluation, "finalize",
                        _("Only an evaluation in public notice can be made final."))
        if now < evaluation.notice_ends_at:
            raise Conflict(
                _("The public notice period has not ended yet."), code="notice_running"
            )
        if evaluation.objections.filter(answered_at__isnull=True).exists():
            raise Conflict(
                _("Answer every objection before making the rating final."),
                code="objections_open",
            )
        _move(evaluation, "finalize", actor=actor, finalized_by=actor, finalized_at=now)
        if evaluation.is_ten_star:
            _honour_create(
                village=evaluation.village,
                year=evaluation.year,
                kind=HonourKind.TEN_STAR,
                household=evaluation.household,
                person_name=evaluation.household.head_name,
                citation="",
                actor=actor,
            )
    return evaluation



# --- the moral review council (道德评议会) ----------------------------------------------------
def _review_missing_message():
    return _("The moral review council has not yet given its opinion on this proposal.")


def moral_review_required(village_id: int) -> bool:
    """Does the village have a moral review council set up (a sitting member)? Where it has
    not, its step is skipped."""
    return council_set_up(village_id, CouncilKind.MORAL_REVIEW)


def user_sits_on_moral_review(user, village_id: int) -> bool:
    return sits_on(user, village_id, CouncilKind.MORAL_REVIEW)


def current_review(evaluation: StarEvaluation) -> MoralReview | None:
    """The council's opinion on the evaluation's current proposal round, or None."""
    return (MoralReview.objects.filter(evaluation=evaluation,
                                       proposal_round=evaluation.proposal_round)
            .select_related("member").first())


def star_review_missing(evaluation: StarEvaluation) -> bool:
    """The township must wait: the village has a council and it has not reviewed this round."""
    return (moral_review_required(evaluation.village_id)
            and not MoralReview.objects.filter(
                evaluation=evaluation, proposal_round=evaluation.proposal_round).exists())


def _check_opinion(actor, village_id, opinion, text) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden()
    if not user_sits_on_moral_review(actor, village_id):
        raise Forbidden(_("Only a sitting member of this village's moral review council may "
                          "record its opinion."))
    if opinion not in ReviewOpinion.values:
        raise InvalidInput(_("Choose agree, agree with remarks or disagree."), field="opinion")
    text = (text or "").strip()
    if len(text) > 1000:
        raise InvalidInput(_("Keep the remarks under 1000 characters."), field="text")
    if opinion != ReviewOpinion.AGREE and not text:
        raise InvalidInput(_("Write the council's remarks or its reasons for disagreeing."),
                           field="text")
    return text


def _opinion_note(opinion: str, text: str) -> str:
    label = str(ReviewOpinion(opinion).label)
    return f"{label}：{text}" if text else label


def star_evaluation_review(evaluation: StarEvaluation, *, actor, opinion: str,
                           text: str = "") -> MoralReview:
    """A member of the village's moral review council records the council's opinion on the
    station's current proposal (agree, agree with remarks, disagree). Once per round."""
    text = _check_opinion(actor, evaluation.village_id, opinion, text)
    with transaction.atomic():
        evaluation = _locked(evaluation)
        STAR_FLOW.check(evaluation, "approve",
                        _("Only a proposal waiting for the township can be reviewed."))
        try:
            with transaction.atomic():
                review = MoralReview.objects.create(
                    evaluation=evaluation, proposal_round=evaluation.proposal_round,
                    village_id=evaluation.village_id, opinion=opinion, text=text, member=actor)
        except IntegrityError:
            raise Conflict(_("The council's opinion on this proposal is already recorded."),
                           code="already_reviewed") from None
        _record(evaluation, action="review", actor=actor, note=_opinion_note(opinion, text))
    return review

# --- kinds of honour ----------------------------------------------------------------------
KIND_CODE_MAX = HonourKind._meta.get_field("code").max_length
KIND_NAME_MAX = HonourKind._meta.get_field("name").max_length


def _kind_fields(name, name_mn, order) -> dict:
    from django.core.exceptions import ValidationError

    from practice.language import validate_mongolian_script

    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Give the honour's name."), field="name")
    if len(name) > KIND_NAME_MAX:
        raise InvalidInput(_("Keep the name under %(n)d characters.") % {"n": KIND_NAME_MAX},
                           field="name")
    name_mn = (name_mn or "").strip()
    try:
        validate_mongolian_script(name_mn)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field="name_mn") from None
    try:
        order = int(order or 0)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter a whole number."), field="order") from None
    if not 0 <= order <= 32767:
        raise InvalidInput(_("Enter a whole number."), field="order")
    return {"name": name, "name_mn": name_mn, "order": order}


def honour_kind_create(*, actor, code: str, name: str, name_mn: str = "",
                       order: int = 0) -> HonourKind:
    """The banner adds a kind of honour (好媳妇, 好婆婆 …)."""
    _require_role(actor, KIND_ROLES)
    code = (code or "").strip()
    if not re.fullmatch(rf"[A-Za-z0-9_-]{{1,{KIND_CODE_MAX}}}", code):
        raise InvalidInput(_("The code is 1 to %(n)d letters, digits, - or _.")
                           % {"n": KIND_CODE_MAX}, field="code")
    fields = _kind_fields(name, name_mn, order)
    try:
        with transaction.atomic():
            return HonourKind.objects.create(code=code, **fields)
    except IntegrityError:
        raise Conflict(_("A kind of honour with this code exists already."),
                       code="duplicate") from None


@transaction.atomic
def honour_kind_update(kind: HonourKind, *, actor, name: str, name_mn: str = "",
                       order: int = 0) -> HonourKind:
    """The banner renames or reorders a kind; its code never changes (honours keep it)."""
    _require_role(actor, KIND_ROLES)
    fields = _kind_fields(name, name_mn, order)
    HonourKind.objects.filter(pk=kind.pk).update(**fields)
    kind.refresh_from_db()
    return kind


def fixed_kind_message(kind) -> str:
    return _("“%(name)s” is a kind of honour the platform's rules rely on; it cannot be "
             "deleted.") % {"name": kind.name}


@transaction.atomic
def honour_kind_delete(kind: HonourKind, *, actor) -> None:
    """Delete a kind nobody holds; the kinds the rules rely on are never deleted."""
    _require_role(actor, KIND_ROLES)
    kind = HonourKind.objects.select_for_update().get(pk=kind.pk)
    if kind.is_fixed:
        raise Conflict(fixed_kind_message(kind), code="fixed_kind")
    if Honour.objects.filter(kind=kind).exists():
        raise Conflict(_("“%(name)s” has been awarded; a kind with honours cannot be deleted.")
                       % {"name": kind.name}, code="kind_in_use")
    kind.delete()


def _kind(kind) -> HonourKind:
    if isinstance(kind, HonourKind):
        return kind
    found = HonourKind.objects.filter(code=kind).first() if isinstance(kind, str) and kind else None
    if found is None:
        raise InvalidInput(_("Choose a valid honour."), field="kind")
    return found


# --- honours ------------------------------------------------------------------------------
def _certificate_no(year, village) -> str:
    return f"{year}-{village.code}-{uuid.uuid4().hex[:8].upper()}"


def _honour_create(*, village, year, kind, household, person_name, citation, actor,
                   campaign=None, proposed=False) -> Honour:
    now = timezone.now()
    who = {"status": H.PROPOSED, "proposed_by": actor, "proposed_at": now,
           "awarded_at": None} if proposed else {
        "status": H.AWARDED, "awarded_by": actor, "awarded_at": now}
    try:
        with transaction.atomic():
            return Honour.objects.create(
                village=village,
                year=year,
                kind=_kind(kind),
                campaign=campaign,
                household=household,
                person_name=person_name,
                citation=citation,
                certificate_no=_certificate_no(year, village),
                **who,
            )
    except IntegrityError:
        raise Conflict(
            _("%(name)s already holds this honour for %(year)s.")
            % {"name": person_name, "year": year},
            code="duplicate",
        ) from None


@transaction.atomic
def honour_award(
    *, actor, village: Unit, year, kind, household: Household | None = None,
    person_name: str = "", citation: str = "", campaign=None,
) -> Honour:
    """Name a household or a person for one of the village's yearly honours (``kind``: a
    :class:`HonourKind` or its code; ``campaign``: a campaign or its code).

    Where the village has a moral review council the honour is only proposed: the council
    gives its opinion, then the township awards it (:func:`honour_confirm`)."""
    _require_role(actor, HONOUR_ROLES)
    if village is None or village.level != Level.VILLAGE:
        raise InvalidInput(_("Choose a village."), field="village")
    _require_scope(actor, village)
    year = _check_year(year)
    kind = _kind(kind)
    campaign = campaign_of_line(campaign, village)
    if household is not None and household.village_id != village.pk:
        raise InvalidInput(_("The household is not in this village."), field="household")
    if kind.code == HonourKind.TEN_STAR and (
        household is None
        or not StarEvaluation.objects.filter(
            household=household, year=year, status=S.FINAL, is_ten_star=True
        ).exists()
    ):
        raise InvalidInput(
            _("Only a household with a final ten-star rating is a ten-star household."),
            field="kind",
        )
    person_name = (person_name or "").strip() or (household.head_name if household else "")
    if not person_name:
        raise InvalidInput(_("Give the name of the person honoured."), field="person_name")
    return _honour_create(
        village=village, year=year, kind=kind, household=household, person_name=person_name,
        citation=(citation or "").strip()[:200], actor=actor, campaign=campaign,
        proposed=moral_review_required(village.pk),
    )


def _locked_honour(honour) -> Honour:
    return Honour.objects.select_for_update().select_related("village", "kind").get(pk=honour.pk)


def honour_review(honour: Honour, *, actor, opinion: str, text: str = "") -> MoralReview:
    """A member of the village's moral review council records its opinion on a proposed
    honour."""
    text = _check_opinion(actor, honour.village_id, opinion, text)
    with transaction.atomic():
        honour = _locked_honour(honour)
        HONOUR_FLOW.check(honour, "award", _("Only a proposed honour can be reviewed."))
        try:
            with transaction.atomic():
                return MoralReview.objects.create(
                    honour=honour, village_id=honour.village_id, opinion=opinion, text=text,
                    member=actor)
        except IntegrityError:
            raise Conflict(_("The council's opinion on this proposal is already recorded."),
                           code="already_reviewed") from None


def honour_review_missing(honour: Honour) -> bool:
    return (moral_review_required(honour.village_id)
            and not MoralReview.objects.filter(honour=honour).exists())


def honour_confirm(honour: Honour, *, actor) -> Honour:
    """The township awards a proposed honour, once the moral review council has given its
    opinion (where the village has one)."""
    _require_role(actor, APPROVE_ROLES)
    _require_scope(actor, honour.village)
    with transaction.atomic():
        honour = _locked_honour(honour)
        HONOUR_FLOW.check(honour, "award", _("Only a proposed honour can be awarded."))
        if honour_review_missing(honour):
            raise Conflict(_review_missing_message(), code="review_missing")
        HONOUR_FLOW.move(honour, "award", actor=actor, awarded_by=actor,
                         awarded_at=timezone.now())
    return honour


def honour_decline(honour: Honour, *, actor, reason: str) -> Honour:
    """The township does not award a proposed honour, with its reason."""
    _require_role(actor, APPROVE_ROLES)
    _require_scope(actor, honour.village)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give the reason for not awarding it."), field="reason")
    with transaction.atomic():
        honour = _locked_honour(honour)
        HONOUR_FLOW.check(honour, "decline", _("Only a proposed honour can be declined."))
        HONOUR_FLOW.move(honour, "decline", actor=actor, decline_reason=reason[:300])
    return honour


def honour_actions(honour: Honour, user, *, set_up=None, seated=None) -> set[str]:
    """What ``user`` may do with an honour now (the staff page's buttons).

    ``set_up`` and ``seated``: the ids of the villages whose moral review council is set up and
    of those whose council ``user`` sits on, when the caller has read them once for a page of
    honours (:func:`honour_actions_context`); asked here otherwise. The honour's ``reviews``
    are read through the relation, so a page prefetches them."""
    actions = set()
    if honour.status != H.PROPOSED:
        return actions
    reviewed = bool(honour.reviews.all())
    required = (honour.village_id in set_up if set_up is not None
                else moral_review_required(honour.village_id))
    if _may(user, APPROVE_ROLES):
        actions.add("decline")
        actions.add("await_review" if required and not reviewed else "award")
    sits = (honour.village_id in seated if seated is not None
            else user_sits_on_moral_review(user, honour.village_id))
    if sits and not reviewed:
        actions.add("review")
    return actions


def honour_actions_context(honours, user) -> dict:
    """What :func:`honour_actions` needs for a page of honours, in two queries."""
    villages = {h.village_id for h in honours if h.status == H.PROPOSED}
    if not villages:
        return {"set_up": set(), "seated": set()}
    return {"set_up": villages_set_up(villages, CouncilKind.MORAL_REVIEW),
            "seated": set(villages_where_sitting(user, CouncilKind.MORAL_REVIEW))}


# --- the satisfaction evaluation ----------------------------------------------------------
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed on phones
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").upper()


def hash_code(evaluation_id: int, code: str) -> str:
    """Keyed hash of a one-time code: the table never holds a code that could be typed in."""
    message = f"{evaluation_id}:{normalise_code(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def max_representatives() -> int:
    return settings.HONOURS_EVALUATION_MAX_REPRESENTATIVES


def quorum_needed(representatives: int) -> int:
    """Votes an evaluation with this many representatives needs before it has a result."""
    return math.ceil(settings.HONOURS_EVALUATION_QUORUM * representatives)


def _too_many_message():
    return _("An evaluation has at most %(max)s representatives.") % {
        "max": max_representatives()
    }


def _add_representatives(evaluation, people) -> list[tuple[Representative, str]]:
    out = []
    for person in people:
        name = (person.get("name") or "").strip()
        phone = (person.get("phone") or "").strip()
        if not name:
            raise InvalidInput(_("Every representative needs a name."), field="representatives")
        if phone and not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
            raise InvalidInput(
                _("Enter a valid mainland mobile number (11 digits starting with 1)."),
                field="representatives",
            )
        code = new_code()
        rep = Representative.objects.create(
            evaluation=evaluation, name=name[:50], phone=phone,
            code_hash=hash_code(evaluation.pk, code),
        )
        out.append((rep, code))
    return out


@transaction.atomic
def evaluation_open(
    *, actor, village: Unit, year, representatives: list[dict], title: str = ""
) -> tuple[SatisfactionEvaluation, list[tuple[Representative, str]]]:
    """Open a village's yearly evaluation; returns it with each representative's one-time code.

    The codes are shown this once (to print or send); only their hashes are stored.
    """
    _require_role(actor, EVALUATION_ROLES)
    if village is None or village.level != Level.VILLAGE:
        raise InvalidInput(_("Choose a village."), field="village")
    _require_scope(actor, village)
    year = _check_year(year)
    if not representatives:
        raise InvalidInput(_("List at least one representative."), field="representatives")
    if len(representatives) > max_representatives():
        raise InvalidInput(_too_many_message(), field="representatives")
    title = (title or "").strip() or _("%(village)s %(year)s satisfaction evaluation") % {
        "village": village.name, "year": year
    }
    try:
        with transaction.atomic():
            evaluation = SatisfactionEvaluation.objects.create(
                village=village, year=year, title=title[:100], opened_by=actor
            )
    except IntegrityError:
        raise Conflict(
            _("%(village)s already has a satisfaction evaluation for %(year)s.")
            % {"village": village.name, "year": year},
            code="duplicate",
        ) from None
    codes = _add_representatives(evaluation, representatives)
    return evaluation, codes


def _locked_open(evaluation) -> SatisfactionEvaluation:
    evaluation = SatisfactionEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status != EvaluationStatus.OPEN:
        raise Conflict(
            _("The evaluation is closed; its result cannot change."), code="closed"
        )
    return evaluation


@transaction.atomic
def representative_add(evaluation, *, actor, name: str, phone: str = ""):
    _require_role(actor, EVALUATION_ROLES)
    _require_scope(actor, evaluation.village)
    evaluation = _locked_open(evaluation)  # the lock keeps two additions from passing the cap
    if evaluation.representatives.count() >= max_representatives():
        raise Conflict(_too_many_message(), code="too_many_representatives")
    return _add_representatives(evaluation, [{"name": name, "phone": phone}])[0]


@transaction.atomic
def representative_new_code(representative: Representative, *, actor) -> str:
    """A new one-time code for a representative who lost theirs (the old one stops working)."""
    _require_role(actor, EVALUATION_ROLES)
    _require_scope(actor, representative.evaluation.village)
    evaluation = _locked_open(representative.evaluation)
    if BallotCast.objects.filter(evaluation=evaluation, representative=representative).exists():
        raise Conflict(_("This representative has already voted."), code="already_voted")
    code = new_code()
    Representative.objects.filter(pk=representative.pk).update(
        code_hash=hash_code(evaluation.pk, code)
    )
    return code


def _cast(evaluation, representative, *, choice, channel, entered_by=None):
    if choice not in VoteChoice.values:
        raise InvalidInput(_("Choose satisfied, basically satisfied or dissatisfied."),
                           field="choice")
    if BallotCast.objects.filter(evaluation=evaluation, representative=representative).exists():
        raise Conflict(_("This representative has already voted."), code="already_voted")
    try:
        with transaction.atomic():
            BallotCast.objects.create(
                evaluation=evaluation, representative=representative, channel=channel,
                entered_by=entered_by,
            )
    except IntegrityError:
        raise Conflict(_("This representative has already voted."), code="already_voted") from None
    # Same transaction: the ballot and the vote exist together or not at all.
    Vote.objects.create(evaluation=evaluation, choice=choice)


def wrong_codes() -> DatabaseLimit:
    """Wrong voting codes counted per evaluation and client address, in the database."""
    return DatabaseLimit("vote_code", limit=settings.HONOURS_VOTE_CODE_FAILURES,
                         window=settings.HONOURS_VOTE_CODE_WINDOW)


def _too_many_wrong_codes(retry_after: int) -> TooManyRequests:
    return TooManyRequests(
        _("Too many wrong voting codes from this address. Try again in %(minutes)s minutes, "
          "or hand your vote on paper to the village committee.")
        % {"minutes": math.ceil(retry_after / 60)},
        code="too_many_wrong_codes", retry_after=retry_after,
    )


def vote_cast_with_code(evaluation: SatisfactionEvaluation, *, code: str, choice: str,
                        client: str | None = None) -> None:
    """A representative votes on their phone with their one-time code.

    ``client`` is the address the code came from (pages and API pass it; in-process callers,
    as the demo seed, share one count of their own). Wrong codes are counted per
    evaluation and address: the ``HONOURS_VOTE_CODE_FAILURES``-th within
    ``HONOURS_VOTE_CODE_WINDOW`` answers 429, and so does every code from that address for this
    evaluation until the oldest of them leaves the window. Right codes are never counted, and
    other addresses go on voting: the guesser blocks only themselves (and whoever shares their
    address). The count is read and written under the evaluation's row lock, so concurrent
    guesses cannot slip past it, and committed even though the request fails."""
    if not normalise_code(code):
        raise InvalidInput(_("Enter your voting code."), field="code")
    limit, ident = wrong_codes(), f"{evaluation.pk}:{client}"
    with transaction.atomic():
        evaluation = _locked_open(evaluation)
        if (wait := limit.retry_after(ident)) is not None:
            raise _too_many_wrong_codes(wait)
        representative = Representative.objects.filter(
            evaluation=evaluation, code_hash=hash_code(evaluation.pk, code)
        ).first()
        if representative is not None:
            _cast(evaluation, representative, choice=choice, channel=BallotChannel.PHONE)
            return
        limit.hit(ident)
        wait = limit.retry_after(ident)
    if wait is not None:
        raise _too_many_wrong_codes(wait)
    raise InvalidInput(_("This voting code is not valid."), field="code")


@transaction.atomic
def vote_cast_on_paper(
    evaluation: SatisfactionEvaluation, *, actor, representative: Representative, choice: str
) -> None:
    """Staff enter a representative's paper ballot."""
    _require_role(actor, EVALUATION_ROLES)
    _require_scope(actor, evaluation.village)
    evaluation = _locked_open(evaluation)
    if representative is None or representative.evaluation_id != evaluation.pk:
        raise InvalidInput(_("Choose a representative of this evaluation."),
                           field="representative")
    _cast(evaluation, representative, choice=choice, channel=BallotChannel.PAPER,
          entered_by=actor)


def satisfaction_rate(satisfied: int, basically: int, total: int) -> Decimal | None:
    """(satisfied + basically satisfied) / votes, in percent with one decimal."""
    if not total:
        return None
    rate = Decimal(100 * (satisfied + basically)) / Decimal(total)
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def evaluation_close_message(evaluation: SatisfactionEvaluation) -> str:
    """What closing did, for the staff member who closed it."""
    if evaluation.has_result:
        return _("The evaluation is closed and its result published.")
    return _(
        "Only %(votes)s of %(representatives)s representatives voted; %(needed)s were needed. "
        "The evaluation is closed without a quorum and no result is published."
    ) % {
        "votes": BallotCast.objects.filter(evaluation=evaluation).count(),
        "representatives": evaluation.representatives_count,
        "needed": quorum_needed(evaluation.representatives_count),
    }


@transaction.atomic
def evaluation_close(evaluation: SatisfactionEvaluation, *, actor) -> SatisfactionEvaluation:
    """Count the votes and freeze the evaluation: with its result if a quorum of the
    representatives voted, without any (``no_quorum``) if not."""
    _require_role(actor, EVALUATION_ROLES)
    _require_scope(actor, evaluation.village)
    evaluation = _locked_open(evaluation)
    counts = dict(
        Vote.objects.filter(evaluation=evaluation)
        .values_list("choice")
        .annotate(n=Count("id"))
        .values_list("choice", "n")
    )
    satisfied = counts.get(VoteChoice.SATISFIED, 0)
    basically = counts.get(VoteChoice.BASICALLY_SATISFIED, 0)
    dissatisfied = counts.get(VoteChoice.DISSATISFIED, 0)
    total = satisfied + basically + dissatisfied
    if total == 0:
        raise Conflict(_("No vote has been cast yet."), code="no_votes")
    if total != BallotCast.objects.filter(evaluation=evaluation).count():
        raise Conflict(_("Ballots and votes do not match."), code="mismatch")  # never expected
    representatives = evaluation.representatives.count()
    fields = {
        "status": EvaluationStatus.CLOSED,
        "closed_by": actor,
        "closed_at": timezone.now(),
        "representatives_count": representatives,
    }
    if total >= quorum_needed(representatives):
        fields |= {
            "satisfied": satisfied,
            "basically_satisfied": basically,
            "dissatisfied": dissatisfied,
            "satisfaction_rate": satisfaction_rate(satisfied, basically, total),
        }
    else:
        fields["no_quorum"] = True
    updated = SatisfactionEvaluation.objects.filter(
        pk=evaluation.pk, status=EvaluationStatus.OPEN
    ).update(**fields)
    if updated != 1:
        raise Conflict(_("The evaluation is closed; its result cannot change."), code="closed")
    for k, v in fields.items():
        setattr(evaluation, k, v)
    return evaluation
