"""Demo of the villages' institutions (一约四会): in about thirty villages of six townships (the
README's two villages among them), a compact (a second version in some), the four councils with
members from the village's villagers' accounts, about a year of monthly meetings, the villagers'
council's proposals and decisions (a few raising supervised tasks), and the anti-drug council's
awareness activities (practice activities of the village) and home visits.

Runs after practice, campaigns and volunteers (INSTALLED_APPS order: the volunteers' demo seeds
activities only into an empty table), before banquets. Safe to run twice:
a village that already has a compact is left alone; councils are looked up first
(``get_or_create``: the banquets demo may set up red-and-white councils too). Rows go in with
``bulk_create``.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from practice.models import Household, Level, Unit, User
from practice.roles import Role

from .models import (
    AntiDrugActivity,
    AntiDrugVisit,
    CompactVersion,
    Council,
    CouncilKind,
    CouncilMeeting,
    CouncilMember,
    Decider,
    Decision,
    Outcome,
    Proposal,
    Seat,
)

VILLAGES_PER_TOWNSHIP = 5
TOWNSHIPS = 6
MEMBERS = 6

COMPACT = [
    "一、热爱祖国，遵纪守法，维护民族团结。",
    "二、移风易俗，红白事简办，执行本村办宴标准（见办宴标准公示）。",
    "三、禁毒禁赌，不参与赌博和封建迷信活动。",
    "四、孝老爱亲，邻里和睦，互帮互助。",
    "五、爱护草原，禁牧休牧期间不偷牧，不乱垦乱挖。",
    "六、保持庭院和村道整洁，垃圾定点投放。",
    "七、积极参加志愿服务和新时代文明实践活动。",
]
COMPACT_2 = ["八、婚事新办、丧事简办，不大操大办，不收受高额彩礼。",
             "九、积分超市积分按户记录，公开公示。"]
TOPICS = {
    CouncilKind.RED_WHITE: ["审议近期红白事申报", "宣传办宴标准", "检查合约食堂执行情况"],
    CouncilKind.MORAL_REVIEW: ["评议十星级文明户推荐名单", "评议好婆婆好媳妇", "通报不文明行为"],
    CouncilKind.VILLAGERS: ["讨论村内公益事项", "审议村民提出的议题", "听取村务公开情况"],
    CouncilKind.ANTI_DRUG: ["部署禁毒宣传月活动", "排查赌博隐患", "总结入户走访情况"],
}
PROPOSALS = [
    ("硬化村东至牧场道路", "同意硬化村东至牧场道路，争取苏木镇项目支持"),
    ("在文化室安装取暖设备", "同意冬季前完成文化室取暖改造"),
    ("修缮村口饮水井", "同意修缮饮水井，由村集体出资"),
    ("组织冬季送温暖活动", "同意组织志愿者为独居老人送煤送菜"),
    ("设立垃圾定点投放点", "同意在村内设立三处垃圾投放点"),
    ("增加村内路灯", "同意增加路灯十盏"),
    ("举办那达慕文艺活动", "同意举办小型那达慕，严禁借机赌博"),
    ("调整草场轮牧安排", "暂缓调整，待苏木镇草原站意见后再议"),
]
RAISED_BY = ["第一村民小组", "第二村民小组", "村妇联", "老党员代表", "牧民代表", "青年代表"]
ANTIDRUG = ["禁毒宣传进嘎查", "6·26国际禁毒日宣传", "拒绝赌博 文明过节", "禁毒知识讲座"]
VISIT_TOPICS = ["禁毒知识入户宣传", "春节期间防赌提醒", "重点人员家庭走访", "那达慕期间防赌提醒"]


def _founded(kind, today, start, rng):
    """When the village's council was set up: the red-and-white councils are the oldest (the
    customs reform began with them), seated before the canteens' two years of bookings, which
    they decided; the others in the two years before the demo's year."""
    if kind == CouncilKind.RED_WHITE:
        return today - datetime.timedelta(days=3 * 365 + rng.randint(0, 60))
    return start - datetime.timedelta(days=rng.randint(30, 400))


