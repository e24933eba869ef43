"""Demo data of the network: units with their heads, households and the demo accounts.

Called by ``manage.py seed_demo`` before the other apps' ``demo`` modules. Safe to run twice:
every row is looked up by its natural key (unit code, household number, username) first.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from random import Random

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone

from . import demo_names as names
from .models import Household, Level, SiteKind, Unit, User
from .roles import ADMIN_SITE_ROLES, Role

VILLAGES_TOTAL = 293
HOUSEHOLDS_PER_VILLAGE = 30
BATCH = 2000
REGISTERED_AT_OPENING = 0.8  # households and accounts there from the platform's first day


def span_days(today=None) -> int:
    """Days from 1 January last year to today: the demo fills last year as well as this one,
    so that the dashboard compares this year with a whole year before it, not with a stub."""
    today = today or timezone.localdate()
    return (today - today.replace(year=today.year - 1, month=1, day=1)).days


@dataclass
class DemoContext:
    """What ``seed_demo`` hands every app's ``seed``: scale, randomness, output, shared rows."""

    scale: int
    stdout: object
    rng: Random
    password_hash: str
    users: dict[str, User] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def progress(self, message: str) -> None:
        import resource

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        self.stdout.write(f"  · {message}（内存峰值 {peak_mb} MB）")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()


def person_name(rng: Random) -> str:
    return rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)


def _village_names(township: str, count: int, rng: Random) -> list[str]:
    chosen = list(names.NAMED_VILLAGES.get(township, []))
    if township.endswith("社区服务中心"):
        pool = list(names.COMMUNITIES)
    else:
        pool = [p + s + "嘎查" for p in names.PREFIXES for s in names.SUFFIXES]
        pool += names.HAN_VILLAGES
    rng.shuffle(pool)
    for name in pool:
        if len(chosen) >= count:
            break
        if name not in chosen:
            chosen.append(name)
    return chosen[:count]


def _create_missing(rows: list[Unit], existing: dict[str, Unit]) -> None:
    new = [u for u in rows if u.code not in existing]
    for u in new:
        u.path = u.compute_path()
        u.depth = u.path.count("/") - 1
    Unit.objects.bulk_create(new, batch_size=BATCH)
    for u in Unit.objects.filter(code__in=[u.code for u in rows]).select_related("parent"):
        existing[u.code] = u


def _name_in_mongolian(rows: list[Unit]) -> None:
    """Gives the townships and villages the draft has a Mongolian name for that name, where
    none was given yet (an administrator's correction stays)."""
    named = []
    for u in rows:
        mn = names.mongolian_name(u.name)
        if mn and not u.name_mn:
            u.name_mn = mn
            named.append(u)
    Unit.objects.bulk_update(named, ["name_mn"], batch_size=BATCH)


