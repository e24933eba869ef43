"""Demo data: 900 teams, 40,000 volunteers, the service menus, and from 1 January last year to
today the orders and about 9,000 practice activities (a monthly service day in most villages)
with attendance: last year as full as this one, so that a year compares with the one before.

Safe to run twice: teams are looked up by (unit, name), volunteers by phone, menu items by
(unit, name), the demo accounts by username; the orders and the activities are written once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from practice.demo import BATCH, person_name, span_days
from practice.models import Household, Level, Unit, User
from practice.roles import Role

from .activity_services import QUARTER, hours_present
from .models import (
    Activity,
    ActivityCategory,
    ActivityEvent,
    ActivityStatus,
    Attendance,
    CheckMethod,
    EntryKind,
    EventKind,
    HoursSource,
    Membership,
    Order,
    OrderEvent,
    OrderStatus,
    Review,
    ServiceItem,
    Team,
    TeamKind,
    TimeBankAccount,
    TimeBankEntry,
    Volunteer,
    VolunteerApplication,
)

TEAMS_TOTAL = 900
VOLUNTEERS_TOTAL = 40_000
ORDERS_TOTAL = 20_000

BANNER_TEAMS = [
    ("红动后旗党建之声宣讲队", TeamKind.LECTURE),
    ("习语近人宣讲队", TeamKind.LECTURE),
    ("道德宣讲服务队", TeamKind.LECTURE),
    ("乌兰牧骑“草原红色轻骑兵”", TeamKind.ULAN_MUQIR),
    ("新时代讲习团", TeamKind.LECTURE),
    ("旗巾帼志愿服务队", TeamKind.WOMEN),
    ("旗医疗卫生志愿服务队", TeamKind.PROFESSIONAL),
    ("旗法律服务志愿队", TeamKind.PROFESSIONAL),
    ("旗农牧科技志愿服务队", TeamKind.PROFESSIONAL),
    ("旗党员先锋志愿服务队", TeamKind.PARTY),
]
TOWNSHIP_TEAM_KINDS = [
    ("巾帼志愿服务队", TeamKind.WOMEN), ("理论宣讲队", TeamKind.LECTURE),
    ("党员志愿服务队", TeamKind.PARTY), ("文艺轻骑兵", TeamKind.ULAN_MUQIR),
    ("农牧技术服务队", TeamKind.PROFESSIONAL), ("医疗志愿服务队", TeamKind.PROFESSIONAL),
    ("法律服务队", TeamKind.PROFESSIONAL), ("环境整治志愿队", TeamKind.OTHER),
    ("助老志愿服务队", TeamKind.OTHER), ("青年志愿服务队", TeamKind.OTHER),
    ("家电维修服务队", TeamKind.PROFESSIONAL), ("移风易俗宣讲队", TeamKind.LECTURE),
    ("平安志愿巡逻队", TeamKind.OTHER), ("关爱儿童志愿队", TeamKind.WOMEN),
]
VILLAGE_TEAM_KINDS = [("志愿服务队", TeamKind.OTHER), ("党员志愿服务队", TeamKind.PARTY)]

BANNER_ITEMS = [
    ("政策宣讲", "policy", "惠民政策、乡村振兴政策上门讲解"),
    ("移风易俗宣讲", "policy", "红白事简办、反对高价彩礼宣讲"),
    ("法律咨询", "legal", "土地草场纠纷、赡养继承等法律咨询"),
    ("义诊巡诊", "health", "常见病筛查、测血压血糖"),
    ("心理疏导", "health", "留守老人儿童心理关爱"),
    ("农牧业技术指导", "farming", "玉米种植、肉牛养殖技术指导"),
    ("畜牧兽医服务", "farming", "牲畜防疫、疾病诊治"),
    ("家电维修", "repair", "电视、冰箱、洗衣机等家电维修"),
    ("水电维修", "repair", "线路、水管检修"),
    ("老人理发", "elderly", "为行动不便的老人上门理发"),
    ("助老助残", "elderly", "代购代办、陪同就医、打扫卫生"),
    ("环境卫生清扫", "environment", "庭院和街巷清扫、垃圾分类指导"),
    ("文艺演出", "culture", "乌兰牧骑送戏下乡"),
    ("学生课业辅导", "culture", "假期课业辅导、读书分享"),
    ("电商技能培训", "culture", "网上销售农畜产品培训"),
]
TOWNSHIP_ITEMS = [
    ("{t}红白事简办指导", "policy", "按红白理事会章程指导简办"),
    ("{t}农机维修", "repair", "拖拉机、播种机检修"),
]

# Mongolian names (traditional script) of the service items and teams, shown to people who read
# the platform in Mongolian. A township's own items share one name (the township is on the
# menu beside it); teams are named by what their Chinese name ends with.
VOLUNTEER_TEAM_MN = 'ᠰᠠᠶᠢᠨ ᠳᠤᠷ\u180eᠠ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ\u202fᠦ ᠪᠠᠭ'  # volunteer service team
ITEM_NAMES_MN = {
    '政策宣讲': 'ᠪᠣᠳᠣᠯᠭ\u180eᠠ\u202fᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ\u180eᠠ',
    '移风易俗宣讲': 'ᠵᠠᠩ ᠠᠭᠠᠯᠢ\u202fᠶᠢ ᠱᠢᠨᠡᠴᠢᠯᠡᠬᠦ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ\u180eᠠ',
    '法律咨询': 'ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ᠵᠥᠪᠯᠡᠭᠦᠯᠭᠡ',
    '义诊巡诊': 'ᠦᠨᠡᠭᠦᠢ ᠡᠮᠨᠡᠯᠭᠡ ᠦᠵᠡᠯᠭᠡ',
    '心理疏导': 'ᠰᠡᠳᠬᠢᠯ ᠰᠠᠨᠠᠭ\u180eᠠ\u202fᠶᠢᠨ ᠵᠥᠪᠯᠡᠭᠦᠯᠭᠡ',
    '农牧业技术指导': 'ᠲᠠᠷᠢᠶ\u180eᠠ ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ\u202fᠶᠢᠨ ᠠᠷᠭ\u180eᠠ\u202fᠶᠢᠨ ᠵᠠᠭᠠᠪᠤᠷ',
    '畜牧兽医服务': 'ᠮᠠᠯ\u202fᠤᠨ ᠡᠮᠨᠡᠯᠭᠡ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ',
    '家电维修': 'ᠭᠡᠷ ᠠᠬᠤᠢ\u202fᠶᠢᠨ ᠴᠠᠬᠢᠯᠭᠠᠨ ᠬᠡᠷᠡᠭᠰᠡᠯ ᠵᠠᠰᠠᠬᠤ',
    '水电维修': 'ᠤᠰᠤ ᠴᠠᠬᠢᠯᠭᠠᠨ ᠵᠠᠰᠠᠬᠤ',
    '老人理发': 'ᠥᠲᠡᠭᠦᠰ\u202fᠦᠨ ᠦᠰᠦ ᠵᠠᠰᠠᠬᠤ',
    '助老助残': 'ᠥᠲᠡᠭᠦᠰ ᠪᠣᠯᠣᠨ ᠬᠥᠭ\u180eᠤᠯ\u202fᠲᠠᠨ\u202fᠳᠤᠷ ᠲᠤᠰᠠᠯᠠᠬᠤ',
    '环境卫生清扫': 'ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ\u202fᠤ ᠠᠷᠢᠭᠤᠨ ᠴᠡᠪᠡᠷᠯᠡᠯ',
    '文艺演出': 'ᠤᠷᠠᠨ ᠰᠠᠢᠬᠠᠨ\u202fᠤ ᠲᠣᠭᠯᠣᠯᠲᠠ',
    '学生课业辅导': 'ᠰᠤᠷᠤᠭᠴᠢᠳ\u202fᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ\u202fᠳᠦᠷ ᠲᠤᠰᠠᠯᠠᠬᠤ',
    '电商技能培训': 'ᠴᠠᠬᠢᠯᠭᠠᠨ ᠬᠤᠳᠠᠯᠳᠤ\u202fᠶᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ',
    '{t}红白事简办指导': 'ᠬᠤᠷᠢᠮ ᠵᠣᠭ\u202fᠢ ᠬᠡᠮᠵᠢᠶ\u180eᠡ\u202fᠲᠡᠢ ᠬᠢᠬᠦ ᠵᠠᠭᠠᠪᠤᠷ',
    '{t}农机维修': 'ᠲᠠᠷᠢᠶᠠᠯᠠᠩ\u202fᠤᠨ ᠮᠠᠰᠢᠨ ᠵᠠᠰᠠᠬᠤ',
    '垃圾分类积分兑换指导': 'ᠬᠣᠭ ᠪᠤᠭ ᠠᠩᠭᠢᠯᠠᠬᠤ ᠣᠨᠣᠭ\u180eᠠ ᠰᠣᠯᠢᠯᠴᠠᠬᠤ ᠵᠠᠭᠠᠪᠤᠷ',
}
TEAM_NAMES_MN = {
    '道德宣讲服务队': 'ᠶᠣᠰᠤ ᠰᠤᠷᠲᠠᠬᠤᠨ\u202fᠤ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ\u180eᠠ\u202fᠶᠢᠨ ᠪᠠᠭ',
    '乌兰牧骑“草原红色轻骑兵”': 'ᠤᠯᠠᠭᠠᠨ ᠮᠤᠴᠢᠷ',
    '旗巾帼志愿服务队': 'ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ ᠡᠮᠡᠭᠲᠡᠴᠦᠳ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
    '旗医疗卫生志愿服务队': 'ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ ᠡᠮᠨᠡᠯᠭᠡ ᠠᠷᠢᠭᠤᠨ ᠴᠡᠪᠡᠷ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
    '旗法律服务志愿队': 'ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ' + VOLUNTEER_TEAM_MN,
    '旗农牧科技志愿服务队': ('ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ ᠲᠠᠷᠢᠶ\u180eᠠ ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ\u202fᠶᠢᠨ '
                   + VOLUNTEER_TEAM_MN),
    '旗党员先锋志愿服务队': 'ᠬᠣᠰᠢᠭᠤᠨ\u202fᠤ ᠨᠠᠮ\u202fᠤᠨ ᠭᠡᠱᠢᠭᠦᠳ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
}
TEAM_SUFFIXES_MN = {
    '巾帼志愿服务队': 'ᠡᠮᠡᠭᠲᠡᠴᠦᠳ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
    '理论宣讲队': 'ᠣᠨᠣᠯ\u202fᠤᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ\u180eᠠ\u202fᠶᠢᠨ ᠪᠠᠭ',
    '党员志愿服务队': 'ᠨᠠᠮ\u202fᠤᠨ ᠭᠡᠱᠢᠭᠦᠳ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
    '文艺轻骑兵': 'ᠤᠷᠠᠨ ᠰᠠᠢᠬᠠᠨ\u202fᠤ ᠤᠯᠠᠭᠠᠨ ᠮᠤᠴᠢᠷ',
    '医疗志愿服务队': 'ᠡᠮᠨᠡᠯᠭᠡ\u202fᠶᠢᠨ ' + VOLUNTEER_TEAM_MN,
    '法律服务队': 'ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ\u202fᠦ ᠪᠠᠭ',
    '助老志愿服务队': 'ᠥᠲᠡᠭᠦᠰ\u202fᠦᠨ ' + VOLUNTEER_TEAM_MN,
    '青年志愿服务队': 'ᠵᠠᠯᠠᠭᠤᠴᠤᠳ\u202fᠤᠨ ' + VOLUNTEER_TEAM_MN,
    '志愿服务队': VOLUNTEER_TEAM_MN,
}

# Share of orders by status, oldest orders mostly closed, recent ones still open.
STATUS_WEIGHTS = [
    (OrderStatus.RATED, 48), (OrderStatus.COMPLETED, 22), (OrderStatus.CANCELLED, 6),
    (OrderStatus.ACCEPTED, 8), (OrderStatus.DISPATCHED, 8), (OrderStatus.SUBMITTED, 8),
]


def _phone(i: int) -> str:
    return f"15{i:09d}"


def _ensure_items(ctx, units):
    banner = units["KZHQ"]
    townships = [u for u in units.values() if u.level == Level.TOWNSHIP]
    wanted = [ServiceItem(name=n, category=c, description=d, unit=banner)
              for n, c, d in BANNER_ITEMS]
    for t in townships:
        wanted += [ServiceItem(name=n.format(t=t.name), category=c, description=d, unit=t)
                   for n, c, d in TOWNSHIP_ITEMS]
    wanted.append(ServiceItem(name="垃圾分类积分兑换指导", category="environment",
                              description="教您分拣废品、兑换积分", unit=units["T05V01"]))
    township_names = {t.name for t in townships}
    for item in wanted:
        key = item.name
        for t in township_names:
            if key.startswith(t):
                key = "{t}" + key[len(t):]
        item.name_mn = ITEM_NAMES_MN.get(key, "")
    have = set(ServiceItem.objects.values_list("unit_id", "name"))
    ServiceItem.objects.bulk_create([i for i in wanted if (i.unit_id, i.name) not in have],
                                    batch_size=BATCH)
    for item in wanted:  # a demo seeded before the Mongolian names
        if item.name_mn and (item.unit_id, item.name) in have:
            ServiceItem.objects.filter(unit_id=item.unit_id, name=item.name, name_mn="").update(
                name_mn=item.name_mn)
    ctx.progress(f"服务项目清单：{ServiceItem.objects.count()} 项")


def _team_name_mn(name: str) -> str:
    if name in TEAM_NAMES_MN:
        return TEAM_NAMES_MN[name]
    for suffix, mn in sorted(TEAM_SUFFIXES_MN.items(), key=lambda s: -len(s[0])):
        if name.endswith(suffix):
            return mn
    return ""


def _ensure_teams(ctx, units, villages):
    banner = units["KZHQ"]
    townships = sorted((u for u in units.values() if u.level == Level.TOWNSHIP),
                       key=lambda u: u.code)
    specs = [(banner, n, k) for n, k in BANNER_TEAMS]
    for v in villages:
        for suffix, kind in VILLAGE_TEAM_KINDS:
            specs.append((v, v.name + suffix, kind))
    per_township = (TEAMS_TOTAL - len(specs)) // len(townships)
    extra = (TEAMS_TOTAL - len(specs)) % len(townships)
    for i, t in enumerate(townships):
        count = per_township + (1 if i < extra else 0)
        for j in range(count):
            suffix, kind = TOWNSHIP_TEAM_KINDS[j % len(TOWNSHIP_TEAM_KINDS)]
            name = t.name + suffix + (f"（{j // len(TOWNSHIP_TEAM_KINDS) + 1}分队）"
                                      if j >= len(TOWNSHIP_TEAM_KINDS) else "")
            specs.append((t, name, kind))
    have = set(Team.objects.values_list("unit_id", "name"))
    Team.objects.bulk_create(
        [Team(unit=u, name=n, kind=k, name_mn=_team_name_mn(n))
         for u, n, k in specs if (u.pk, n) not in have],
        batch_size=BATCH)
    if have:  # a demo seeded before the Mongolian names
        for name, mn in TEAM_NAMES_MN.items():
            Team.objects.filter(name=name, name_mn="").update(name_mn=mn)
        for suffix, mn in sorted(TEAM_SUFFIXES_MN.items(), key=lambda s: -len(s[0])):
            Team.objects.filter(name__endswith=suffix, name_mn="").update(name_mn=mn)
    teams = list(Team.objects.select_related("unit").order_by("pk"))
    ctx.progress(f"志愿服务队：{len(teams)} 支")
    return teams


def _ensure_volunteers(ctx, teams, rng):
    total = VOLUNTEERS_TOTAL * ctx.scale
    have = set(Volunteer.objects.filter(phone__startswith="15").values_list("phone", flat=True))
    start = timezone.localdate() - timedelta(days=5 * 365)
    batch, created = [], 0
    for i in range(total):
        phone = _phone(i)
        if phone in have:
            continue
        team = teams[i % len(teams)]
        batch.append(Volunteer(
            name=person_name(rng), phone=phone, unit_id=team.unit_id,
            skills=rng.choice(["宣讲", "理发", "维修", "医疗", "法律", "文艺", "种养殖", ""]),
            registered_on=start + timedelta(days=rng.randint(0, 5 * 365)),
        ))
        if len(batch) >= BATCH:
            Volunteer.objects.bulk_create(batch)
            created += len(batch)
            batch = []
    Volunteer.objects.bulk_create(batch)
    created += len(batch)
    ctx.progress(f"志愿者：新建 {created} 人")

    # Memberships: volunteer i joins team i mod n; every tenth also a second team.
    by_phone = dict(Volunteer.objects.filter(phone__startswith="15")
                    .values_list("phone", "pk"))
    have_m = set(Membership.objects.values_list("team_id", "volunteer_id"))
    rows, made = [], 0
    for i in range(total):
        if len(rows) >= BATCH * 5:  # flush as we go: memory stays flat at any scale
            Membership.objects.bulk_create(rows, batch_size=BATCH)
            made += len(rows)
            rows = []
        vid = by_phone.get(_phone(i))
        if vid is None:
            continue
        pairs = [teams[i % len(teams)].pk]
        if i % 10 == 0:
            pairs.append(teams[(i * 7 + 3) % len(teams)].pk)
        for tid in pairs:
            if (tid, vid) not in have_m:
                have_m.add((tid, vid))
                rows.append(Membership(team_id=tid, volunteer_id=vid,
                                       joined_on=timezone.localdate() - timedelta(days=rng.randint(
                                           0, 3 * 365))))
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    made += len(rows)
    # Team leaders: the first member of each team without one.
    first_member = {}
    for tid, vid in Membership.objects.order_by("pk").values_list("team_id", "volunteer_id"):
        first_member.setdefault(tid, vid)
    to_lead = [t for t in teams if t.leader_id is None and t.pk in first_member]
    for t in to_lead:
        t.leader_id = first_member[t.pk]
    Team.objects.bulk_update(to_lead, ["leader"], batch_size=BATCH)
    ctx.progress(f"队员关系：新建 {made} 条")


def _ensure_accounts(ctx, units):
    """volunteer1 and volunteer2: one team of 沃德嘎查 (T05V01), station1's village."""
    village = units["T05V01"]
    team, _ = Team.objects.get_or_create(
        unit=village, name="沃德嘎查志愿服务队", defaults={"kind": TeamKind.OTHER})
    hh = list(Household.objects.filter(village=village).order_by("number")[1:3])
    specs = [("volunteer1", "13700000001", hh[0] if hh else None),
             ("volunteer2", "13700000002", hh[1] if len(hh) > 1 else None)]
    existing = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in specs])}
    for username, phone, household in specs:
        user = existing.get(username)
        if user is None:
            user = User(username=username, password=ctx.password_hash, role=Role.VOLUNTEER,
                        unit=village, household=household,
                        real_name=household.head_name if household else username)
            user.save()
        volunteer = Volunteer.objects.filter(user=user).first() or Volunteer.objects.filter(
            phone=phone).first()
        if volunteer is None:
            volunteer = Volunteer.objects.create(user=user, name=user.real_name, phone=phone,
                                                 unit=village, registered_on=date(2023, 3, 5),
                                                 skills="理发、家电维修")
        Membership.objects.get_or_create(team=team, volunteer=volunteer,
                                         defaults={"joined_on": date(2023, 3, 5)})
        ctx.users[username] = user
    if team.leader_id is None:
        team.leader = Volunteer.objects.get(user=ctx.users["volunteer1"])
        team.save(update_fields=["leader"])
    ctx.extra["volunteer_team"] = team
    ctx.progress("演示账号：volunteer1、volunteer2（沃德嘎查志愿服务队）")
    return team


