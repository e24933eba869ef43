"""Demo data of the contract canteens: rules, canteens, a year of bookings, a few violations.

Idempotent: rule sets by (unit, effective_from), canteens by (village, name), violations by
(household, event_date, rule); the year of bookings is written only when the demo canteens have
none yet. Where a village has a red-and-white council (the institutions app's demo runs first;
when it made none, a handful of canteen villages get one here, get_or_create), the council's
sitting members approved and rejected its bookings; elsewhere the station did.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from random import Random

from django.utils import timezone

from institutions.models import Council, CouncilKind, CouncilMember, Decider, Seat
from practice.demo import _ensure_users, span_days
from practice.models import Household
from practice.roles import Role

from .models import (
    Booking,
    BookingEvent,
    Canteen,
    Kind,
    Occasion,
    Rule,
    RuleSet,
    SavingsAssumption,
    Status,
    ViolationRecord,
)
from .rules import fee_for
from .services import estimate_savings

BATCH = 1000
# 合约食堂, after the village's Mongolian name (when it has one).
CANTEEN_MN = "ᠭᠡᠷ\u180eᠡ\u202fᠶᠢᠨ ᠬᠣᠭᠣᠯᠠᠨ\u202fᠤ ᠭᠠᠵᠠᠷ"
CHAIDAMU = "T06V01"  # 柴达木嘎查: wrote the measures and runs the contract canteen
WODE = "T05V01"  # 沃德嘎查: station1's village
OCCASIONS = [
    (Occasion.WEDDING, Kind.BANQUET, 34),
    (Occasion.FUNERAL, Kind.BANQUET, 24),
    (Occasion.COLLECTIVE_WEDDING, Kind.BANQUET, 4),
    (Occasion.SCHOOL_ADMISSION, Kind.TEA_PARTY, 22),
    (Occasion.BIRTHDAY, Kind.TEA_PARTY, 16),
]


def _rulesets(ctx) -> dict[str, list[RuleSet]]:
    units = ctx.extra["units"]
    specs = [
        {"unit": units["KZHQ"], "effective_from": datetime.date(2018, 1, 1),
         "title": "科左后旗红白事简办规定"},
        {"unit": units[CHAIDAMU], "effective_from": datetime.date(2018, 3, 1),
         "title": "柴达木嘎查红白事简办暂行办法",
         "notes": "红白理事会负责审批和监督，合约食堂统一承办。"},
        {"unit": units[CHAIDAMU], "effective_from": datetime.date(2024, 1, 1),
         "title": "柴达木嘎查红白事简办办法（2024年修订）", "max_tables": 8, "max_gift": 100,
         "usual_tables": 20, "notes": "经村民代表大会通过，桌数和礼金标准严于全旗规定。"},
    ]
    have = {(r.unit_id, r.effective_from) for r in RuleSet.objects.all()}
    RuleSet.objects.bulk_create(
        [RuleSet(**s) for s in specs if (s["unit"].pk, s["effective_from"]) not in have]
    )
    by_code: dict[str, list[RuleSet]] = defaultdict(list)
    for r in RuleSet.objects.select_related("unit").order_by("-effective_from"):
        by_code[r.unit.code].append(r)
    ctx.progress("红白事规定：全旗默认规定 1 套，柴达木嘎查自订规定 2 版")
    return by_code


def _in_force(by_code, village_code, on):
    for code in (village_code, "KZHQ"):
        for r in by_code.get(code, []):
            if r.effective_from <= on:
                return r
    return None


def _canteens(ctx) -> list[Canteen]:
    rng = ctx.rng
    villages = ctx.extra["villages"]
    units = ctx.extra["units"]
    chosen = [units[WODE], units[CHAIDAMU]]
    chosen += [v for i, v in enumerate(villages) if i % 4 == 0 and v not in chosen]
    have = {(c.village_id, c.name) for c in Canteen.objects.all()}
    new = []
    for v in chosen:
        name = f"{v.name}合约食堂"
        if (v.pk, name) in have:
            continue
        capacity = 24 if v.code == CHAIDAMU else rng.choice([12, 15, 16, 20, 24, 30])
        phone = f"0475-{rng.randint(5100000, 5199999)}"
        new.append(Canteen(village=v, name=name, capacity=capacity, address=f"{v.name}村委会旁",
                           phone=phone,
                           name_mn=f"{v.name_mn} {CANTEEN_MN}" if v.name_mn else ""))
    Canteen.objects.bulk_create(new, batch_size=BATCH)
    canteens = list(Canteen.objects.filter(village__in=chosen).select_related("village"))
    ctx.progress(f"合约食堂：{len(canteens)} 个（新建 {len(new)} 个）")
    return canteens


# A council's members sat since before the demo's two years of bookings.
COUNCIL_SINCE_DAYS = 3 * 365
COUNCIL_VILLAGES = 5  # villages with a canteen that get a council when none exists yet


def _councils(ctx, canteens) -> dict[int, tuple[str, list]]:
    """The red-and-white councils of the canteens' villages: {village id: (decider, seats)}.

    When the demo has no red-and-white council with a sitting member yet, five canteen
    villages get one: 柴达木嘎查 (villager2 sits on it; any member decides), 沃德嘎查 (only its
    chair decides; villager1 is not a member) and three more; the members are villager accounts
    of the village's households (made here where the village has none), one of them the chair.
    """
    today = timezone.localdate()
    if not CouncilMember.objects.filter(council__kind=CouncilKind.RED_WHITE).exists():
        _set_up_councils(ctx, canteens, today)
    seats = defaultdict(list)
    deciders = {}
    for m in CouncilMember.objects.filter(
            council__kind=CouncilKind.RED_WHITE,
            council__village_id__in=[c.village_id for c in canteens]).select_related("council"):
        seats[m.council.village_id].append(m)
        deciders[m.council.village_id] = m.council.decider
    ctx.progress(f"红白理事会：{len(seats)} 个村由理事会审批预订")
    return {v: (deciders[v], members) for v, members in seats.items()}


def _set_up_councils(ctx, canteens, today) -> None:
    since = today - datetime.timedelta(days=COUNCIL_SINCE_DAYS)
    by_code = {c.village.code: c.village for c in canteens}
    chosen = [by_code[code] for code in (CHAIDAMU, WODE) if code in by_code]
    chosen += [c.village for c in canteens if c.village not in chosen][
        :max(COUNCIL_VILLAGES - len(chosen), 0)]
    households = {h.number: h for h in Household.objects.filter(
        village__in=chosen, number__regex=r"-000[1-4]$")}
    specs = []
    for v in chosen:
        for n in (2, 3, 4):
            h = households.get(f"{v.code}-{n:04d}")
            if h is not None:
                specs.append({"username": f"rw-{v.code.lower()}-{n}", "real_name": h.head_name,
                              "role": Role.VILLAGER, "unit_id": v.pk, "household_id": h.pk})
    accounts = _ensure_users(specs, ctx)
    ctx.users.update(accounts)
    new_seats = []
    for v in chosen:
        council, _ = Council.objects.get_or_create(
            village=v, kind=CouncilKind.RED_WHITE,
            defaults={"decider": Decider.CHAIR if v.code == WODE else Decider.ANY_MEMBER,
                      "founded_on": since, "note": "村民代表大会选举产生"})
        people = [accounts[f"rw-{v.code.lower()}-{n}"] for n in (2, 3, 4)
                  if f"rw-{v.code.lower()}-{n}" in accounts]
        if v.code == CHAIDAMU and "villager2" in ctx.users:
            people = people[:2] + [ctx.users["villager2"]]
        have = set(CouncilMember.objects.filter(council=council).values_list("user_id",
                                                                             flat=True))
        for i, person in enumerate(people):
            if person.pk not in have:
                new_seats.append(CouncilMember(council=council, user=person,
                                               seat=Seat.CHAIR if i == 0 else Seat.MEMBER,
                                               term_starts=since))
    CouncilMember.objects.bulk_create(new_seats)


def _decider_on(councils, village_id, day, rng):
    """A member who may decide for the village's council on ``day`` (None: no council then)."""
    if village_id not in councils:
        return None
    decider, seats = councils[village_id]
    sitting = [m for m in seats if m.term_starts <= day
               and (m.term_ends is None or m.term_ends >= day)]
    if decider == Decider.CHAIR:
        sitting = [m for m in sitting if m.seat == Seat.CHAIR]
    return rng.choice(sitting).user_id if sitting else None


