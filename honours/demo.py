"""Demo data of the ten-star rating, honours and satisfaction evaluations.

Last year: about a third of the households rated (final), the ten-star ones named, each village's
other honours, and a closed satisfaction evaluation in station1's village (沃德嘎查, T05V01).
This year: a few ratings of 沃德嘎查 waiting for the township or in public notice, and an open
evaluation in 柴达木嘎查 (T06V01) whose representatives' codes are DEMO0001 … DEMO0030.
Kinds of honour are data: 好媳妇 and 好婆婆 are added here with their Mongolian names, and last
year's villages named some. Where a village has a moral review council (institutions' demo runs
first; without any, station1's and villager2's villages get one, seated by their villager
accounts), the council's opinion is recorded on this year's proposals before the township
approves them, and a proposed honour waits for it. Some honours belong to a campaign, where
campaigns exist.
Idempotent: every row is looked up by its natural key first.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from campaigns.models import Campaign
from honours import services
from institutions.models import Council, CouncilKind, CouncilMember, Seat
from institutions.selectors import sitting
from practice.models import Household, Unit, User
from practice.roles import Role

from .models import (
    Honour,
    HonourKind,
    MoralReview,
    ReviewOpinion,
    SatisfactionEvaluation,
    StarEvaluation,
    StarEvaluationEvent,
    StarEvaluationStatus,
    VoteChoice,
)

BATCH = 2000
RATED_SHARE = 0.35
TEN_STAR_SHARE = 0.45
REPRESENTATIVES = 30
DEMO_CODE = "DEMO{:04d}"
S = StarEvaluationStatus
GOOD_DAUGHTER_IN_LAW = "good_daughter_in_law"
GOOD_MOTHER_IN_LAW = "good_mother_in_law"
# Kinds the banner added as data (code, name, Mongolian name, order).
NEW_KINDS = [
    (GOOD_DAUGHTER_IN_LAW, "好媳妇", "ᠰᠠᠢᠨ ᠪᠡᠷᠡ", 40),
    (GOOD_MOTHER_IN_LAW, "好婆婆", "ᠰᠠᠢᠨ ᠬᠠᠳᠠᠮ ᠡᠬᠡ", 50),
]
CITATIONS = {
    HonourKind.CUSTOMS_LEADER: "带头婚事新办、丧事简办",
    HonourKind.BEAUTIFUL_FAMILY: "孝老爱亲、邻里和睦",
    GOOD_DAUGHTER_IN_LAW: "孝敬公婆、勤俭持家",
    GOOD_MOTHER_IN_LAW: "善待儿媳、家庭和睦",
}


def _kinds(ctx):
    for code, name, name_mn, order in NEW_KINDS:
        HonourKind.objects.get_or_create(code=code, defaults={"name": name, "name_mn": name_mn,
                                                              "order": order})
    ctx.progress("荣誉种类：新增 好媳妇、好婆婆（数据维护，无需改代码）")


def _campaign_for(village_parent_id):
    """A campaign the village takes part in (its township's or the banner's), or None."""
    return (Campaign.objects.filter(unit_id=village_parent_id).order_by("-starts_on").first()
            or Campaign.objects.filter(unit__parent__isnull=True).order_by("-starts_on").first())


def _councils(ctx, villages):
    """The villages with a moral review council; without any yet, two get one, seated by their
    villager accounts."""
    if not CouncilMember.objects.filter(council__kind=CouncilKind.MORAL_REVIEW).exists():
        today = timezone.localdate()
        for village in villages:
            members = list(User.objects.filter(role=Role.VILLAGER, unit=village, is_active=True)
                           .order_by("pk")[:3])
            if not members:
                continue
            council, _c = Council.objects.get_or_create(
                village=village, kind=CouncilKind.MORAL_REVIEW,
                defaults={"founded_on": today - timedelta(days=400)})
            for n, user in enumerate(members):
                CouncilMember.objects.get_or_create(
                    council=council, user=user,
                    defaults={"seat": Seat.CHAIR if n == 0 else Seat.MEMBER,
                              "term_starts": today - timedelta(days=400)})
        ctx.progress("道德评议会：演示村设立评议会，由本村村民账号担任成员")
    return set(CouncilMember.objects.filter(sitting(), council__kind=CouncilKind.MORAL_REVIEW)
               .values_list("council__village_id", flat=True))


def _member(village_id):
    seat = (CouncilMember.objects.filter(sitting(), council__village_id=village_id,
                                         council__kind=CouncilKind.MORAL_REVIEW)
            .select_related("user").order_by("seat", "pk").first())
    return seat.user if seat else None


def _heads(units) -> dict[int, int]:
    """unit id → id of its head (一把手)."""
    return dict(
        Unit.objects.filter(pk__in=[u.pk for u in units]).values_list("pk", "head_id")
    )


def _rate_households(ctx, year, villages, town_heads, village_heads):
    rng = ctx.rng
    stars = services.star_list_ensure(year)
    already = set(
        StarEvaluation.objects.filter(year=year).values_list("household_id", flat=True)
    )
    rated_villages = set(
        StarEvaluation.objects.filter(year=year).values_list("village_id", flat=True).distinct()
    )
    households = list(
        Household.objects.filter(village__in=villages)
        .exclude(village_id__in=rated_villages)
        .exclude(pk__in=already)
        .values_list("pk", "village_id", "village__parent_id")
        .order_by("pk")
    )
    chosen = [h for h in households if rng.random() < RATED_SHARE]
    proposed = timezone.now() - timedelta(days=300)
    approved = proposed + timedelta(days=3)
    final = approved + timedelta(days=8)
    rows, star_sets = [], []
    for pk, village_id, township_id in chosen:
        if rng.random() < TEN_STAR_SHARE:
            earned = stars
        else:
            earned = rng.sample(stars, rng.randint(5, len(stars) - 1))
        rows.append(
            StarEvaluation(
                household_id=pk,
                village_id=village_id,
                year=year,
                star_count=len(earned),
                is_ten_star=len(earned) == len(stars),
                status=S.FINAL,
                proposed_by_id=village_heads[village_id],
                proposed_at=proposed,
                approved_by_id=town_heads[township_id],
                approved_at=approved,
                notice_ends_at=approved + timedelta(days=services.NOTICE_DAYS),
                finalized_by_id=town_heads[township_id],
                finalized_at=final,
            )
        )
        star_sets.append(earned)
    StarEvaluation.objects.bulk_create(rows, batch_size=BATCH)
    by_household = dict(
        StarEvaluation.objects.filter(year=year, household_id__in=[c[0] for c in chosen])
        .values_list("household_id", "pk")
    )
    through = StarEvaluation.stars.through
    links, events = [], []
    for row, earned in zip(rows, star_sets, strict=True):
        eid = by_household[row.household_id]
        links.extend(through(starevaluation_id=eid, star_id=s.pk) for s in earned)
        events.extend(
            [
                StarEvaluationEvent(evaluation_id=eid, action="propose", to_status=S.PROPOSED,
                                    actor_id=row.proposed_by_id),
                StarEvaluationEvent(evaluation_id=eid, action="approve",
                                    from_status=S.PROPOSED, to_status=S.IN_NOTICE,
                                    actor_id=row.approved_by_id),
                StarEvaluationEvent(evaluation_id=eid, action="finalize",
                                    from_status=S.IN_NOTICE, to_status=S.FINAL,
                                    actor_id=row.finalized_by_id),
            ]
        )
    through.objects.bulk_create(links, batch_size=BATCH * 5)
    StarEvaluationEvent.objects.bulk_create(events, batch_size=BATCH * 5)
    ctx.progress(f"十星级文明户评定（{year}年）：新增 {len(rows)} 户，"
                 f"其中十星 {sum(r.is_ten_star for r in rows)} 户")


def _honours(ctx, year, villages, village_heads):
    rng = ctx.rng
    done = set(Honour.objects.filter(year=year).values_list("village_id", flat=True).distinct())
    ten_stars = (
        StarEvaluation.objects.filter(year=year, status=S.FINAL, is_ten_star=True)
        .exclude(village_id__in=done)
        .values_list("household_id", "household__head_name", "village_id", "village__code")
    )
    rows = []
    for hid, name, village_id, code in ten_stars:
        rows.append(
            Honour(village_id=village_id, year=year, kind_id=HonourKind.TEN_STAR, household_id=hid,
                   person_name=name, certificate_no=f"{year}-{code}-T{hid}",
                   awarded_by_id=village_heads[village_id])
        )
    campaigns = {}
    if Campaign.objects.exists():
        for township_id in {v.parent_id for v in villages}:
            campaigns[township_id] = _campaign_for(township_id)
    per_village = {}
    for hid, name, village_id in (
        Household.objects.filter(village__in=villages)
        .exclude(village_id__in=done)
        .values_list("pk", "head_name", "village_id")
    ):
        per_village.setdefault(village_id, []).append((hid, name))
    for village in villages:
        people = per_village.get(village.pk)
        if not people:
            continue
        kinds = [HonourKind.BEAUTIFUL_FAMILY, HonourKind.BEAUTIFUL_FAMILY,
                 HonourKind.CUSTOMS_LEADER, HonourKind.PARTY_MEMBER]
        if rng.random() < 0.3:  # the kinds the banner added as data
            kinds += [GOOD_DAUGHTER_IN_LAW, GOOD_MOTHER_IN_LAW]
        picks = rng.sample(people, min(len(kinds), len(people)))
        campaign = campaigns.get(village.parent_id)
        for n, ((hid, name), kind) in enumerate(zip(picks, kinds, strict=False)):
            household = hid if kind != HonourKind.PARTY_MEMBER else None
            rows.append(
                Honour(village_id=village.pk, year=year, kind_id=kind, household_id=household,
                       person_name=name, certificate_no=f"{year}-{village.code}-H{n}",
                       citation=CITATIONS.get(kind, ""),
                       # customs-reform leaders are named in the customs-reform campaign
                       campaign=campaign if kind == HonourKind.CUSTOMS_LEADER else None,
                       awarded_by_id=village_heads[village.pk])
            )
    Honour.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    ctx.progress(f"荣誉（{year}年）：新增 {len(rows)} 项")


def _closed_evaluation(ctx, year, village, station):
    if SatisfactionEvaluation.objects.filter(village=village, year=year).exists():
        return
    rng = ctx.rng
    evaluation, codes = services.evaluation_open(
        actor=station, village=village, year=year,
        representatives=[
            {"name": f"村民代表{n:02d}", "phone": f"1390475{n:04d}"} for n in range(1, 36)
        ],
        title=f"{village.name}{year}年度村两委工作满意度测评",
    )
    weights = [(VoteChoice.SATISFIED, 0.78), (VoteChoice.BASICALLY_SATISFIED, 0.17),
               (VoteChoice.DISSATISFIED, 0.05)]
    for n, (rep, code) in enumerate(codes):
        if n >= 33:  # two representatives did not come
            break
        choice = rng.choices([c for c, _w in weights], [w for _c, w in weights])[0]
        if n % 4 == 0:
            services.vote_cast_on_paper(evaluation, actor=station, representative=rep,
                                        choice=choice)
        else:
            services.vote_cast_with_code(evaluation, code=code, choice=choice)
    evaluation = services.evaluation_close(evaluation, actor=station)
    ctx.progress(f"满意度测评：{village.name}{year}年 满意率 {evaluation.satisfaction_rate}%")


def _open_evaluation(ctx, year, village, staff):
    if SatisfactionEvaluation.objects.filter(village=village, year=year).exists():
        return
    evaluation, codes = services.evaluation_open(
        actor=staff, village=village, year=year,
        representatives=[{"name": f"村民代表{n:02d}"} for n in range(1, REPRESENTATIVES + 1)],
        title=f"{village.name}{year}年度村两委工作满意度测评",
    )
    # Known codes for the demo (real codes are random and shown once).
    for n, (rep, _code) in enumerate(codes, start=1):
        rep.code_hash = services.hash_code(evaluation.pk, DEMO_CODE.format(n))
        rep.save(update_fields=["code_hash"])
    ctx.progress(f"满意度测评：{village.name}{year}年 进行中，投票码 DEMO0001–DEMO{len(codes):04d}")


def _this_year(ctx, year, village, station, town, councils):
    """A few ratings of station1's village waiting for the township, and in public notice; where
    the village has a moral review council, its opinion comes before the township's approval."""
    if StarEvaluation.objects.filter(village=village, year=year).exists():
        return
    member = _member(village.pk) if village.pk in councils else None
    households = list(
        Household.objects.filter(village=village)
        .exclude(star_evaluations__year=year)
        .order_by("number")[:8]
    )
    codes = [c for c, _n in services.DEFAULT_STARS]
    for n, household in enumerate(households):
        earned = codes if n % 2 == 0 else codes[: 6 + n % 4]
        evaluation = services.star_evaluation_propose(
            household, actor=station, year=year, star_codes=earned
        )
        if member is not None and n < 6:  # the last two still wait for the council
            services.star_evaluation_review(
                evaluation, actor=member,
                opinion=ReviewOpinion.AGREE if n % 3 else ReviewOpinion.AGREE_WITH_REMARKS,
                text="" if n % 3 else "该户孝老爱亲事迹突出，建议公示时一并宣传")
        if n < 4:
            services.star_evaluation_approve(evaluation, actor=town)
    if households:
        ctx.progress(
            f"十星级文明户评定（{year}年）：{village.name} {len(households)} 户待审或公示中"
        )


