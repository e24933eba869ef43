"""Demo of mediation: two or three mediators in about forty villages (villagers of the village:
retired cadres, old party members, business people; in 沃德嘎查 the demo account villager1 is
one, so its phone pages have cases) and a year of their cases with sessions and outcomes —
most settled, some referred or dropped, the recent ones still open.

Rows are written in bulk with their past dates. Safe to run twice: nothing is written when
mediators exist already.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from practice.demo import person_name
from practice.models import Household, Level, Unit, User
from practice.roles import Role

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

VILLAGES = 40
SUMMARIES = {
    DisputeKind.NEIGHBOURS: ["两户因院墙界线发生争执", "邻居家排水流入院内引发纠纷",
                             "牛羊啃食邻户青贮引发矛盾"],
    DisputeKind.FAMILY: ["赡养老人费用分担分歧", "夫妻因外出务工发生矛盾", "分家析产意见不一"],
    DisputeKind.LAND: ["草场围栏越界争议", "承包地边界不清", "轮牧草场使用时间分歧"],
    DisputeKind.DEBTS: ["购买饲草欠款未还", "借款到期未归还", "合伙买车欠款纠纷"],
    DisputeKind.CONTRACTS: ["打草雇工工钱结算争议", "土地流转合同履行纠纷",
                            "建房包工质量争议"],
    DisputeKind.OTHER: ["红白事礼金往来引发误会", "修路占用宅前空地意见不一"],
}
SESSIONS = ["分别走访双方了解情况", "组织双方当面协商", "请村两委成员一同调解",
            "实地查看边界并丈量", "讲解相关法律政策", "双方达成初步意见"]
REFERRED_TO = ["旗人民法院", "苏木镇司法所", "派出所", "苏木镇自然资源所"]
KIND_WEIGHTS = [(DisputeKind.NEIGHBOURS, 30), (DisputeKind.FAMILY, 20), (DisputeKind.LAND, 25),
                (DisputeKind.DEBTS, 12), (DisputeKind.CONTRACTS, 8), (DisputeKind.OTHER, 5)]
BACKGROUNDS = [Background.RETIRED_CADRE, Background.OLD_PARTY_MEMBER,
               Background.BUSINESS_PERSON, Background.OTHER]


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _phone(rng) -> str:
    return "13" + "".join(str(rng.randrange(10)) for _ in range(9))


def seed(ctx) -> None:
    if Mediator.objects.exists():
        return
    rng = ctx.rng
    today = timezone.localdate()
    villages = list(Unit.objects.filter(level=Level.VILLAGE).order_by("path"))
    if not villages:
        return
    chosen = rng.sample(villages, min(VILLAGES, len(villages)))
    villager1 = ctx.users.get("villager1")
    home = villager1.household.village if villager1 and villager1.household_id else None
    if home is not None and home not in chosen:
        chosen[0] = home
    staff = {u.unit_id: u for u in User.objects.filter(
        role=Role.STATION_STAFF, unit__in=chosen).order_by("pk")}

    # --- mediators: villagers of the village (accounts made for the household heads) -------
    households: dict[int, list[Household]] = {}
    for h in Household.objects.filter(village__in=chosen).order_by("village_id", "pk"):
        households.setdefault(h.village_id, []).append(h)
    taken = set(User.objects.filter(household__village__in=chosen)
                .values_list("household_id", flat=True))
    accounts, posts = [], []
    for village in chosen:
        free = [h for h in households.get(village.pk, []) if h.pk not in taken][:40]
        n = rng.choice((2, 3))
        picked = rng.sample(free, min(n, len(free)))
        people = []
        if village == home:
            people.append(villager1)
            picked = picked[: n - 1]
        for i, h in enumerate(picked, start=1):
            people.append(User(username=f"mediator-{village.code}-{i}", real_name=h.head_name,
                               role=Role.VILLAGER, unit=village, household=h,
                               password=ctx.password_hash))
        accounts.extend(p for p in people if p.pk is None)
        posts.append((village, people))
    User.objects.bulk_create(accounts, batch_size=500)
    saved = {u.username: u for u in User.objects.filter(
        username__in=[a.username for a in accounts])}
    mediators = []
    for village, people in posts:
        for person in people:
            person = saved.get(person.username, person)
            since = today - datetime.timedelta(days=rng.randint(400, 2000))
            mediators.append(Mediator(
                village=village, user=person, background=rng.choice(BACKGROUNDS),
                active_from=since, appointed_by=staff.get(village.pk)))
    Mediator.objects.bulk_create(mediators, batch_size=500)
    mediators = list(Mediator.objects.filter(village__in=chosen).select_related("village"))
    by_village: dict[int, list[Mediator]] = {}
    for m in mediators:
        by_village.setdefault(m.village_id, []).append(m)

    # --- a year of cases -----------------------------------------------------------------------
    kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
    cases, plans = [], []
    for village in chosen:
        for _ in range(rng.randint(4, 14)):
            mediator = rng.choice(by_village[village.pk])
            opened = today - datetime.timedelta(days=rng.randint(0, 364))
            kind = rng.choice(kinds)
            age = (today - opened).days
            roll = rng.random()
            if age < 20 and roll < 0.7:
                outcome = ""
            elif roll < 0.72:
                outcome = Outcome.SETTLED
            elif roll < 0.86:
                outcome = Outcome.REFERRED
            else:
                outcome = Outcome.DROPPED
            closed = (min(today, opened + datetime.timedelta(days=rng.randint(1, 40)))
                      if outcome else None)
            parties = "；".join(f"{person_name(rng)} {_phone(rng)}" for _ in range(2))
            cases.append(MediationCase(
                village=village, kind=kind, parties=parties,
                summary=rng.choice(SUMMARIES[kind]), mediator=mediator, opened_on=opened,
                status=CaseStatus.CLOSED if outcome else CaseStatus.OPEN, outcome=outcome,
                referred_to=rng.choice(REFERRED_TO) if outcome == Outcome.REFERRED else "",
                closed_on=closed, created_by=staff.get(village.pk)))
            plans.append((opened, closed, mediator))
    MediationCase.objects.bulk_create(cases, batch_size=500)
    # created_at/updated_at are set by auto_now(_add); the dates that matter are opened/closed.
    sessions, events = [], []
    for case, (opened, closed, mediator) in zip(cases, plans, strict=True):
        actor = staff.get(case.village_id)
        events.append(CaseEvent(case=case, actor=actor, to_status=CaseStatus.OPEN,
                                at=_at(opened, 9)))
        last = closed or today
        for n in range(rng.randint(1, 3)):
            day = opened + datetime.timedelta(days=min((last - opened).days, n * 3))
            sessions.append(CaseSession(case=case, date=day, note=rng.choice(SESSIONS),
                                        recorded_by=mediator.user, at=_at(day, 15)))
        if closed:
            events.append(CaseEvent(case=case, actor=mediator.user,
                                    from_status=CaseStatus.OPEN,
                                    to_status=CaseStatus.CLOSED, at=_at(closed, 17)))
    CaseSession.objects.bulk_create(sessions, batch_size=1000)
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    ctx.progress(f"调解员：{len(mediators)} 人（{len(chosen)} 个嘎查村），"
                 f"调解案件：{len(cases)} 件")