# Share of orders a village did not dispatch in time: flagged and passed to the township.
LATE_DISPATCH_SHARE = 0.02


def _pick_status(rng, age_days):
    if age_days < 1:
        return rng.choice([OrderStatus.SUBMITTED, OrderStatus.DISPATCHED])
    if age_days < 4:
        return rng.choice([OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.COMPLETED,
                           OrderStatus.SUBMITTED])
    total = sum(w for _s, w in STATUS_WEIGHTS[:3])
    roll = rng.randint(1, total)
    for status, weight in STATUS_WEIGHTS[:3]:
        roll -= weight
        if roll <= 0:
            return status
    return OrderStatus.RATED


def _seed_orders(ctx, units, villages, teams, demo_team):
    if Order.objects.exists():
        ctx.progress(f"服务订单：已有 {Order.objects.count()} 单，跳过")
        return
    rng = ctx.rng
    now = timezone.now()
    heads = dict(User.objects.filter(username__startswith="head-")
                 .values_list("username", "pk"))
    town_heads = dict(Unit.objects.filter(level=Level.TOWNSHIP, head__isnull=False)
                      .values_list("pk", "head_id"))
    households = defaultdict(list)
    for hid, vid in Household.objects.values_list("pk", "village_id"):
        households[vid].append(hid)
    items_by_unit = defaultdict(list)
    for iid, uid in ServiceItem.objects.filter(active=True).values_list("pk", "unit_id"):
        items_by_unit[uid].append(iid)
    teams_by_unit = defaultdict(list)
    for t in teams:
        teams_by_unit[t.unit_id].append(t.pk)
    members = defaultdict(list)
    for tid, vid in Membership.objects.values_list("team_id", "volunteer_id"):
        members[tid].append(vid)
    banner = units["KZHQ"]
    reviewer = ctx.users.get("reviewer1")
    villager1 = ctx.users.get("villager1")

    total = ORDERS_TOTAL * ctx.scale
    span = span_days()
    specs = []
    for i in range(total):
        village = villages[i % len(villages)]
        age = rng.random() ** 1.1 * span  # since 1 January last year, a little more of late
        specs.append((village, age))
    # villager1's own orders in every status, handled by station1 and the demo team.
    own = [(units["T05V01"], a) for a in (0.1, 0.2, 0.5, 2, 3, 20, 40, 90)]
    specs[: len(own)] = own

    volunteer_users = dict(Volunteer.objects.filter(user__isnull=False)
                           .values_list("pk", "user_id"))
    # Orders go to the database a chunk at a time, with their events and reviews, so that
    # memory stays flat at any scale; the time bank needs only (volunteer, hours, time, pk).
    done, counts = [], {"orders": 0, "reviews": 0}

    def flush(orders, plan):
        Order.objects.bulk_create(orders, batch_size=BATCH)
        if orders and orders[0].pk is None:  # backends without RETURNING
            ids = list(Order.objects.order_by("-pk").values_list("pk", flat=True)[:len(orders)])
            for o, pk in zip(orders, reversed(ids), strict=True):
                o.pk = pk
        events, reviews = [], []
        for o, steps in zip(orders, plan, strict=True):
            for kind, frm, to, at, actor in steps:
                if kind == EventKind.ACCEPTED or kind == EventKind.COMPLETED:
                    actor = volunteer_users.get(o.volunteer_id)
                events.append(OrderEvent(order_id=o.pk, kind=kind, from_status=frm, to_status=to,
                                         at=at, actor_id=actor))
            if o.status == OrderStatus.RATED and reviewer and rng.random() < 0.15:
                at = o.rated_at + timedelta(days=1)
                reviews.append(Review(order_id=o.pk, reviewer=reviewer, created_at=min(at, now),
                                      score=rng.choices([5, 4, 3], weights=[5, 3, 1])[0],
                                      comment="回访核实，服务属实"))
                events.append(OrderEvent(order_id=o.pk, kind=EventKind.REVIEWED, at=min(
                    at, now), actor=reviewer, note=f"{reviews[-1].score}★"))
            if o.hours:
                done.append((o.completed_at, o.volunteer_id, o.hours, o.pk))
        OrderEvent.objects.bulk_create(events, batch_size=BATCH)
        Review.objects.bulk_create(reviews, batch_size=BATCH)
        counts["orders"] += len(orders)
        counts["reviews"] += len(reviews)

    orders, plan = [], []
    for n, (village, age) in enumerate(specs):
        created = now - timedelta(days=age)
        is_own = n < len(own)
        status = (
            [OrderStatus.SUBMITTED, OrderStatus.SUBMITTED, OrderStatus.DISPATCHED,
             OrderStatus.ACCEPTED, OrderStatus.COMPLETED, OrderStatus.RATED,
             OrderStatus.RATED, OrderStatus.CANCELLED][n]
            if is_own else _pick_status(rng, age)
        )
        codes = village.path.strip("/").split("/")
        item_pool = [i for c in codes for i in items_by_unit.get(units[c].pk, [])]
        team_pool = (teams_by_unit.get(village.pk, []) + teams_by_unit.get(village.parent_id, []))
        if is_own:
            team_id = demo_team.pk
            household_id, created_by = villager1.household_id, villager1.pk
        else:
            team_id = rng.choice(team_pool) if team_pool else None
            household_id = rng.choice(households[village.pk])
            created_by = heads.get(f"head-{village.code.lower()}")
        if team_id is None or not members.get(team_id):
            status = OrderStatus.SUBMITTED
        o = Order(
            created_by_id=created_by, assisted=not is_own, household_id=household_id,
            village_id=village.pk, handler_unit_id=village.pk,
            service_item_id=rng.choice(item_pool), description=rng.choice(
                ["家里老人需要帮助", "请尽快安排", "电视没有信号", "牛犊不吃奶", "想了解新政策",
                 "院子需要清理", "孩子作业辅导"]),
            status=status, created_at=created, submitted_at=created,
        )
        steps = [(EventKind.PLACED, "", OrderStatus.SUBMITTED, created, created_by)]
        t = created
        if status == OrderStatus.CANCELLED:
            t += timedelta(hours=rng.randint(1, 20))
            o.cancelled_at = t
            steps.append((EventKind.CANCELLED, OrderStatus.SUBMITTED, status, t, created_by))
        elif status != OrderStatus.SUBMITTED:
            dispatcher = heads.get(f"head-{village.code.lower()}")
            if rng.random() < LATE_DISPATCH_SHARE and not is_own and village.parent_id:
                # Not dispatched in time: flagged, passed to the township, dispatched there.
                late = t + timedelta(hours=settings.VOLUNTEERS_DISPATCH_WITHIN_HOURS)
                o.handler_unit_id = village.parent_id
                steps.append((EventKind.OVERDUE, "", "", late, None))
                steps.append((EventKind.ESCALATED, OrderStatus.SUBMITTED,
                              OrderStatus.SUBMITTED, late, None))
                t = late + timedelta(hours=rng.uniform(1, 12))
                dispatcher = town_heads.get(village.parent_id)
            else:
                t += timedelta(hours=rng.uniform(0.5, 20))
            o.team_id, o.dispatched_at = team_id, min(t, now)
            steps.append((EventKind.DISPATCHED, OrderStatus.SUBMITTED, OrderStatus.DISPATCHED,
                          o.dispatched_at, dispatcher))
            if status in (OrderStatus.ACCEPTED, OrderStatus.COMPLETED, OrderStatus.RATED):
                t += timedelta(hours=rng.uniform(0.2, 40))
                o.volunteer_id = rng.choice(members[team_id])
                o.accepted_at = min(t, now)
                steps.append((EventKind.ACCEPTED, OrderStatus.DISPATCHED, OrderStatus.ACCEPTED,
                              o.accepted_at, None))
            if status in (OrderStatus.COMPLETED, OrderStatus.RATED):
                t += timedelta(hours=rng.uniform(1, 72))
                o.completed_at = min(t, now)
                o.hours = Decimal(rng.choice(["0.5", "1", "1.5", "2", "3", "4"]))
                steps.append((EventKind.COMPLETED, OrderStatus.ACCEPTED, OrderStatus.COMPLETED,
                              o.completed_at, None))
            if status == OrderStatus.RATED:
                t += timedelta(hours=rng.uniform(1, 48))
                o.rated_at = min(t, now)
                o.rating = rng.choices([5, 4, 3, 2, 1], weights=[60, 25, 9, 4, 2])[0]
                o.rating_comment = rng.choice(["很满意", "服务及时", "态度很好", "", "还可以"])
                steps.append((EventKind.RATED, OrderStatus.COMPLETED, OrderStatus.RATED,
                              o.rated_at, created_by))
        if status == OrderStatus.SUBMITTED and age > 1 and not is_own:
            o.overdue_at = created + timedelta(hours=24)
            o.handler_unit_id = village.parent_id or banner.pk
            steps.append((EventKind.OVERDUE, "", "", o.overdue_at, None))
            steps.append((EventKind.ESCALATED, OrderStatus.SUBMITTED, OrderStatus.SUBMITTED,
                          o.overdue_at, None))
        orders.append(o)
        plan.append(steps)
        if len(orders) >= BATCH * 5:
            flush(orders, plan)
            orders, plan = [], []
            ctx.progress(f"服务订单：{counts['orders']}/{len(specs)} 单")
    flush(orders, plan)
    ctx.progress(f"服务订单：{counts['orders']} 单")
    ctx.progress(
        f"订单流转记录：{OrderEvent.objects.count()} 条；第三方点评：{counts['reviews']} 条"
    )

    # Time bank: every completed order deposited its hours once.
    done.sort(key=lambda row: row[0])
    vids = {volunteer_id for _at, volunteer_id, _hours, _pk in done}
    have = set(TimeBankAccount.objects.filter(volunteer_id__in=vids)
               .values_list("volunteer_id", flat=True))
    TimeBankAccount.objects.bulk_create(
        [TimeBankAccount(volunteer_id=v) for v in vids if v not in have], batch_size=BATCH)
    accounts = dict(TimeBankAccount.objects.filter(volunteer_id__in=vids)
                    .values_list("volunteer_id", "pk"))
    balances = defaultdict(Decimal)
    entries = []
    written = 0
    for completed_at, volunteer_id, hours, pk in done:
        balances[volunteer_id] += hours
        entries.append(TimeBankEntry(
            account_id=accounts[volunteer_id], kind=EntryKind.ORDER, hours=hours,
            balance_after=balances[volunteer_id], source_type="order", source_id=pk,
            created_at=completed_at, note="服务订单"))
        if len(entries) >= BATCH * 5:
            TimeBankEntry.objects.bulk_create(entries, batch_size=BATCH)
            written += len(entries)
            entries = []
    TimeBankEntry.objects.bulk_create(entries, batch_size=BATCH)
    written += len(entries)
    rows = [TimeBankAccount(pk=accounts[v], volunteer_id=v, balance=b)
            for v, b in balances.items()]
    TimeBankAccount.objects.bulk_update(rows, ["balance"], batch_size=BATCH)
    ctx.progress(f"时间银行：{written} 笔存入，{len(accounts)} 个账户")


