"""Demo of outreach: each of the 20 mobile posts gets a team, a menu of six services and a
profile, and a year of rounds — the past twelve months made (people served, services given,
a few stops cancelled), this month's stops made up to today and planned after it, and the
coming month planned in every village of its township, so that every villager sees a next
visit. Rows are written in bulk with their dates (the services refuse past days). Safe to run
twice: nothing is written when stops exist already."""

from __future__ import annotations

import datetime

from django.utils import timezone

from practice.models import Level, SiteKind, Unit, User
from practice.roles import Role
from volunteers.demo import ITEM_NAMES_MN
from volunteers.models import ServiceItem, Team, TeamKind

from .models import MobilePost, PlaceKind, Round, Stop, StopService, StopStatus

MENU = [("义诊巡诊", "health"), ("老人理发", "elderly"), ("政策宣讲", "policy"),
        ("法律咨询", "legal"), ("家电维修", "repair"), ("农牧业技术指导", "farming")]
PLACES = [(PlaceKind.HAMLET, "村委会广场"), (PlaceKind.SCHOOL, "嘎查小学"),
          (PlaceKind.SETTLEMENT, "牧民定居点"), (PlaceKind.HAMLET, "文化活动室"),
          (PlaceKind.COMPANY, "合作社院内")]
STOP_DAYS = (6, 13, 20, 27)  # four stops a month in the past, one a week
TIMES = [(datetime.time(9), datetime.time(11, 30)), (datetime.time(14), datetime.time(16, 30))]
CANCEL_REASONS = ["暴雪封路", "车辆检修", "与防疫工作冲突"]


def _first_of_month(day: datetime.date, back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def seed(ctx) -> None:
    if Stop.objects.exists():
        return
    posts = list(Unit.objects.filter(level=Level.BASE, site_kind=SiteKind.MOBILE_POST)
                 .order_by("path"))
    if not posts:
        return
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    admin = ctx.users.get("admin") or User.objects.filter(role=Role.BANNER_ADMIN).first()
    villages_of: dict[int, list[int]] = {}
    for pk, township in (Unit.objects.filter(level=Level.VILLAGE).order_by("path")
                         .values_list("pk", "township_id")):
        villages_of.setdefault(township, []).append(pk)

    # --- teams, menus and profiles ------------------------------------------------------------
    have_teams = set(Team.objects.filter(unit__in=posts).values_list("unit_id", flat=True))
    Team.objects.bulk_create([Team(name=f"{p.name}志愿服务队", unit=p, kind=TeamKind.PARTY)
                              for p in posts if p.pk not in have_teams])
    team_of = dict(Team.objects.filter(unit__in=posts).order_by("-pk").values_list("unit_id",
                                                                                    "pk"))
    have_items = set(ServiceItem.objects.filter(unit__in=posts).values_list("unit_id", "name"))
    ServiceItem.objects.bulk_create([
        ServiceItem(name=name, category=category, unit=p, name_mn=ITEM_NAMES_MN.get(name, ""),
                    description="流动驿站送服务上门")
        for p in posts for name, category in MENU if (p.pk, name) not in have_items])
    menu_of: dict[int, list[int]] = {}
    for pk, unit_id in ServiceItem.objects.filter(unit__in=posts, active=True).order_by(
            "pk").values_list("pk", "unit_id"):
        menu_of.setdefault(unit_id, []).append(pk)
    have_profiles = set(MobilePost.objects.values_list("unit_id", flat=True))
    MobilePost.objects.bulk_create([
        MobilePost(unit=p, team_id=team_of.get(p.pk), vehicle=f"流动服务车 蒙G·{k + 1:02d}M08",
                   phone=f"1390475{k + 1:04d}")
        for k, p in enumerate(posts) if p.pk not in have_profiles])

    # --- rounds: twelve months back, this month and the next ------------------------------------
    months = [_first_of_month(today, back) for back in range(12, -2, -1)]
    Round.objects.bulk_create([Round(post=p, month=m, created_by=admin, note="")
                               for p in posts for m in months], ignore_conflicts=True)
    round_of = {(r.post_id, r.month): r.pk for r in Round.objects.filter(post__in=posts)}
    stops, plans = [], []
    for k, post in enumerate(posts):
        villages = villages_of.get(post.township_id, [])
        menu = menu_of.get(post.pk, [])
        if not villages:
            continue
        for n, month in enumerate(months):
            if month > today:  # the coming month: every village of the township
                days = [month + datetime.timedelta(days=(2 + 2 * i) % 27)
                        for i in range(len(villages))]
                chosen = villages
            else:
                days = [month.replace(day=d) for d in STOP_DAYS]
                chosen = [villages[(n * 4 + i + k) % len(villages)] for i in range(4)]
                if month.year == today.year and month.month == today.month:
                    # this month: also the rest of the township's villages after today
                    rest = [v for v in villages if v not in chosen]
                    later = [today + datetime.timedelta(days=1 + i % 3) for i in range(len(rest))]
                    later = [d for d in later if d.month == month.month]
                    days += later
                    chosen = chosen + rest[:len(later)]
            for i, (day, village) in enumerate(zip(days, chosen, strict=False)):
                kind, place = PLACES[(i + n) % len(PLACES)]
                starts, ends = TIMES[i % 2]
                stop = Stop(round_id=round_of[(post.pk, month)], post=post, date=day,
                            starts_at=starts, ends_at=ends, place_kind=kind, village_id=village,
                            place=place)
                end_at = timezone.make_aware(datetime.datetime.combine(day, ends))
                if end_at < now:
                    if rng.random() < 0.05:
                        stop.status = StopStatus.CANCELLED
                        stop.cancel_reason = rng.choice(CANCEL_REASONS)
                    else:
                        stop.status = StopStatus.DONE
                        stop.people_served = rng.randint(15, 90)
                    stop.recorded_by = admin
                    stop.recorded_at = end_at + datetime.timedelta(hours=2)
                stops.append(stop)
                plans.append(rng.sample(menu, min(3, len(menu))))
    Stop.objects.bulk_create(stops, batch_size=1000)
    through = Stop.services.through
    links, given = [], []
    for stop, items in zip(stops, plans, strict=True):
        links += [through(stop_id=stop.pk, serviceitem_id=i) for i in items]
        if stop.status == StopStatus.DONE:
            left = stop.people_served
            for i in items:
                count = rng.randint(0, left)
                given.append(StopService(stop_id=stop.pk, service_item_id=i, count=count))
    through.objects.bulk_create(links, batch_size=2000)
    StopService.objects.bulk_create(given, batch_size=2000)
    done = sum(1 for s in stops if s.status == StopStatus.DONE)
    ctx.progress(f"流动驿站：{len(posts)} 个，站点 {len(stops)} 个（已完成 {done} 个）")
