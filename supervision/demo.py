"""Demo of supervision: a year of supervised tasks at the townships (and the banner's
departments, where the network has them) — most closed on time, some late, a few still open and
escalated — the leaders' field visits (two or so a quarter each) and the joint meetings of the
banner and a few townships, whose decisions raised some of the tasks.

Rows are written in bulk with their past dates (the services refuse a deadline in the past).
Safe to run twice: nothing is written when tasks exist already.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from practice.models import Level, Unit, User
from practice.roles import Role

from .models import (
    EventKind,
    EvidenceKind,
    FieldVisit,
    JointMeeting,
    MeetingDecision,
    ProgressReport,
    SupervisedTask,
    TaskEvent,
    TaskState,
)
from .services import TITLE_MAX

TASKS = [
    ("整改新时代文明实践所阵地标识", EvidenceKind.PHOTOS, "阵地外景、室内功能室照片"),
    ("完成本月志愿服务活动日", EvidenceKind.ACTIVITY, "活动记录"),
    ("清理嘎查村柴草堆和生活垃圾", EvidenceKind.PHOTOS, "整治前后对比照片"),
    ("补齐积分超市台账", EvidenceKind.NOTE, "台账说明"),
    ("修订村规民约红白事条款", EvidenceKind.NOTE, "修订后的文本"),
    ("提高群众点单满意度", EvidenceKind.INDICATOR, "群众满意度指标"),
    ("组织乌兰牧骑进嘎查演出", EvidenceKind.PHOTOS, "演出现场照片"),
    ("落实蹲点发现问题整改", EvidenceKind.NOTE, "整改情况说明"),
]
FINDINGS = ["村文化室图书陈旧，群众借阅少", "积分超市商品种类少，兑换不便",
            "志愿服务队人员老化，青年参与不够", "红白事简办宣传不到位", "村道两侧垃圾较多",
            "群众对点单服务评价较好，但响应偏慢"]
TOPICS = ["部署季度文明实践重点工作", "研究人居环境整治", "推进移风易俗", "通报督办事项办理情况"]
DECISIONS = ["各苏木镇本月底前完成阵地标识整改", "开展一次红白事简办专题宣传",
             "对逾期督办事项约谈一把手", "组织志愿服务队进嘎查开展义诊"]


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(ctx) -> None:
    if SupervisedTask.objects.exists():
        return
    banner = Unit.objects.filter(level=Level.BANNER).order_by("pk").first()
    if banner is None:
        return
    rng = ctx.rng
    today = timezone.localdate()
    admin = ctx.users.get("admin") or User.objects.filter(role=Role.BANNER_ADMIN).first()
    units = list(Unit.objects.filter(level__in=[Level.TOWNSHIP, Level.DEPARTMENT])
                 .select_related("head").order_by("path"))
    villages_of: dict[int, list[Unit]] = {}
    for v in Unit.objects.filter(level=Level.VILLAGE).order_by("path"):
        villages_of.setdefault(v.township_id, []).append(v)

    meetings, decisions = _meetings(ctx, banner, units, today, admin)
    visits = _visits(ctx, banner, villages_of, today)

    # --- tasks: one a month for each township and department, over the last year -----------
    tasks, plans = [], []
    decision_ct = ContentType.objects.get_for_model(MeetingDecision)
    # Decisions other apps' demos handed over (``ctx.extra["task_origins"]``: objects with a
    # ``unit_id``, a ``text`` and a ``meeting.date``), one per unit and month.
    origins = {}
    for d in ctx.extra.get("task_origins", []):
        origins.setdefault((d.unit_id, d.meeting.date.year, d.meeting.date.month), d)
    visit_ct = ContentType.objects.get_for_model(FieldVisit)
    for months_back in range(12, -1, -1):
        first = (today.replace(day=1) - datetime.timedelta(days=30 * months_back)).replace(day=1)
        for unit in units:
            title, kind, evidence = rng.choice(TASKS)
            set_on = first + datetime.timedelta(days=rng.randint(0, 9))
            deadline = set_on + datetime.timedelta(days=rng.randint(14, 30))
            task = SupervisedTask(title=title, unit=unit, head=unit.head, deadline=deadline,
                                  evidence_kind=kind if kind != EvidenceKind.ACTIVITY
                                  else EvidenceKind.NOTE, evidence_text=evidence,
                                  indicator_code="orders.avg_rating"
                                  if kind == EvidenceKind.INDICATOR else "",
                                  created_by=admin)
            handed = origins.pop((unit.pk, set_on.year, set_on.month), None)
            if handed is not None:
                # Another app's decision about this unit this month (a dispatch meeting's).
                task.title = handed.text[:TITLE_MAX]
                task.origin_type = ContentType.objects.get_for_model(handed)
                task.origin_id = handed.pk
                set_on = handed.meeting.date + datetime.timedelta(days=1)
                deadline = task.deadline = set_on + datetime.timedelta(days=rng.randint(14, 30))
            elif decisions and rng.random() < 0.2:
                d = rng.choice(decisions)
                task.origin_type, task.origin_id = decision_ct, d.pk
            elif visits and rng.random() < 0.15:
                task.origin_type, task.origin_id = visit_ct, rng.choice(visits).pk
            closing = None
            if deadline < today:
                luck = rng.random()
                if luck < 0.82:
                    closing = deadline - datetime.timedelta(days=rng.randint(0, 6))
                elif luck < 0.95:
                    closing = deadline + datetime.timedelta(days=rng.randint(1, 12))
            if closing is not None and closing > today:
                closing = None
            if closing is not None:
                closing = max(closing, set_on + datetime.timedelta(days=1))
                task.state, task.closed_on = TaskState.CLOSED, closing
            elif rng.random() < 0.6:
                task.state = TaskState.IN_PROGRESS
            if deadline < today and (closing is None or closing > deadline):
                task.deadline_noticed_at = _at(deadline, 8)
                if (closing or today) >= deadline + datetime.timedelta(days=3):
                    task.escalated_at = _at(deadline + datetime.timedelta(days=3), 8)
            tasks.append(task)
            plans.append(set_on)
    SupervisedTask.objects.bulk_create(tasks, batch_size=1000)
    tasks = list(SupervisedTask.objects.order_by("pk"))
    for task, set_on in zip(tasks, plans, strict=True):
        task.created_at = _at(set_on, 9)
    SupervisedTask.objects.bulk_update(tasks, ["created_at"], batch_size=1000)

    events, reports = [], []
    for task, set_on in zip(tasks, plans, strict=True):
        events.append(TaskEvent(task=task, actor=admin, to_status=TaskState.OPEN,
                                at=_at(set_on, 9)))
        if task.state != TaskState.OPEN:
            worked = set_on + datetime.timedelta(days=3)
            events.append(TaskEvent(task=task, actor=task.head, from_status=TaskState.OPEN,
                                    to_status=TaskState.IN_PROGRESS, at=_at(worked, 15),
                                    note="已部署落实"))
            reports.append(ProgressReport(task=task, author=task.head, at=_at(worked, 15),
                                          note=f"{task.title}：已部署落实，正在推进。"))
        # Notices leave the state as it was: in progress, or still open if nobody started.
        was = TaskState.OPEN if task.state == TaskState.OPEN else TaskState.IN_PROGRESS
        if task.deadline_noticed_at:
            events.append(TaskEvent(task=task, kind=EventKind.DEADLINE_NOTICE, from_status=was,
                                    to_status=was, at=task.deadline_noticed_at))
        if task.escalated_at:
            events.append(TaskEvent(task=task, kind=EventKind.ESCALATED, from_status=was,
                                    to_status=was, at=task.escalated_at))
        if task.state == TaskState.CLOSED:
            asked = task.closed_on - datetime.timedelta(days=1)
            events.append(TaskEvent(task=task, actor=task.head,
                                    from_status=TaskState.IN_PROGRESS,
                                    to_status=TaskState.CLOSE_REQUESTED, at=_at(asked, 16)))
            events.append(TaskEvent(task=task, actor=admin,
                                    from_status=TaskState.CLOSE_REQUESTED,
                                    to_status=TaskState.CLOSED, at=_at(task.closed_on, 11)))
    TaskEvent.objects.bulk_create(events, batch_size=2000)
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    closed = sum(t.state == TaskState.CLOSED for t in tasks)
    escalated = sum(t.escalated_at is not None for t in tasks)
    ctx.progress(f"督办事项：{len(tasks)} 项（办结 {closed}，升级督办 {escalated}）；"
                 f"蹲点 {len(visits)} 次；联席会议 {len(meetings)} 次")
    _village_origins(ctx, today, admin)


def _village_origins(ctx, today, admin) -> None:
    """Decisions other apps' demos handed over about a village (``ctx.extra
    ["village_task_origins"]``: scoped objects with a ``text`` and a village's ``unit_id``, e.g.
    a villagers' council's decision) become that village's tasks, set by its township through
    the service, as the task form does with ``?origin=``."""
    from . import services

    handed = ctx.extra.get("village_task_origins", [])
    for origin in handed:
        village = Unit.objects.get(pk=origin.unit_id)
        actor = (User.objects.filter(role=Role.TOWNSHIP_STAFF, unit_id=village.parent_id,
                                     is_active=True).order_by("pk").first() or admin)
        services.task_create(actor=actor, title=origin.text[:TITLE_MAX], unit=village,
                             deadline=today + datetime.timedelta(days=30), origin=origin)
    if handed:
        ctx.progress(f"督办事项：村级决定形成 {len(handed)} 项")


def _visits(ctx, banner, villages_of, today) -> list[FieldVisit]:
    """Each leader (the banner's, and each township's) about two stays a quarter."""
    rng = ctx.rng
    leaders = list(User.objects.filter(role=Role.LEADER, is_active=True,
                                       unit__level__in=[Level.BANNER, Level.TOWNSHIP])
                   .select_related("unit").order_by("pk"))
    everywhere = [v for vs in villages_of.values() for v in vs]
    rows, chosen = [], []
    for leader in leaders:
        pool = everywhere if leader.unit.level == Level.BANNER else villages_of.get(
            leader.unit_id, [])
        if not pool:
            continue
        for weeks_back in range(2, 52, rng.choice([5, 6, 7])):
            start = today - datetime.timedelta(weeks=weeks_back, days=rng.randint(0, 6))
            end = start + datetime.timedelta(days=rng.randint(0, 2))
            rows.append(FieldVisit(leader=leader, started_on=start, ended_on=min(end, today),
                                   findings=rng.choice(FINDINGS), recorded_by=leader))
            chosen.append(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
    FieldVisit.objects.bulk_create(rows, batch_size=1000)
    rows = list(FieldVisit.objects.order_by("pk"))
    Through = FieldVisit.villages.through
    Through.objects.bulk_create([Through(fieldvisit_id=v.pk, unit_id=u.pk)
                                 for v, units in zip(rows, chosen, strict=True)
                                 for u in units], batch_size=2000)
    return rows


def _meetings(ctx, banner, units, today, admin):
    """The banner's joint meeting each quarter, and a few townships' own."""
    rng = ctx.rng
    hosts = [banner] * 4 + [u for u in units if u.level == Level.TOWNSHIP][:3]
    leaders = list(User.objects.filter(role=Role.LEADER, unit=banner).order_by("pk"))
    meetings, decisions = [], []
    for i, host in enumerate(hosts):
        day = today - datetime.timedelta(days=30 + 90 * (i % 4) + rng.randint(0, 20))
        meeting = JointMeeting.objects.create(
            unit=host, date=day, topics=rng.choice(TOPICS), recorded_by=admin,
            other_participants="各苏木镇党委书记、旗直相关单位负责人"
            if host == banner else "各嘎查党支部书记")
        people = leaders + ([host.head] if host.head_id else [])
        meeting.participants.set([p for p in people if p is not None])
        for order, text in enumerate(rng.sample(DECISIONS, 2), 1):
            decisions.append(MeetingDecision.objects.create(meeting=meeting, text=text,
                                                            order=order))
        meetings.append(meeting)
    return meetings, decisions