# Shares of the activities and service items put under a campaign that covers their day.
CAMPAIGN_SHARE_OF_ACTIVITIES = 0.35
CAMPAIGN_SHARE_OF_ITEMS = 0.2


def _assign_campaigns(ctx, rows, share):
    """Put a share of ``rows`` (activities, or service items: no day, today's) under one of the
    campaigns of their unit's line (the banner's or their township's) running on their day."""
    from campaigns.models import Campaign

    campaigns = list(Campaign.objects.select_related("unit").order_by("starts_on", "code"))
    if not campaigns:
        return 0
    today = timezone.localdate()
    rng, made = ctx.rng, 0
    for row in rows:
        if rng.random() > share:
            continue
        day = timezone.localdate(row.starts_at) if hasattr(row, "starts_at") else today
        line = row.unit.path
        fitting = [c for c in campaigns if c.starts_on <= day <= c.ends_on
                   and line.startswith(c.unit.path)]
        if fitting:
            row.campaign = rng.choice(fitting)
            made += 1
    return made


def _ensure_item_campaigns(ctx):
    """Some service items belong to a campaign running today (once: items without one)."""
    if ServiceItem.objects.filter(campaign__isnull=False).exists():
        return
    items = list(ServiceItem.objects.select_related("unit").order_by("pk"))
    if _assign_campaigns(ctx, items, CAMPAIGN_SHARE_OF_ITEMS):
        ServiceItem.objects.bulk_update([i for i in items if i.campaign_id], ["campaign"],
                                        batch_size=BATCH)