def _villages():
    townships = list(Unit.objects.filter(level=Level.TOWNSHIP).order_by("path")[:TOWNSHIPS])
    out = []
    for t in townships:
        out += list(Unit.objects.filter(level=Level.VILLAGE, parent=t)
                    .order_by("path")[:VILLAGES_PER_TOWNSHIP])
    return out


def _people(ctx, villages):
    """The villagers' accounts of each village (made for some household heads where it has too
    few), and its staff's."""
    have: dict[int, list[User]] = {}
    for u in (User.objects.filter(household__village__in=villages, is_active=True)
              .select_related("household").order_by("pk")):
        have.setdefault(u.household.village_id, []).append(u)
    new = []
    taken = set(User.objects.filter(household__village__in=villages)
                .values_list("household_id", flat=True))
    for v in villages:
        missing = MEMBERS + 2 - len(have.get(v.pk, []))
        if missing <= 0:
            continue
        for h in (Household.objects.filter(village=v).exclude(pk__in=taken)
                  .order_by("number")[:missing]):
            new.append(User(username=f"cm-{h.number.lower()}", real_name=h.head_name,
                            role=Role.VILLAGER, unit_id=v.pk, household_id=h.pk,
                            password=ctx.password_hash))
    User.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    have = {}
    for u in (User.objects.filter(household__village__in=villages, is_active=True)
              .select_related("household").order_by("pk")):
        have.setdefault(u.household.village_id, []).append(u)
    return have


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(ctx) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    done = set(CompactVersion.objects.values_list("village_id", flat=True))
    villages = [v for v in _villages() if v.pk not in done]
    if not villages:
        return
    people = _people(ctx, villages)
    admin = ctx.users.get("admin") or User.objects.filter(role=Role.BANNER_ADMIN).first()
    start = today - datetime.timedelta(days=365)

    compacts, members, meetings, visits = [], [], [], []
    proposals, decided, activities = [], [], []
    for n, village in enumerate(villages):
        staff = village.head or admin
        first = today - datetime.timedelta(days=rng.randint(420, 600))
        compacts.append(CompactVersion(
            village=village, number=1, text="\n".join(COMPACT), adopted_on=first,
            minutes=f"{first:%Y年%m月%d日}召开村民大会，应到{rng.randint(90, 160)}户，"
                    f"实到{rng.randint(70, 89)}户，表决通过村规民约。", created_by=staff))
        if n % 3 == 0:
            second = today - datetime.timedelta(days=rng.randint(40, 300))
            compacts.append(CompactVersion(
                village=village, number=2, text="\n".join(COMPACT + COMPACT_2),
                adopted_on=second, minutes=f"{second:%Y年%m月%d日}召开村民大会，修订村规民约，"
                                           "增加婚事新办和积分公示条款，表决通过。",
                created_by=staff))
        accounts = people.get(village.pk, [])
        for kind in CouncilKind.values:
            council, _created = Council.objects.get_or_create(
                village=village, kind=kind,
                defaults={"founded_on": _founded(kind, today, start, rng),
                          "decider": Decider.CHAIR if kind == CouncilKind.RED_WHITE
                          and n % 2 else Decider.ANY_MEMBER})
            if not council.members.exists():
                seated = rng.sample(accounts, min(MEMBERS, len(accounts)))
                for i, person in enumerate(seated):
                    members.append(CouncilMember(
                        council=council, user=person, seat=Seat.CHAIR if i == 0 else Seat.MEMBER,
                        term_starts=council.founded_on or start))
            for month in range(12):
                if rng.random() < 0.25:
                    continue
                held = start + datetime.timedelta(days=30 * month + rng.randint(0, 25))
                if held > today:
                    continue
                meetings.append(CouncilMeeting(
                    council=council, held_on=held, place="嘎查文化活动室",
                    attendees=rng.randint(4, MEMBERS + 3), topics=rng.choice(TOPICS[kind]),
                    minutes="会议由会长主持，与会成员逐项讨论，形成一致意见。", created_by=staff))
            if kind == CouncilKind.VILLAGERS:
                for text, decision in rng.sample(PROPOSALS, rng.randint(4, 7)):
                    deferred = decision.startswith("暂缓")
                    raised = start + datetime.timedelta(days=rng.randint(0, 340))
                    proposal = Proposal(council=council, text=text,
                                        raised_by=rng.choice(RAISED_BY), raised_on=raised,
                                        created_by=staff)
                    proposals.append(proposal)
                    if rng.random() < 0.85:
                        present = rng.randint(5, 9)
                        yes = rng.randint(present // 2, present)
                        no = rng.randint(0, present - yes)
                        decided.append((proposal, Decision(
                            decided_on=min(today, raised + datetime.timedelta(
                                days=rng.randint(3, 20))),
                            text=decision, present=present, votes_for=yes, votes_against=no,
                            votes_abstain=rng.randint(0, present - yes - no),
                            outcome=Outcome.ADOPTED if yes * 2 > present and not deferred
                            else Outcome.REJECTED,
                            created_by=staff)))
            if kind == CouncilKind.ANTI_DRUG:
                for q in range(4):
                    day = start + datetime.timedelta(days=90 * q + rng.randint(0, 80))
                    if day >= today:
                        continue
                    activities.append((council, _activity(village, day, staff, rng)))
                for month in range(12):
                    day = start + datetime.timedelta(days=30 * month + rng.randint(0, 28))
                    if day > today or rng.random() < 0.3:
                        continue
                    visits.append(AntiDrugVisit(
                        council=council, visited_on=day, households=rng.randint(5, 30),
                        topic=rng.choice(VISIT_TOPICS), created_by=staff))

    CompactVersion.objects.bulk_create(compacts, batch_size=500)
    CouncilMember.objects.bulk_create(members, batch_size=500)
    CouncilMeeting.objects.bulk_create(meetings, batch_size=500)
    AntiDrugVisit.objects.bulk_create(visits, batch_size=500)
    Proposal.objects.bulk_create(proposals, batch_size=500)
    for proposal, decision in decided:
        decision.proposal = proposal
    Decision.objects.bulk_create([d for _p, d in decided], batch_size=500)
    _activities(activities)
    tasks = _tasks(ctx, [d for _p, d in decided], today)
    ctx.progress(f"一约四会：{len(villages)} 个嘎查村，村规民约 {len(compacts)} 版，"
                 f"会议 {len(meetings)} 次，决定 {len(decided)} 项（督办 {tasks} 项），"
                 f"禁毒宣传 {len(activities)} 次、走访 {len(visits)} 次")


def _activity(village, day, staff, rng):  # noqa: N802 - a row, not a function to call twice
    from volunteers.models import Activity, ActivityCategory, ActivityStatus

    starts = _at(day, rng.choice([9, 10, 14, 15]))
    return Activity(unit=village, category=ActivityCategory.LEGAL, title=rng.choice(ANTIDRUG),
                    starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                    place="嘎查文化广场", description="禁毒禁赌会组织开展宣传",
                    status=ActivityStatus.HELD, participants=rng.randint(20, 80),
                    created_by=staff, held_at=starts + datetime.timedelta(hours=2))


def _activities(pairs):
    from volunteers.models import Activity

    Activity.objects.bulk_create([a for _c, a in pairs], batch_size=500)
    AntiDrugActivity.objects.bulk_create(
        [AntiDrugActivity(council=c, activity=a, created_by=a.created_by) for c, a in pairs],
        batch_size=500)


def _tasks(ctx, decisions, today) -> int:
    """Some adopted decisions of the last months become supervised tasks of their village: the
    supervision demo, which runs later, sets them through its service (supervision knows
    nothing of this app; ``ctx.extra["village_task_origins"]``)."""
    recent = [d.pk for d in decisions if d.outcome == Outcome.ADOPTED
              and d.decided_on >= today - datetime.timedelta(days=120)][::4][:12]
    handed = list(Decision.objects.filter(pk__in=recent)
                  .select_related("proposal__council").order_by("pk"))
    ctx.extra.setdefault("village_task_origins", []).extend(handed)
    return len(handed)