def _proposed_honours(ctx, year, village, station, town, councils):
    """In a village with a moral review council: 好媳妇 proposed and reviewed, waiting for the
    township to award it; 好婆婆 proposed and waiting for the council's opinion."""
    if village.pk not in councils or Honour.objects.filter(
            village=village, year=year, kind_id__in=[GOOD_DAUGHTER_IN_LAW,
                                                     GOOD_MOTHER_IN_LAW]).exists():
        return
    households = list(Household.objects.filter(village=village).order_by("-number")[:2])
    if len(households) < 2:
        return
    campaign = _campaign_for(village.parent_id)
    good = services.honour_award(actor=station, village=village, year=year,
                                 kind=GOOD_DAUGHTER_IN_LAW, household=households[0],
                                 citation=CITATIONS[GOOD_DAUGHTER_IN_LAW], campaign=campaign)
    # Reviewed, waiting for the township to award it (awarded, it would make this year the
    # board's year before the year's results are out).
    services.honour_review(good, actor=_member(village.pk), opinion=ReviewOpinion.AGREE)
    services.honour_award(actor=station, village=village, year=year, kind=GOOD_MOTHER_IN_LAW,
                          household=households[1], citation=CITATIONS[GOOD_MOTHER_IN_LAW])
    ctx.progress(f"道德评议会：{village.name} 好媳妇已评议待乡镇授予，好婆婆待评议")