def seed(ctx) -> None:
    units = ctx.extra["units"]
    villages = ctx.extra["villages"]
    _ensure_items(ctx, units)
    _ensure_item_campaigns(ctx)
    teams = _ensure_teams(ctx, units, villages)
    _ensure_volunteers(ctx, teams, ctx.rng)
    demo_team = _ensure_accounts(ctx, units)
    teams = list(Team.objects.select_related("unit").order_by("pk"))
    _seed_orders(ctx, units, villages, teams, demo_team)
    _seed_activities(ctx, units, villages, teams, demo_team)
    _seed_applications(ctx, villages, demo_team)


# --- volunteer applications waiting for a decision (群众报名) ----------------------------------
DEMO_APPLICATIONS = [
    # (village name, name, phone, employer, free time, political status, categories, skills)
    ("沃德嘎查", "乌日娜", "19900000001", "", "周末", "masses", ["culture", "elderly"],
     "唱歌、跳安代舞"),
    ("沃德嘎查", "王秀兰", "19900000002", "查日苏镇中心学校", "八小时外、寒暑假",
     "party_member", ["culture", "policy"], "书法、辅导作业"),
    ("柴达木嘎查", "巴特尔", "19900000003", "努古斯台镇卫生院", "八小时外", "league_member",
     ["health"], "测血压、急救"),
]