def build_network(ctx: DemoContext) -> dict[str, Unit]:
    rng = Random(20190903)  # the same network every time, whatever ctx.rng did before
    units = {u.code: u for u in Unit.objects.select_related("parent")}
    code, name = names.BANNER
    _create_missing(
        [Unit(code=code, name=name, level=Level.BANNER, site_kind=SiteKind.CENTRE)], units
    )
    banner = units[code]

    townships = [
        Unit(
            code=f"T{i:02d}",
            name=n,
            level=Level.TOWNSHIP,
            site_kind=SiteKind.INSTITUTE,
            parent=banner,
        )
        for i, n in enumerate(names.TOWNSHIPS, start=1)
    ]
    _create_missing(townships, units)
    # A township's ``township`` is itself.
    Unit.objects.filter(level=Level.TOWNSHIP, township__isnull=True).update(township_id=F("pk"))
    townships = [units[t.code] for t in townships]
    for t in townships:
        t.township_id = t.pk

    per = [VILLAGES_TOTAL // len(townships)] * len(townships)
    for i in range(VILLAGES_TOTAL - sum(per)):
        per[i] += 1
    villages, posts = [], []
    for t, count in zip(townships, per, strict=True):
        for j, vname in enumerate(_village_names(t.name, count, rng), start=1):
            villages.append(
                Unit(
                    code=f"{t.code}V{j:02d}",
                    name=vname,
                    level=Level.VILLAGE,
                    site_kind=SiteKind.STATION,
                    parent=t,
                    township_id=t.pk,
                )
            )
        posts.append(
            Unit(
                code=f"{t.code}P1",
                name=f"{t.name}文明实践驿站",
                level=Level.BASE,
                site_kind=SiteKind.POST,
                parent=t,
                township_id=t.pk,
            )
        )
        posts.append(
            Unit(
                code=f"{t.code}M1",
                name=f"{t.name}流动驿站",
                level=Level.BASE,
                site_kind=SiteKind.MOBILE_POST,
                parent=t,
                township_id=t.pk,
            )
        )
    _create_missing(villages + posts, units)
    _name_in_mongolian([units[u.code] for u in townships + villages])
    # The banner's departments (旗直单位): directly under the banner, no villages.
    _create_missing(
        [Unit(code=c, name=n, level=Level.DEPARTMENT, parent=banner) for c, n in names.DEPARTMENTS],
        units,
    )
    ctx.progress(f"旗直单位：{len(names.DEPARTMENTS)} 个")
    ctx.progress(
        f"网络：1 个旗、{len(townships)} 个苏木镇场、{len(villages)} 个嘎查村、{len(posts)} 个驿站"
    )

    bases = []
    for k, v in enumerate(villages):
        if k % 7 == 0:
            v = units[v.code]
            bases.append(
                Unit(
                    code=f"{v.code}B1",
                    name=v.name + rng.choice(names.BASE_KINDS),
                    level=Level.BASE,
                    parent=v,
                    township_id=v.township_id,
                )
            )
    _create_missing(bases, units)
    ctx.progress(f"基地：{len(bases)} 个")
    return units


def _ensure_users(specs: list[dict], ctx: DemoContext) -> dict[str, User]:
    usernames = [s["username"] for s in specs]
    have = {u.username: u for u in User.objects.filter(username__in=usernames)}
    new = []
    for s in specs:
        if s["username"] in have:
            continue
        role = s.get("role", Role.VILLAGER)
        new.append(User(password=ctx.password_hash, is_staff=role in ADMIN_SITE_ROLES, **s))
    User.objects.bulk_create(new, batch_size=BATCH)
    return {u.username: u for u in User.objects.filter(username__in=usernames)}


def _spread_registrations(ctx: DemoContext, since) -> None:
    """Date the households and accounts this run made as a network grows: most registered when
    the platform opened (before last year), the rest month by month since January last year."""
    rng = ctx.rng
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    opened = datetime(today.year - 2, 3, 1, 9, 0, tzinfo=tz)
    span = span_days(today)
    for model, joined in ((Household, "created_at"), (User, "date_joined")):
        ids = model.objects.filter(**{f"{joined}__gte": since}).values_list("pk", flat=True)
        by_day = defaultdict(list)
        for pk in ids:
            if rng.random() < REGISTERED_AT_OPENING:
                by_day[opened].append(pk)
            else:
                day = today - timedelta(days=rng.randint(1, span))
                by_day[datetime.combine(day, time(10, 0), tzinfo=tz)].append(pk)
        for at, pks in by_day.items():
            for chunk in range(0, len(pks), 900):
                model.objects.filter(pk__in=pks[chunk:chunk + 900]).update(**{joined: at})


def seed(ctx: DemoContext) -> None:
    since = timezone.now()
    units = build_network(ctx)
    rng = ctx.rng
    villages = [u for u in units.values() if u.level == Level.VILLAGE]
    villages.sort(key=lambda u: u.code)

    # Heads (一把手): a leader for the banner, each township and each department, station staff
    # for the rest.
    head_specs = []
    for u in units.values():
        role = (Role.LEADER if u.level in (Level.BANNER, Level.TOWNSHIP, Level.DEPARTMENT)
                else Role.STATION_STAFF)
        head_specs.append(
            {
                "username": f"head-{u.code.lower()}",
                "real_name": person_name(rng),
                "role": role,
                "unit_id": u.pk,
            }
        )
    heads = _ensure_users(head_specs, ctx)
    to_update = []
    for u in units.values():
        head = heads[f"head-{u.code.lower()}"]
        if u.head_id != head.pk:
            u.head_id = head.pk
            to_update.append(u)
    Unit.objects.bulk_update(to_update, ["head"], batch_size=BATCH)
    ctx.progress(f"一把手：{len(heads)} 人")

    # Households in every village.
    per_village = HOUSEHOLDS_PER_VILLAGE * ctx.scale
    existing = set(Household.objects.values_list("number", flat=True))
    created = 0
    batch = []
    for i, v in enumerate(villages, start=1):
        for n in range(1, per_village + 1):
            number = f"{v.code}-{n:04d}"
            if number in existing:
                continue
            batch.append(
                Household(
                    village_id=v.pk,
                    number=number,
                    head_name=person_name(rng),
                    address=f"{v.name}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
                    phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                )
            )
            if len(batch) >= BATCH:
                Household.objects.bulk_create(batch)
                created += len(batch)
                batch = []
        if i % 50 == 0 or i == len(villages):
            ctx.progress(f"农户：{i}/{len(villages)} 个村")
    Household.objects.bulk_create(batch)
    created += len(batch)
    ctx.progress(f"农户：新建 {created} 户，共 {Household.objects.count()} 户")

    # The demo accounts of the README.
    town1, town2 = units["T05"], units["T06"]  # 查日苏镇, 努古斯台镇
    station1_village = units["T05V01"]  # 沃德嘎查: runs the points supermarket
    villager2_village = units["T06V01"]  # 柴达木嘎查: runs the contract canteen
    hh1 = Household.objects.get(number=f"{station1_village.code}-0001")
    hh2 = Household.objects.get(number=f"{villager2_village.code}-0001")
    accounts = [
        {
            "username": "admin",
            "real_name": "旗管理员",
            "role": Role.BANNER_ADMIN,
            "unit_id": units["KZHQ"].pk,
        },
        {
            "username": "leader",
            "real_name": "旗领导",
            "role": Role.LEADER,
            "unit_id": units["KZHQ"].pk,
        },
        {
            "username": "town1",
            "real_name": "查日苏镇工作人员",
            "role": Role.TOWNSHIP_STAFF,
            "unit_id": town1.pk,
        },
        {
            "username": "town2",
            "real_name": "努古斯台镇工作人员",
            "role": Role.TOWNSHIP_STAFF,
            "unit_id": town2.pk,
        },
        {
            "username": "station1",
            "real_name": "沃德嘎查站员",
            "role": Role.STATION_STAFF,
            "unit_id": station1_village.pk,
        },
        {
            "username": "villager1",
            "real_name": hh1.head_name,
            "role": Role.VILLAGER,
            "unit_id": station1_village.pk,
            "household_id": hh1.pk,
        },
        {
            "username": "villager2",
            "real_name": hh2.head_name,
            "role": Role.VILLAGER,
            "unit_id": villager2_village.pk,
            "household_id": hh2.pk,
        },
        {
            "username": "reviewer1",
            "real_name": "第三方点评员",
            "role": Role.REVIEWER,
            "unit_id": units["KZHQ"].pk,
        },
    ]
    # One staff account per banner department: dept1 (旗委宣传部) … dept8.
    accounts += [
        {
            "username": f"dept{n}",
            "real_name": f"{name}工作人员",
            "role": Role.TOWNSHIP_STAFF,
            "unit_id": units[code].pk,
        }
        for n, (code, name) in enumerate(names.DEPARTMENTS, start=1)
    ]
    ctx.users.update(_ensure_users(accounts, ctx))
    ctx.extra.update(
        units=units, villages=villages, town1=town1, town2=town2, station1_village=station1_village
    )
    ctx.progress("演示账号：" + "、".join(a["username"] for a in accounts))
    _spread_registrations(ctx, since)


def demo_steps():
    """Each installed app's ``<app>.demo.seed(ctx)``, in the order of ``INSTALLED_APPS``.

    An app contributes demo data by having a ``demo`` module with a ``seed`` function; practice
    (the network and its people) comes first and reports, which sum up the others, last.
    """
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "seed"):
            yield config.verbose_name, module.seed


def new_context(*, scale: int, stdout, seed: int = 1) -> DemoContext:
    return DemoContext(
        scale=scale,
        stdout=stdout,
        rng=Random(seed),
        password_hash=make_password(settings.DEMO_PASSWORD),
    )