def _pick_occasion(rng):
    roll = rng.randint(1, 100)
    for occasion, kind, weight in OCCASIONS:
        if roll <= weight:
            return occasion, kind
        roll -= weight
    return OCCASIONS[0][:2]


def _bookings(ctx, canteens, by_code, councils) -> None:
    if Booking.objects.filter(canteen__in=canteens).exists():
        ctx.progress("预订：已有演示预订，跳过")
        return
    rng = ctx.rng
    today = timezone.localdate()
    households = defaultdict(list)
    for pk, village_id in Household.objects.filter(
        village__in=[c.village_id for c in canteens]
    ).values_list("pk", "village_id"):
        households[village_id].append(pk)
    booked: dict[tuple[int, datetime.date], int] = defaultdict(int)
    users = ctx.users
    own = {
        users["villager1"].household_id: users["villager1"],
        users["villager2"].household_id: users["villager2"],
    }
    assumptions = {a.occasion: a for a in SavingsAssumption.objects.all()}
    rows = []
    for canteen in canteens:
        pool = households[canteen.village_id]
        if not pool:
            continue
        # Two years of events, so that this year compares with as full a last year.
        count = 20 * ctx.scale
        if canteen.village.code in (WODE, CHAIDAMU):
            count = 80 * ctx.scale
        for _ in range(count):
            day = today + datetime.timedelta(days=rng.randint(-695, 45))
            rules = _in_force(by_code, canteen.village.code, day)
            occasion, kind = _pick_occasion(rng)
            top = rules.max_tables if kind == Kind.BANQUET else 4
            tables = rng.randint(max(1, top - 5), top)
            if booked[(canteen.pk, day)] + tables > canteen.capacity:
                continue
            booked[(canteen.pk, day)] += tables
            household_id = rng.choice(pool)
            rows.append(_booking(rng, canteen, rules, household_id, occasion, kind, day,
                                 tables, today, own.get(household_id), assumptions))
    # The demo villagers' own bookings: one held and one to come each.
    for user, canteen_code in ((users["villager1"], WODE), (users["villager2"], CHAIDAMU)):
        canteen = next(c for c in canteens if c.village.code == canteen_code)
        for offset, occasion, kind, tables in ((-120, Occasion.WEDDING, Kind.BANQUET, 8),
                                               (21, Occasion.SCHOOL_ADMISSION, Kind.TEA_PARTY,
                                                3)):
            day = today + datetime.timedelta(days=offset)
            if booked[(canteen.pk, day)] + tables > canteen.capacity:
                continue
            booked[(canteen.pk, day)] += tables
            rules = _in_force(by_code, canteen_code, day)
            rows.append(_booking(rng, canteen, rules, user.household_id, occasion, kind, day,
                                 tables, today, user, assumptions))
    # Where the village's red-and-white council sat, one of its members decided (a week before
    # the day at the latest); elsewhere the station did.
    for b in rows:
        if b.status in (Status.APPROVED, Status.HELD, Status.REJECTED):
            decided_on = min(b.date - datetime.timedelta(days=7), today)
            b.decided_by_id = _decider_on(councils, b.canteen.village_id, decided_on, rng)
            b.by_council = b.decided_by_id is not None
    Booking.objects.bulk_create(rows, batch_size=BATCH)
    events = []
    for b in Booking.objects.filter(canteen__in=canteens).only("pk", "status", "reason",
                                                               "decided_by_id"):
        events.append(BookingEvent(booking_id=b.pk, from_status="", to_status=Status.SUBMITTED))
        if b.status in (Status.APPROVED, Status.HELD):
            events.append(BookingEvent(booking_id=b.pk, from_status=Status.SUBMITTED,
                                       to_status=Status.APPROVED, actor_id=b.decided_by_id))
        if b.status == Status.HELD:
            events.append(BookingEvent(booking_id=b.pk, from_status=Status.APPROVED,
                                       to_status=Status.HELD))
        if b.status == Status.REJECTED:
            events.append(BookingEvent(booking_id=b.pk, from_status=Status.SUBMITTED,
                                       to_status=b.status, note=b.reason,
                                       actor_id=b.decided_by_id))
        if b.status == Status.CANCELLED:
            events.append(BookingEvent(booking_id=b.pk, from_status=Status.SUBMITTED,
                                       to_status=b.status, note=b.reason))
    BookingEvent.objects.bulk_create(events, batch_size=BATCH)
    held = sum(1 for r in rows if r.status == Status.HELD)
    tea = sum(1 for r in rows if r.status == Status.HELD and r.kind == Kind.TEA_PARTY)
    ctx.progress(f"预订：{len(rows)} 条，已举办 {held} 场（其中茶话会 {tea} 场）")