def _seed_applications(ctx, villages, demo_team):
    """A few applications waiting: two in 沃德嘎查 for volunteer1's team (station1 decides
    them), one in 柴达木嘎查 (council2's village)."""
    from .services import application_submit

    by_name = {v.name: v for v in villages}
    have = set(VolunteerApplication.objects.values_list("phone", flat=True))
    made = 0
    for i, (village_name, name, phone, employer, free, political, kinds, skills) in enumerate(
            DEMO_APPLICATIONS):
        village = by_name.get(village_name)
        if village is None or phone in have:
            continue
        team = demo_team if village.pk == demo_team.unit_id else (
            Team.objects.filter(unit=village, active=True).order_by("pk").first())
        if team is None:
            continue
        application_submit(actor=None, client=f"demo-{i}", name=name, phone=phone,
                           village=village, teams=[team], service_categories=kinds,
                           skills=skills, free_time=free, employer=employer,
                           political_status=political)
        made += 1
    ctx.progress(f"志愿者报名：新建 {made} 份待审核")


# --- practice activities, service days and attendance ------------------------------------------
OTHER_ACTIVITIES = 3600      # besides the service days, from 1 January last year
SERVICE_DAY_SHARE = 0.85     # share of village-months with a service day
ATTENDED_SHARE = 0.4         # share of held activities with recorded attendance
STAFF_ENTERED_SHARE = 0.1    # share of attendances whose hours staff entered

