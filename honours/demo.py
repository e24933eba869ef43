"""Demo data of the ten-star rating, honours and satisfaction evaluations.

Last year: about a third of the households rated (final), the ten-star ones named, each village's
other honours, and a closed satisfaction evaluation in station1's village (沃德嘎查, T05V01).
This year: a few ratings of 沃德嘎查 waiting for the township or in public notice, and an open
evaluation in 柴达木嘎查 (T06V01) whose representatives' codes are DEMO0001 … DEMO0030.
Idempotent: every row is looked up by its natural key first.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from honours import services
from practice.models import Household, Unit, User

from .models import (
    Honour,
    HonourKind,
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
            Honour(village_id=village_id, year=year, kind=HonourKind.TEN_STAR, household_id=hid,
                   person_name=name, certificate_no=f"{year}-{code}-T{hid}",
                   awarded_by_id=village_heads[village_id])
        )
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
        picks = rng.sample(people, min(4, len(people)))
        kinds = [HonourKind.BEAUTIFUL_FAMILY, HonourKind.BEAUTIFUL_FAMILY,
                 HonourKind.CUSTOMS_LEADER, HonourKind.PARTY_MEMBER]
        for n, ((hid, name), kind) in enumerate(zip(picks, kinds, strict=False)):
            household = hid if kind != HonourKind.PARTY_MEMBER else None
            rows.append(
                Honour(village_id=village.pk, year=year, kind=kind, household_id=household,
                       person_name=name, certificate_no=f"{year}-{village.code}-H{n}",
                       citation={HonourKind.CUSTOMS_LEADER: "带头婚事新办、丧事简办",
                                 HonourKind.BEAUTIFUL_FAMILY: "孝老爱亲、邻里和睦"}.get(kind, ""),
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


def _this_year(ctx, year, village, station, town):
    """A few ratings of station1's village waiting for the township, and in public notice."""
    if StarEvaluation.objects.filter(village=village, year=year).exists():
        return
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
        if n < 4:
            services.star_evaluation_approve(evaluation, actor=town)
    if households:
        ctx.progress(
            f"十星级文明户评定（{year}年）：{village.name} {len(households)} 户待审或公示中"
        )


def seed(ctx) -> None:
    today = timezone.localdate()
    last_year, this_year = today.year - 1, today.year
    villages = ctx.extra["villages"]
    units = ctx.extra["units"]
    heads = _heads(units.values())
    town_heads = {u.pk: heads[u.pk] for u in units.values() if u.level == "township"}
    village_heads = {v.pk: heads[v.pk] for v in villages}
    _rate_households(ctx, last_year, villages, town_heads, village_heads)
    _honours(ctx, last_year, villages, village_heads)
    station1 = ctx.users["station1"]
    _closed_evaluation(ctx, last_year, ctx.extra["station1_village"], station1)
    _this_year(ctx, this_year, ctx.extra["station1_village"], station1, ctx.users["town1"])
    town2 = User.objects.get(username="town2")
    _open_evaluation(ctx, this_year, units["T06V01"], town2)