def _booking(rng, canteen, rules, household_id, occasion, kind, day, tables, today, user,
             assumptions):
    b = Booking(
        household_id=household_id, canteen=canteen, ruleset=rules, occasion=occasion, kind=kind,
        date=day, tables=tables, dishes_per_table=rng.randint(4, rules.max_dishes_per_table),
        gift_limit=rng.choice([0, 50, 100, min(rules.max_gift, 200)]),
        guests=tables * 10 - rng.randint(0, 8), fee=fee_for(tables, rules), created_by=user,
    )
    roll = rng.random()
    if day < today:
        if roll < 0.84:
            b.status = Status.HELD
            b.tables_used = max(1, tables - rng.choice([0, 0, 0, 1]))
            b.fee = fee_for(b.tables_used, rules)
            b.cost_without_rules, b.cost_with_rules, b.savings = estimate_savings(
                kind=kind, tables_used=b.tables_used, gift_limit=b.gift_limit, fee=b.fee,
                ruleset=rules, assumption=assumptions.get(b.occasion))
        elif roll < 0.93:
            b.status = Status.CANCELLED
        else:
            b.status = Status.REJECTED
            b.reason = rng.choice(["当日食堂已满", "申请材料不全", "与村里集体活动冲突"])
    else:
        b.status = Status.SUBMITTED if roll < 0.5 else (
            Status.APPROVED if roll < 0.92 else Status.CANCELLED)
    return b