ACTIVITY_TITLES = {
    "theory_lecture": ["党的创新理论宣讲", "习语近人·理论微宣讲", "新时代讲习所专题讲座"],
    "policy_lecture": ["惠民政策宣讲会", "乡村振兴政策解读", "草原生态补奖政策讲解"],
    "customs_reform": ["移风易俗·红白事简办宣讲", "抵制高价彩礼座谈会", "文明新风进万家"],
    "environment": ["人居环境整治", "垃圾分类宣传", "村道清扫和植树"],
    "culture": ["乌兰牧骑送戏下乡", "文化广场电影放映", "好来宝和民歌演唱会"],
    "elderly_care": ["为老人理发和打扫庭院", "孝老爱亲敬老宴", "空巢老人走访慰问"],
    "health": ["健康义诊", "测血压血糖进嘎查", "急救知识讲座"],
    "legal": ["法律知识讲座", "草场纠纷调解咨询", "禁毒禁赌宣传"],
    "agri_tech": ["肉牛养殖技术培训", "玉米种植技术指导", "电商助农培训"],
    "other": ["读书分享会", "青少年假期辅导", "道德评议会"],
}
PLACES = ["文化广场", "党群服务中心", "新时代文明实践站", "村委会会议室", "卫生室", "学校操场"]