def _review_waiting(ctx, year, councils):
    """Every other village with a council: its opinion on the year's proposals, all but the
    last one of each village, which waits."""
    waiting = {}
    for evaluation in (StarEvaluation.objects.filter(year=year, status=S.PROPOSED,
                                                     village_id__in=councils, reviews=None)
                       .order_by("village_id", "pk")[:200]):
        waiting.setdefault(evaluation.village_id, []).append(evaluation)
    done = 0
    for village_id, evaluations in waiting.items():
        member = _member(village_id)
        for evaluation in evaluations[:-1]:
            services.star_evaluation_review(evaluation, actor=member,
                                            opinion=ReviewOpinion.AGREE)
            done += 1
    if done:
        ctx.progress(f"道德评议会：其余待评议的提案又记录意见 {done} 条")


def seed(ctx) -> None:
    today = timezone.localdate()
    last_year, this_year = today.year - 1, today.year
    villages = ctx.extra["villages"]
    units = ctx.extra["units"]
    heads = _heads(units.values())
    town_heads = {u.pk: heads[u.pk] for u in units.values() if u.level == "township"}
    village_heads = {v.pk: heads[v.pk] for v in villages}
    _kinds(ctx)
    _rate_households(ctx, last_year, villages, town_heads, village_heads)
    _honours(ctx, last_year, villages, village_heads)
    station1 = ctx.users["station1"]
    station1_village = ctx.extra["station1_village"]
    councils = _councils(ctx, [station1_village, units["T06V01"]])
    _closed_evaluation(ctx, last_year, station1_village, station1)
    _this_year(ctx, this_year, station1_village, station1, ctx.users["town1"], councils)
    _proposed_honours(ctx, this_year, station1_village, station1, ctx.users["town1"], councils)
    _review_waiting(ctx, this_year, councils)
    reviewed = MoralReview.objects.count()
    if reviewed:
        ctx.progress(f"道德评议会：已记录评议意见 {reviewed} 条")
    town2 = User.objects.get(username="town2")
    _open_evaluation(ctx, this_year, units["T06V01"], town2)