def _violations(ctx, canteens) -> None:
    rng = Random(20190903)  # the same households whatever ctx.rng did before
    today = timezone.localdate()
    council = ctx.users.get("council2")
    specs = [
        (CHAIDAMU, "0005", Rule.TABLES, "婚宴摆席14桌，超出规定桌数", -60, 365),
        (CHAIDAMU, "0009", Rule.GIFT, "收受礼金每份500元，超出规定标准", -200, 90),
        (WODE, "0003", Rule.OCCASION, "为孩子满月在家中大办酒席", -45, 300),
        (WODE, "0011", Rule.FORMAL_MEAL, "婚礼前一天晚上另办正席", -250, 60),
    ]
    others = [c for c in canteens if c.village.code not in (CHAIDAMU, WODE)]
    for c in rng.sample(others, min(8, len(others))):  # since January last year
        specs.append((c.village.code, f"{rng.randint(12, 29):04d}",
                      rng.choice([Rule.DISHES, Rule.VENUE, Rule.TABLES]),
                      rng.choice(["每桌上菜10个以上", "未在合约食堂操办，在自家院内摆席",
                                  "升学宴摆席12桌"]),
                      -rng.randint(20, span_days(today)), rng.choice([90, 180, 365])))
    households = {
        h.number: h
        for h in Household.objects.filter(number__in=[f"{v}-{n}" for v, n, *_ in specs])
    }
    have = set(ViolationRecord.objects.values_list("household__number", "event_date", "rule"))
    new = []
    for village, n, rule, text, ago, length in specs:
        household = households.get(f"{village}-{n}")
        if household is None:
            continue
        day = today + datetime.timedelta(days=ago)
        if (household.number, day, rule) in have:
            continue
        new.append(ViolationRecord(
            household=household, event_date=day, rule=rule, description=text,
            support_withheld_until=day + datetime.timedelta(days=length),
            recorded_by=council if village == CHAIDAMU else None,
        ))
    ViolationRecord.objects.bulk_create(new)
    ctx.progress(f"违规记录：新建 {len(new)} 条")


def seed(ctx) -> None:
    units = ctx.extra["units"]
    ctx.users.update(_ensure_users([{
        "username": "council2", "real_name": "柴达木嘎查红白理事会", "role": Role.STATION_STAFF,
        "unit_id": units[CHAIDAMU].pk,
    }], ctx))
    by_code = _rulesets(ctx)
    canteens = _canteens(ctx)
    councils = _councils(ctx, canteens)
    _bookings(ctx, canteens, by_code, councils)
    _violations(ctx, canteens)