def _team_pools(teams):
    by_unit = defaultdict(list)
    for t in teams:
        by_unit[t.unit_id].append(t.pk)
    return by_unit


def _activity(rng, unit, category, start, hours, status, now):
    title = (f"{unit.name}志愿服务活动日" if category == "service_day"
             else rng.choice(ACTIVITY_TITLES[category]))
    end = start + timedelta(hours=hours)
    return Activity(
        unit=unit, category=category, title=title, starts_at=start, ends_at=end,
        place=unit.name + rng.choice(PLACES), status=status, created_at=start - timedelta(
            days=rng.randint(3, 20)),
        held_at=min(end, now) if status == ActivityStatus.HELD else None,
        cancelled_at=start - timedelta(days=1) if status == ActivityStatus.CANCELLED else None,
        description="" if rng.random() < 0.5 else "欢迎广大农牧民群众参加。",
    )


def _status_for(rng, start, now):
    if start > now:
        return ActivityStatus.PLANNED
    return ActivityStatus.CANCELLED if rng.random() < 0.04 else ActivityStatus.HELD


def _activity_specs(ctx, units, villages, now):
    """(activity, [team ids]) since January last year: service days, then the rest."""
    rng = ctx.rng
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    banner = units["KZHQ"]
    townships = sorted((u for u in units.values() if u.level == Level.TOWNSHIP),
                       key=lambda u: u.code)
    specs = []
    # Service days: one a month in most villages, every month since January last year.
    months_back = 12 + today.month - 1
    for v in villages:
        for back in range(months_back, -1, -1):
            year, month = today.year, today.month - back
            while month <= 0:
                year, month = year - 1, month + 12
            if rng.random() > SERVICE_DAY_SHARE:
                continue
            day = rng.randint(1, 28)
            start = datetime(year, month, day, rng.choice([8, 9, 14]), 0, tzinfo=tz)
            if back == 0 and start.date() > today + timedelta(days=20):
                continue
            specs.append((_activity(rng, v, "service_day", start, rng.choice([2, 3, 3.5]),
                                    _status_for(rng, start, now), now), "village"))
    # Other activities at villages, townships and the banner.
    others = OTHER_ACTIVITIES * ctx.scale
    span = span_days(today)
    categories = [c for c in ACTIVITY_TITLES if c != ActivityCategory.SERVICE_DAY]
    for i in range(others):
        roll = rng.random()
        unit = (banner if roll < 0.03 else rng.choice(townships) if roll < 0.3
                else villages[i % len(villages)])
        days = rng.uniform(-20, span)  # a few coming up in the next three weeks
        start = (now - timedelta(days=days)).replace(minute=rng.choice([0, 30]), second=0,
                                                    microsecond=0)
        start = start.replace(hour=rng.randint(8, 19))
        specs.append((_activity(rng, unit, rng.choice(categories), start,
                                rng.choice([1, 1.5, 2, 2.5, 3]), _status_for(rng, start, now),
                                now), "any"))
    return specs


def _demo_checkin_activity(ctx, units, demo_team, now):
    """An activity going on now in station1's village, organised by volunteer1's team."""
    village = units["T05V01"]
    start = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    activity = Activity.objects.create(
        unit=village, category="environment", title="沃德嘎查人居环境整治（扫码签到演示）",
        starts_at=start, ends_at=start + timedelta(hours=4), place="沃德嘎查文化广场",
        created_by=ctx.users.get("station1"), description="志愿者扫描现场二维码签到、签退。")
    activity.teams.add(demo_team)
    ActivityEvent.objects.create(activity=activity, to_status=ActivityStatus.PLANNED,
                                 actor=ctx.users.get("station1"), at=now)
    return activity


def _seed_activities(ctx, units, villages, teams, demo_team):
    if Activity.objects.exists():
        ctx.progress(f"文明实践活动：已有 {Activity.objects.count()} 项，跳过")
        return
    rng = ctx.rng
    now = timezone.now()
    specs = _activity_specs(ctx, units, villages, now)
    rows = [a for a, _kind in specs]
    _assign_campaigns(ctx, rows, CAMPAIGN_SHARE_OF_ACTIVITIES)
    Activity.objects.bulk_create(rows, batch_size=BATCH)
    if rows and rows[0].pk is None:  # backends without RETURNING
        ids = list(Activity.objects.order_by("pk").values_list("pk", flat=True))
        for a, pk in zip(rows, ids, strict=True):
            a.pk = pk
    _demo_checkin_activity(ctx, units, demo_team, now)

    # Organising teams: the village's own teams or its township's; the banner's teams above.
    pools = _team_pools(teams)
    links, chosen = [], {}
    Through = Activity.teams.through
    for a in rows:
        pool = pools.get(a.unit_id, []) or pools.get(a.unit.parent_id, [])
        if not pool:
            continue
        picks = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2])))
        chosen[a.pk] = picks
        links += [Through(activity_id=a.pk, team_id=t) for t in picks]
    Through.objects.bulk_create(links, batch_size=BATCH)
    events = []
    for a in rows:
        events.append(ActivityEvent(activity_id=a.pk, to_status=ActivityStatus.PLANNED,
                                    at=a.created_at))
        if a.status != ActivityStatus.PLANNED:
            events.append(ActivityEvent(activity_id=a.pk, from_status=ActivityStatus.PLANNED,
                                        to_status=a.status, at=a.held_at or
                                        a.cancelled_at))
    ActivityEvent.objects.bulk_create(events, batch_size=BATCH)
    ctx.progress(f"文明实践活动：{len(rows) + 1} 项（其中志愿服务活动日 "
                 f"{sum(1 for a in rows if a.category_id == 'service_day')} 项）")
    _seed_attendance(ctx, rows, chosen, now)


def _seed_attendance(ctx, rows, chosen, now):
    """Attendance at a share of held activities, its hours deposited in the time bank once."""
    rng = ctx.rng
    members = defaultdict(list)
    for tid, vid in Membership.objects.values_list("team_id", "volunteer_id"):
        members[tid].append(vid)
    attendances, participants = [], {}
    for a in rows:
        if a.status != ActivityStatus.HELD or rng.random() > ATTENDED_SHARE:
            participants[a.pk] = 0 if a.status != ActivityStatus.HELD else rng.randint(15, 90)
            continue
        pool = sorted({v for t in chosen.get(a.pk, []) for v in members.get(t, [])})
        people = rng.sample(pool, k=min(len(pool), rng.randint(3, 8)))
        participants[a.pk] = len(people) + rng.randint(10, 80)
        for vid in people:
            check_in = a.starts_at - timedelta(minutes=rng.randint(0, 15))
            att = Attendance(activity_id=a.pk, volunteer_id=vid, checked_in_at=check_in,
                             check_in_method=CheckMethod.QR)
            if rng.random() < STAFF_ENTERED_SHARE:  # forgot to check out: staff add hours
                att.hours = max(QUARTER, hours_present(a, a.starts_at, a.ends_at) - QUARTER)
                att.hours_source = HoursSource.STAFF_ENTERED
                att.note = "忘记签退，工作人员补录"
            else:
                att.checked_out_at = a.ends_at + timedelta(minutes=rng.randint(-40, 10))
                att.check_out_method = CheckMethod.QR
                att.hours = hours_present(a, check_in, att.checked_out_at)
                att.hours_source = HoursSource.VERIFIED
            attendances.append((a, att))
    for a in rows:
        a.participants = participants.get(a.pk, 0)
    Activity.objects.bulk_update(rows, ["participants"], batch_size=BATCH)
    Attendance.objects.bulk_create([att for _a, att in attendances], batch_size=BATCH)
    if attendances and attendances[0][1].pk is None:
        keyed = {(x.activity_id, x.volunteer_id): x.pk for x in Attendance.objects.all()}
        for _a, att in attendances:
            att.pk = keyed[(att.activity_id, att.volunteer_id)]

    # The time bank: one entry per attendance with hours, appended after what is there.
    paid = sorted(((a, att) for a, att in attendances if att.hours and att.hours > 0),
                  key=lambda pair: pair[1].checked_out_at or pair[0].ends_at)
    vids = {att.volunteer_id for _a, att in paid}
    have = set(TimeBankAccount.objects.filter(volunteer_id__in=vids)
               .values_list("volunteer_id", flat=True))
    TimeBankAccount.objects.bulk_create(
        [TimeBankAccount(volunteer_id=v) for v in vids if v not in have], batch_size=BATCH)
    accounts = {v: (pk, bal) for v, pk, bal in TimeBankAccount.objects.filter(
        volunteer_id__in=vids).values_list("volunteer_id", "pk", "balance")}
    balances = {v: bal for v, (_pk, bal) in accounts.items()}
    entries = []
    for a, att in paid:
        balances[att.volunteer_id] += att.hours
        verified = att.hours_source == HoursSource.VERIFIED
        entries.append(TimeBankEntry(
            account_id=accounts[att.volunteer_id][0],
            kind=EntryKind.ACTIVITY if verified else EntryKind.STAFF_ENTERED, hours=att.hours,
            balance_after=balances[att.volunteer_id], source_type="attendance",
            source_id=att.pk, note=a.title[:200],
            created_at=min(att.checked_out_at or a.ends_at, now)))
    TimeBankEntry.objects.bulk_create(entries, batch_size=BATCH)
    TimeBankAccount.objects.bulk_update(
        [TimeBankAccount(pk=accounts[v][0], volunteer_id=v, balance=b)
         for v, b in balances.items()], ["balance"], batch_size=BATCH)
    staff = sum(1 for _a, att in attendances if att.hours_source == HoursSource.STAFF_ENTERED)
    ctx.progress(f"活动签到：{len(attendances)} 人次（工作人员补录 {staff} 人次），"
                 f"时间银行存入 {len(entries)} 笔")
